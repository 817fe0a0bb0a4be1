import { expect, type Page, test } from '@playwright/test';
import { apiPost, registerViaBff, settled, SHOTS_DIR, uniqueId } from './support';

/** Console errors and uncaught exceptions of the page, as they come (hydration mismatches among them). */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

const hydration = (errors: string[]) => errors.filter((e) => /418|hydrat|did not match|server rendered/i.test(e));

/** Leads of an agency, through the API: names with accents, cities, a custom field. */
async function seed(page: Page, id: string) {
  await apiPost(page, '/custom-fields', { key: 'budget', label: 'Budget', type: 'number' });
  const people = [
    ['ms', 'Hélène', 'Lefèvre', 'Lyon', '69003', 320000],
    ['mr', 'Marc', 'Durand', 'Saint-Étienne', '42000', 150000],
    ['ms', 'Élodie', 'Bernard', 'Lyon', '69006', 510000],
    ['mr', 'Zacharie', 'Abel', 'Paris', '75011', 90000],
    ['other', 'Camille', 'Martin', 'Lyon', '69001', 275000],
  ] as const;
  for (const [civility, firstName, lastName, city, postalCode, budget] of people) {
    await apiPost(page, '/leads', {
      civility,
      firstName,
      lastName,
      email: `${firstName.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '')}.${id}@exemple.fr`,
      company: `Agence ${lastName}`,
      city,
      postalCode,
      country: 'FR',
      customFields: { budget },
    });
  }
}

test('the leads table: no hydration error; columns, sort, filter, a saved view, select all matching → bulk tag', async ({ page }) => {
  const errors = watchErrors(page);
  await registerViaBff(page);
  const id = uniqueId();
  await seed(page, id);

  // A fresh load of /leads hydrates without React error #418 (server and client render the same).
  await page.goto('/leads');
  await settled(page);
  await expect(page.getByTestId('lead-row')).toHaveCount(5);
  await expect(page.getByTestId('lead-count')).toHaveText('5 prospects');
  await page.reload();
  await settled(page);
  expect(hydration(errors), errors.join('\n')).toEqual([]);

  // Columns: add the city, postal code and the custom field; drop the phone.
  await page.getByTestId('column-chooser').click();
  await page.getByRole('menuitemcheckbox', { name: 'Ville' }).click();
  await page.getByRole('menuitemcheckbox', { name: 'Code postal' }).click();
  await page.getByRole('menuitemcheckbox', { name: 'Budget' }).click();
  await page.getByRole('menuitemcheckbox', { name: 'Téléphone' }).click();
  await page.keyboard.press('Escape');
  const headers = page.getByRole('columnheader');
  await expect(headers.filter({ hasText: 'Ville' })).toHaveCount(1);
  await expect(headers.filter({ hasText: 'Budget' })).toHaveCount(1);
  await expect(headers.filter({ hasText: 'Téléphone' })).toHaveCount(0);

  // Sort by clicking the name header: last names A→Z, accents where a reader expects them; again: Z→A.
  await page.getByRole('button', { name: 'Trier par Nom' }).click();
  await expect(page).toHaveURL(/sort=lastName/);
  await expect(page.getByTestId('lead-row').first()).toContainText('Abel');
  await expect(page.getByRole('columnheader', { name: /Nom/ }).first()).toHaveAttribute('aria-sort', 'ascending');
  await page.getByRole('button', { name: 'Trier par Nom' }).click();
  await expect(page).toHaveURL(/sort=-lastName/);
  await expect(page.getByTestId('lead-row').first()).toContainText('Martin');

  // Advanced filter on the custom field: a budget of at least 200,000 (3 of the 5).
  await page.getByTestId('advanced-filters').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Ajouter une condition' }).click();
  await page.getByRole('menuitem', { name: 'Champ perso.' }).click();
  await dialog.getByRole('combobox', { name: 'Opérateur de la condition 1' }).click();
  await page.getByRole('option', { name: 'supérieur ou égal à' }).click();
  await dialog.getByLabel('Valeur de la condition 1').fill('200000');
  await expect(dialog.getByTestId('advanced-filter-count')).toHaveText('3 prospects correspondent.');
  await dialog.getByRole('button', { name: 'Appliquer' }).click();
  await expect(page.getByTestId('lead-row')).toHaveCount(3);
  await expect(page.getByTestId('lead-count')).toHaveText('3 prospects');
  await expect(page).toHaveURL(/filter=/);

  // Save as a view, shared; leave it, then come back to it.
  await page.getByTestId('lead-views').click();
  await page.getByRole('menuitem', { name: 'Enregistrer comme nouvelle vue…' }).click();
  const save = page.getByRole('dialog');
  await save.getByLabel('Nom de la vue').fill('Gros budgets');
  await save.getByRole('switch').click();
  await save.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Vue « Gros budgets » enregistrée.')).toBeVisible();
  await expect(page.getByTestId('lead-views')).toHaveText(/Gros budgets/);
  await page.getByRole('button', { name: 'Effacer les filtres' }).click();
  await expect(page.getByTestId('lead-row')).toHaveCount(5);
  await page.getByTestId('lead-views').click();
  await page.getByRole('menuitem', { name: /^Gros budgets/ }).click();
  await expect(page.getByTestId('lead-row')).toHaveCount(3);
  await expect(page.getByRole('columnheader').filter({ hasText: 'Budget' })).toHaveCount(1);

  // Screenshots of the table with chosen columns, French and English, desktop.
  await page.screenshot({ path: `${SHOTS_DIR}/leads-table-fr.png`, fullPage: true });
  await page.getByRole('button', { name: /Menu du compte/ }).click();
  await page.getByRole('menuitemradio', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Leads' })).toBeVisible();
  await page.getByTestId('lead-views').click();
  await page.getByRole('menuitem', { name: /^Gros budgets/ }).click();
  await expect(page.getByTestId('lead-count')).toHaveText('3 leads');
  await settled(page);
  await page.screenshot({ path: `${SHOTS_DIR}/leads-table-en.png`, fullPage: true });
  await page.getByRole('button', { name: /Account menu/ }).click();
  await page.getByRole('menuitemradio', { name: 'Français' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Prospects' })).toBeVisible();

  // Select all on the page, then all matching → bulk tag.
  await page.getByRole('checkbox', { name: 'Sélectionner tous les prospects affichés' }).click();
  await expect(page.getByTestId('bulk-bar')).toContainText('3 prospects sélectionnés');
  await page.getByTestId('bulk-bar').getByRole('button', { name: 'Ajouter une étiquette' }).click();
  await page.getByRole('dialog').getByLabel('Étiquettes').fill(`gros-${id}`);
  await page.getByRole('dialog').getByRole('button', { name: 'Ajouter une étiquette' }).click();
  await expect(page.getByText('Étiquette ajoutée à 3 prospects')).toBeVisible();
  expect(hydration(errors), errors.join('\n')).toEqual([]);
});

test('select all N matching beyond a page runs as a job whose progress shows; phone cards', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = watchErrors(page);
  await registerViaBff(page);
  const id = uniqueId();
  await seed(page, id);
  // 1,200 more leads at once through the import-free path: the bulk API needs > 1,000 for a job.
  const csvLike = Array.from({ length: 1200 }, (_, i) => ({ email: `masse${i}.${id}@exemple.fr`, lastName: `Masse${i}`, city: 'Lyon' }));
  for (let i = 0; i < csvLike.length; i += 25) await Promise.all(csvLike.slice(i, i + 25).map((lead) => apiPost(page, '/leads', lead)));

  await page.goto('/leads');
  await settled(page);
  await expect(page.getByTestId('lead-count')).toHaveText('1 205 prospects'.replace(' ', '\u202f'));
  await page.getByRole('checkbox', { name: 'Sélectionner tous les prospects affichés' }).click();
  await page.getByTestId('select-all-matching').getByRole('button').click();
  await expect(page.getByTestId('bulk-bar')).toContainText('Tous les prospects correspondants sont sélectionnés');
  await page.getByTestId('bulk-bar').getByRole('button', { name: 'Ajouter une étiquette' }).click();
  await page.getByRole('dialog').getByLabel('Étiquettes').fill(`masse-${id}`);
  await page.getByRole('dialog').getByRole('button', { name: 'Ajouter une étiquette' }).click();
  await expect(page.getByTestId('bulk-job')).toBeVisible();
  await expect(page.getByText('Étiquette ajoutée à 1 205 prospects'.replace(' ', '\u202f'))).toBeVisible({ timeout: 30_000 });
  await page.getByLabel('Étiquette', { exact: true }).fill(`masse-${id}`);
  await expect(page.getByTestId('lead-count')).toHaveText('1 205 prospects'.replace(' ', '\u202f'));

  // Phone: cards with name, company, city, score, stage; selection still works.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/leads?sort=lastName');
  await settled(page);
  await expect(page.getByTestId('lead-card').first()).toBeVisible();
  await expect(page.getByTestId('lead-row').first()).toBeHidden();
  await page.getByTestId('lead-card').first().getByRole('checkbox').click();
  await expect(page.getByTestId('bulk-bar')).toContainText('1 prospect sélectionné');
  await page.getByTestId('bulk-bar').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS_DIR}/leads-table-phone-fr.png` });
  expect(hydration(errors), errors.join('\n')).toEqual([]);
});
