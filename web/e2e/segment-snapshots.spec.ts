import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { SHOTS_DIR, WEB_URL, apiPost, registerViaBff, settled, uniqueId } from './support';

mkdirSync(SHOTS_DIR, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS_DIR, `${name}.png`), fullPage: true });

test('segment page: freeze the audience, see it being taken, then its size', async ({ page }) => {
  await registerViaBff(page);
  const id = uniqueId();
  for (const [name, local] of [['Anne', 'anne'], ['Bruno', 'bruno'], ['Chloé', 'chloe']]) await apiPost(page, '/leads', { email: `${local}.${id}@exemple.fr`, firstName: name, tags: ['salon'] });
  const segment = await apiPost<{ id: string }>(page, '/segments', { name: `Salon ${id}`, rules: { op: 'and', conditions: [{ type: 'tag', operator: 'has', value: 'salon' }] } });

  await page.goto(`/segments/${segment.id}`);
  await settled(page);
  await expect(page.getByText('Aucune audience figée pour l\'instant.')).toBeVisible();

  await page.getByRole('button', { name: 'Figer l\'audience' }).click();
  const dialog = page.getByRole('dialog', { name: 'Figer l\'audience' });
  await dialog.getByLabel('Pour quoi ? (facultatif)').fill('Relance salon de printemps');
  await dialog.getByRole('button', { name: 'Figer maintenant' }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByTestId('segment-snapshot');
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('cell').first()).toHaveText('Relance salon de printemps');
  await expect(row.getByRole('cell').last()).toHaveText('3');
  await expect(page.getByText('Audience figée : 3 prospects.')).toBeVisible();
  await shot(page, '46-segment-snapshots');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: WEB_URL }]);
  await page.reload();
  await settled(page);
  await expect(page.getByRole('heading', { name: 'Frozen audiences' })).toBeVisible();
  await expect(page.getByTestId('segment-snapshot').getByRole('cell').last()).toHaveText('3');
  await shot(page, '46-segment-snapshots-en');
});
