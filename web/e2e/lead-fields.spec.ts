import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { apiPost, registerViaBff, settled, SHOTS_DIR, uniqueId, WEB_URL } from './support';

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS_DIR, `${name}.png`), fullPage: true });

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
}

test('default country in Settings → Workspace → new lead with civility and a French postal code → address filled → lists show civility (FR and EN)', async ({ page }) => {
  // Many pages, dialogs and accessibility scans on a shared machine.
  test.setTimeout(180_000);
  await registerViaBff(page);
  const id = uniqueId();

  // 1. A new workspace has no default country; an admin chooses France by searching its name.
  await page.goto('/settings/workspace');
  await settled(page);
  const picker = page.getByRole('button', { name: /Pays par défaut des prospects/ });
  await expect(picker).toContainText('Aucun pays par défaut');
  await picker.click();
  await page.getByRole('combobox', { name: 'Rechercher un pays' }).fill('fra');
  // France first, then the names that merely contain "fra" (Guyane française…).
  await expect(page.getByRole('option').first()).toHaveText(/France/);
  await expect(page.getByRole('option')).toHaveCount(4);
  await shot(page, 'i8f-01-workspace-country-search');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Pays par défaut : France.')).toBeVisible();
  await expect(picker).toContainText('France');
  expect(await seriousViolations(page), 'workspace settings').toEqual([]);
  await shot(page, 'i8f-02-workspace-settings');

  // 2. A new lead starts in France; civility, postal code only.
  await page.goto('/leads');
  await settled(page);
  await page.getByRole('button', { name: 'Nouveau prospect' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Civilité').click();
  await page.getByRole('option', { name: 'Madame' }).click();
  await dialog.getByRole('textbox', { name: 'Prénom' }).fill('Hélène');
  await dialog.getByLabel('Nom', { exact: true }).fill(`Lefèvre${id}`);
  await dialog.getByRole('textbox', { name: 'E-mail' }).fill(`helene.${id}@exemple.fr`);
  await dialog.getByRole('textbox', { name: 'Numéro et voie' }).fill('12 rue de la République');
  await dialog.getByRole('textbox', { name: 'Code postal' }).fill('4200A');
  await expect(dialog.getByText('Un code postal français a 5 chiffres.')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Code postal' }).fill('42000');
  await expect(dialog.getByRole('button', { name: /Pays/ })).toContainText('France');
  expect(await seriousViolations(page), 'lead form').toEqual([]);
  await shot(page, 'i8f-03-lead-form-address');
  await dialog.getByRole('button', { name: 'Créer le prospect' }).click();
  await expect(page).toHaveURL(/\/leads\/[0-9a-f-]{36}$/);
  const leadUrl = page.url();

  // 3. The lead page: civility with the name, the address completed from the postal code.
  await settled(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Mme Hélène Lefèvre${id}`);
  const address = page.getByTestId('lead-address');
  await expect(address).toContainText('12 rue de la République');
  await expect(address).toContainText('42000 Saint-Étienne');
  await expect(address).toContainText('Auvergne-Rhône-Alpes');
  await expect(address).toContainText('France');
  await expect(page.getByText('Fuseau horaire : Europe/Paris')).toBeVisible();
  expect(await seriousViolations(page), 'lead page').toEqual([]);
  await shot(page, 'i8f-04-lead-page-address');

  // 4. The API's own postal code rule lands next to the field: 42000 is not a Belgian code.
  await page.getByRole('button', { name: "Modifier l'adresse" }).click();
  const edit = page.getByRole('dialog');
  await edit.getByRole('button', { name: /Pays/ }).click();
  await page.getByRole('combobox', { name: 'Rechercher un pays' }).fill('belg');
  await page.getByRole('option', { name: /Belgique/ }).click();
  await edit.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(edit.getByRole('alert').filter({ hasText: 'Ce code postal ne correspond pas au format du pays' }).first()).toBeVisible();
  await shot(page, 'i8f-05-lead-form-postal-error');
  await page.keyboard.press('Escape');

  // 5. The list shows the civility with the name.
  await page.goto(`/leads?q=Lefèvre${id}`);
  await settled(page);
  await expect(page.getByTestId('lead-row').first()).toContainText(`Mme Hélène Lefèvre${id}`);

  // 6. A lead without an address says so.
  const bare = await apiPost<{ id: string }>(page, '/leads', { email: `sans.adresse.${id}@exemple.fr`, country: null });
  await page.goto(`/leads/${bare.id}`);
  await settled(page);
  await expect(page.getByText('Aucune adresse.')).toBeVisible();
  await shot(page, 'i8f-06-lead-page-no-address');

  // 7. A segment on the city compares as a person reads it: "saint-etienne" finds Saint-Étienne.
  await page.goto('/segments/new');
  await page.getByLabel('Nom du segment').fill(`Saint-Étienne ${id}`);
  await page.getByRole('combobox', { name: 'Champ de la condition 1' }).click();
  await page.getByRole('option', { name: 'Ville' }).click();
  await page.getByRole('combobox', { name: 'Opérateur de la condition 1' }).click();
  await page.getByRole('option', { name: 'est égal à', exact: true }).click();
  await page.getByRole('textbox', { name: 'Valeur de la condition 1' }).fill('saint-etienne');
  await expect(page.getByTestId('segment-live-count')).toHaveText('1');
  await expect(page.getByTestId('segment-sample')).toContainText(`Mme Hélène Lefèvre${id}`);
  await shot(page, 'i8f-06b-segment-city');

  // 8. English: "Ms", the country named in English.
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: WEB_URL }]);
  await page.goto(leadUrl);
  await settled(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Ms Hélène Lefèvre${id}`);
  await expect(page.getByTestId('lead-address')).toContainText('France');
  await expect(page.getByText('Ms (Madame)')).toBeVisible();
  await shot(page, 'i8f-07-en-lead-page-address');
  await page.getByRole('button', { name: 'Edit address' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /Country/ }).click();
  await page.getByRole('combobox', { name: 'Search countries' }).fill('germ');
  await expect(page.getByRole('option', { name: /Germany/ })).toBeVisible();
  await shot(page, 'i8f-08-en-country-picker');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.goto('/settings/workspace');
  await settled(page);
  await expect(page.getByRole('button', { name: /Default country of leads/ })).toContainText('France');
  await shot(page, 'i8f-09-en-workspace-settings');
});

test('Settings → Workspace says what to do when the settings cannot be read', async ({ page }) => {
  await registerViaBff(page);
  await page.route('**/api/workspace/settings', (route) => route.fulfill({ status: 503, contentType: 'application/problem+json', body: JSON.stringify({ status: 503, title: 'Unavailable', detail: 'down', code: 'UNAVAILABLE', type: 'about:blank' }) }));
  await page.goto('/settings/workspace');
  await expect(page.getByRole('button', { name: /Réessayer/ })).toBeVisible({ timeout: 20_000 });
  await shot(page, 'i8f-10-workspace-settings-error');
});
