import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { SHOTS_DIR, apiPost, png, registerViaBff, settled } from './support';

mkdirSync(SHOTS_DIR, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS_DIR, `${name}.png`), fullPage: true });

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
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

  // The product's page: an empty gallery, then an upload straight into it; a damaged file says so.
  await page.getByRole('link', { name: 'Chaise en chêne' }).click();
  await expect(page).toHaveURL(/\/catalogue\/products\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('link', { name: 'Produits', exact: true })).toHaveAttribute('aria-current', 'true');
  await expect(page.getByText("Aucune photo pour l'instant")).toBeVisible();
  await page.getByTestId('gallery-file').setInputFiles([
    { name: 'chaise-face.png', mimeType: 'image/png', buffer: png(600, 400, [120, 72, 40]) },
    { name: 'chaise-abimee.png', mimeType: 'image/png', buffer: Buffer.concat([png(8, 8, [0, 0, 0]).subarray(0, 8), Buffer.alloc(500, 7)]) },
  ]);
  const failed = page.getByTestId('upload-item').filter({ hasText: 'chaise-abimee.png' });
  await expect(failed.getByRole('alert')).toHaveText(/Fichier endommagé ou incomplet/, { timeout: 20_000 });
  await expect(page.getByTestId('gallery-item')).toHaveCount(1);
  const galleryImg = page.getByTestId('gallery-item').getByRole('img', { name: 'chaise-face.png' });
  await expect.poll(() => galleryImg.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
  await expect(page.getByTestId('gallery-item').getByText('Photo principale')).toBeVisible();
  await shot(page, '48e-product-gallery-error');
  expect(await seriousViolations(page), 'product page, upload error').toEqual([]);
  await failed.getByRole('button', { name: "Masquer l'erreur de chaise-abimee.png" }).click();
  await expect(page.getByTestId('upload-item')).toHaveCount(0);

  // Back in the table, that photo is the product's thumbnail, in the small variant.
  await page.getByRole('link', { name: 'Tous les produits' }).click();
  await settled(page);
  const cover = page.getByRole('img', { name: 'Photo principale de Chaise en chêne' });
  await expect(cover).toBeVisible();
  expect(await cover.getAttribute('src')).toMatch(/^\/api\/media\/files\/.+\/w160\.webp\?/);
  await expect.poll(() => cover.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
  await expect(page.getByTestId('cover')).toHaveCount(1);
  await shot(page, '48f-products-with-cover');

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

  // Media: upload through the picker, thumbnails served same-origin through the BFF; each asset says what it is linked to.
  await page.goto('/catalogue/media');
  await settled(page);
  await page.getByTestId('media-file').setInputFiles([
    { name: 'salon.png', mimeType: 'image/png', buffer: png(480, 320, [37, 99, 235]) },
    { name: 'facade.png', mimeType: 'image/png', buffer: png(320, 320, [234, 88, 12]) },
  ]);
  await expect(page.getByTestId('media-item')).toHaveCount(3, { timeout: 20_000 });
  const img = page.getByRole('img', { name: 'salon.png' });
  await expect(img).toBeVisible();
  expect(await img.getAttribute('src')).toMatch(/^\/api\//);
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
  await expect(page.getByTestId('media-item').filter({ hasText: 'chaise-face.png' }).getByRole('link', { name: 'Chaise en chêne' })).toBeVisible();
  const facade = page.getByTestId('media-item').filter({ hasText: 'facade.png' });
  await expect(facade).toContainText('Lié à aucune fiche');
  await shot(page, '49b-media');
  expect(await seriousViolations(page), 'media library').toEqual([]);

  // An asset already in the library, linked to a property from its page, then taken off it again.
  await page.goto('/catalogue/properties');
  await page.getByRole('link', { name: 'T3 lumineux près du canal' }).click();
  await settled(page);
  await page.getByRole('button', { name: 'Choisir dans la médiathèque' }).click();
  const picker = page.getByRole('dialog');
  await expect(picker.getByTestId('picker-item')).toHaveCount(3);
  // Found by part of its file name; a name that matches nothing says so.
  await picker.getByRole('searchbox', { name: 'Rechercher un média par nom de fichier' }).fill('zzz');
  await expect(picker.getByText('Aucun média ne s\'appelle « zzz »')).toBeVisible();
  await picker.getByRole('searchbox', { name: 'Rechercher un média par nom de fichier' }).fill('FAÇ');
  await expect(picker.getByText('Aucun média ne s\'appelle « FAÇ »')).toBeVisible();
  await picker.getByRole('searchbox', { name: 'Rechercher un média par nom de fichier' }).fill('facad');
  await expect(picker.getByTestId('picker-item')).toHaveCount(1);
  await picker.getByRole('button', { name: /facade\.png/ }).click();
  await expect(picker.getByRole('button', { name: /facade\.png/ })).toHaveAttribute('aria-pressed', 'true');
  await picker.getByRole('button', { name: 'Lier 1 média' }).click();
  await expect(picker).toBeHidden();
  await expect(page.getByTestId('gallery-item')).toHaveCount(1);
  await expect(page.getByTestId('gallery-item').getByRole('img', { name: 'facade.png' })).toBeVisible();
  await page.getByRole('button', { name: 'Retirer facade.png du bien' }).click();
  await expect(page.getByText('facade.png retiré. Il reste dans la médiathèque.')).toBeVisible();
  await expect(page.getByText("Aucune photo pour l'instant")).toBeVisible();

  // Linked and unlinked from the media library too.
  await page.goto('/catalogue/media');
  await settled(page);
  await facade.getByRole('button', { name: 'Lier facade.png à un produit ou un bien' }).click();
  const linkDialog = page.getByRole('dialog');
  await linkDialog.getByRole('searchbox', { name: 'Rechercher un bien à lier' }).fill('canal');
  await linkDialog.getByRole('button', { name: 'Lier à T3 lumineux près du canal' }).click();
  await expect(linkDialog.getByTestId('current-property')).toContainText('T3 lumineux près du canal');
  await shot(page, '49c-media-link-dialog');
  await linkDialog.getByTestId('current-property').getByRole('button', { name: 'Délier' }).click();
  await expect(linkDialog.getByTestId('current-property')).toHaveText('Aucun bien lié');
  await linkDialog.getByRole('button', { name: 'Terminé' }).click();
  await expect(facade).toContainText('Lié à aucune fiche');
});
