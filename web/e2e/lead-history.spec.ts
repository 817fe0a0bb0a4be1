import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { SHOTS_DIR, WEB_URL, apiPost, registerViaBff, settled } from './support';

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS_DIR, `${name}.png`), fullPage: true });

async function apiPatch(page: Page, path: string, data: unknown) {
  const res = await page.request.patch(`/api${path}`, { data, headers: { origin: WEB_URL } });
  expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
}

/** A lead with some history (creation, a move, a consent), and its twin written another way. */
async function arrange(page: Page) {
  const lead = await apiPost<{ id: string }>(page, '/leads', {
    email: 'helene.lefevre@orange.fr',
    firstName: 'Hélène',
    lastName: 'Lefèvre',
    phone: '06 12 34 56 78',
    city: 'Lyon',
  });
  await apiPatch(page, `/leads/${lead.id}`, { city: 'Saint-Étienne' });
  await apiPatch(page, `/leads/${lead.id}`, { consent: { email: { status: 'granted', source: 'form' } } });
  const twin = await apiPost<{ id: string }>(page, '/leads', {
    email: 'helene.lefevre@gmail.com',
    firstName: 'helene',
    lastName: 'LEFEVRE',
    phone: '07 98 76 54 32',
    company: 'Agence Horizon',
    city: 'Firminy',
  });
  return { lead, twin };
}

test('the timeline tells who created and changed a lead; a merge with chosen values is undone from it (French)', async ({ page }) => {
  const account = await registerViaBff(page);
  const { lead, twin } = await arrange(page);

  await page.goto(`/leads/${lead.id}`);
  await settled(page);
  const timeline = page.getByTestId('timeline');
  await expect(timeline.getByText(`Créé par ${account.name}`)).toBeVisible();
  await expect(timeline.getByText(`${account.name} a modifié Ville`)).toBeVisible();
  await expect(timeline.getByText('Ville : Lyon → Saint-Étienne')).toBeVisible();
  await expect(timeline.getByText('Consentement email : accordé (formulaire)')).toBeVisible();
  await shot(page, 'history-01-timeline-fr');

  // The twin is suggested first, with why.
  await page.getByRole('button', { name: 'Fusionner des doublons' }).click();
  const dialog = page.getByRole('dialog');
  const suggestions = dialog.getByTestId('merge-suggestions');
  await expect(suggestions.getByRole('listitem')).toHaveCount(1);
  await expect(suggestions.getByText('même nom')).toBeVisible();
  await expect(suggestions.getByText('même début d\'e-mail')).toBeVisible();
  await shot(page, 'history-02-merge-suggestions-fr');
  await suggestions.getByRole('button', { name: /Continuer/ }).click();

  // Field by field: keep this lead's city, take the twin's company (this one has none: preselected).
  const choices = dialog.getByTestId('merge-choices');
  await expect(choices.getByRole('row', { name: /Ville/ })).toBeVisible();
  await expect(choices.getByRole('radio', { name: 'Garder « Agence Horizon » pour Entreprise' })).toBeChecked();
  await choices.getByRole('radio', { name: 'Garder « Firminy » pour Ville' }).check();
  await choices.getByRole('radio', { name: 'Garder « Saint-Étienne » pour Ville' }).check();
  await shot(page, 'history-03-merge-choices-fr');
  await dialog.getByRole('button', { name: 'Fusionner' }).click();
  await expect(page.getByText('Fusion effectuée.')).toBeVisible();

  // Secondary email and phone kept; the merge entry offers to undo it.
  const profile = (text: string) => page.locator('dd', { hasText: text });
  await expect(profile('helene.lefevre@gmail.com')).toBeVisible();
  await expect(profile('07 98 76 54 32')).toBeVisible();
  const merge = timeline.locator('li[data-kind="merge"]');
  await expect(merge.getByText(`${account.name} a fusionné helene LEFEVRE dans ce prospect`)).toBeVisible();
  await expect(merge.getByText('Entreprise : (vide) → Agence Horizon')).toBeVisible();
  await shot(page, 'history-04-merged-fr');
  await merge.getByRole('button', { name: 'Annuler la fusion' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Annuler la fusion' }).click();
  await expect(page.getByText('Fusion annulée.')).toBeVisible();
  await expect(merge.getByText(new RegExp(`Fusion annulée par ${account.name}`))).toBeVisible();
  await expect(merge.getByRole('button', { name: 'Annuler la fusion' })).toHaveCount(0);
  await expect(profile('helene.lefevre@gmail.com')).toHaveCount(0);
  await shot(page, 'history-05-undone-fr');

  // The twin is back, out of the trash, with its own values.
  await page.goto(`/leads/${twin.id}`);
  await settled(page);
  await expect(page.getByRole('heading', { level: 1, name: 'helene LEFEVRE' })).toBeVisible();
  await expect(page.locator('dd', { hasText: 'helene.lefevre@gmail.com' })).toBeVisible();
  await expect(page.getByText(/est dans la corbeille depuis/)).toHaveCount(0);
});

test('the same history in English, and the empty suggestion state', async ({ page }) => {
  await registerViaBff(page);
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: WEB_URL }]);
  const { lead } = await arrange(page);
  const alone = await apiPost<{ id: string }>(page, '/leads', { email: 'personne.seule@exemple.fr', firstName: 'Zoé', lastName: 'Unique' });

  await page.goto(`/leads/${lead.id}`);
  await settled(page);
  const timeline = page.getByTestId('timeline');
  await expect(timeline.getByText('Claire Martin changed City')).toBeVisible();
  await expect(timeline.getByText('City: Lyon → Saint-Étienne')).toBeVisible();
  await expect(timeline.getByText('Email consent: granted (form)')).toBeVisible();
  await shot(page, 'history-06-timeline-en');
  await page.getByRole('button', { name: 'Merge duplicates' }).click();
  await page.getByRole('dialog').getByTestId('merge-suggestions').getByRole('button', { name: /Continue/ }).click();
  await shot(page, 'history-07-merge-choices-en');
  await page.keyboard.press('Escape');

  await page.goto(`/leads/${alone.id}`);
  await settled(page);
  await page.getByRole('button', { name: 'Merge duplicates' }).click();
  await expect(page.getByRole('dialog').getByText('No obvious duplicate. Search for one below.')).toBeVisible();
  await shot(page, 'history-08-no-suggestions-en');
});
