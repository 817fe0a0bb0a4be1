import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { SHOTS_DIR, apiPost, registerViaBff, settled } from './support';

mkdirSync(SHOTS_DIR, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS_DIR, `${name}.png`), fullPage: true });

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
}

/** A solid-colour PNG with a diagonal stripe, built in memory. */
function png(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    for (let x = 0; x < width; x++) {
      const o = y * (width * 3 + 1) + 1 + x * 3;
      const stripe = Math.abs(x - y) < width / 10;
      raw[o] = stripe ? 255 : r;
      raw[o + 1] = stripe ? 255 : g;
      raw[o + 2] = stripe ? 255 : b;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

test('catalogue: products, properties and the media library', async ({ page }) => {
  await registerViaBff(page);

  // Empty states first.
  for (const [path, name] of [
    ['/catalogue/products', '48a-products-empty'],
    ['/catalogue/properties', '48c-properties-empty'],
    ['/catalogue/media', '49a-media-empty'],
  ] as const) {
    await page.goto(path);
    await settled(page);
    await shot(page, name);
    expect(await seriousViolations(page), path).toEqual([]);
  }

  // A product through the dialog, then found by search.
  await page.goto('/catalogue/products');
  await settled(page);
  await page.getByRole('button', { name: 'Nouveau produit' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Nom').fill('Chaise en chêne');
  await dialog.getByLabel('Référence (SKU)').fill('pas valide !');
  await dialog.getByLabel('Prix').fill('129,90');
  await dialog.getByRole('button', { name: 'Créer le produit' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Utilisez des lettres');
  expect(await seriousViolations(page), 'product dialog').toEqual([]);
  await dialog.getByLabel('Référence (SKU)').fill('CHAIR-OAK-01');
  await dialog.getByRole('button', { name: 'Créer le produit' }).click();
  await expect(dialog).toBeHidden();
  await apiPost(page, '/products', { sku: 'TABLE-01', name: 'Table basse', priceMinor: 34900, currency: 'EUR' });
  await apiPost(page, '/products', { sku: 'LAMP-02', name: 'Lampe de bureau', priceMinor: 5990, currency: 'EUR', active: false });
  await page.reload();
  await settled(page);
  await expect(page.getByTestId('product-row')).toHaveCount(3);
  await expect(page.getByTestId('product-row').filter({ hasText: 'Chaise en chêne' })).toContainText('129,90');
  await shot(page, '48b-products');
  await page.getByRole('searchbox', { name: 'Rechercher un produit' }).fill('chaise');
  await expect(page.getByTestId('product-row')).toHaveCount(1);

  // Properties.
  await apiPost(page, '/properties', { reference: 'LYN-001', title: 'T3 lumineux près du canal', propertyType: 'apartment', transactionType: 'sale', status: 'available', city: 'Lyon', postalCode: '69007', surfaceM2: 72.5, rooms: 3, priceMinor: 34500000, currency: 'EUR' });
  await apiPost(page, '/properties', { reference: 'LYN-002', title: 'Maison avec jardin', propertyType: 'house', transactionType: 'rent', status: 'under_offer', city: 'Villeurbanne', surfaceM2: 110, rooms: 5, priceMinor: 180000, currency: 'EUR' });
  await page.goto('/catalogue/properties');
  await settled(page);
  await expect(page.getByTestId('property-row')).toHaveCount(2);
  await shot(page, '48d-properties');
  await page.getByRole('button', { name: 'Nouveau bien' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  expect(await seriousViolations(page), 'property dialog').toEqual([]);
  await page.keyboard.press('Escape');

  // Media: upload through the picker, thumbnails served same-origin through the BFF.
  await page.goto('/catalogue/media');
  await settled(page);
  await page.getByTestId('media-file').setInputFiles([
    { name: 'salon.png', mimeType: 'image/png', buffer: png(480, 320, [37, 99, 235]) },
    { name: 'facade.png', mimeType: 'image/png', buffer: png(320, 320, [234, 88, 12]) },
  ]);
  await expect(page.getByTestId('media-item')).toHaveCount(2, { timeout: 20_000 });
  const img = page.getByRole('img', { name: 'salon.png' });
  await expect(img).toBeVisible();
  expect(await img.getAttribute('src')).toMatch(/^\/api\//);
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
  await shot(page, '49b-media');
  expect(await seriousViolations(page), 'media library').toEqual([]);
});
