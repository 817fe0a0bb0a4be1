import { expect, test } from '@playwright/test';
import { apiPost, registerViaBff, settled, uniqueId } from './support';

test('scoring rules editor: live-checked condition, API errors on fields, create → recompute progress → edit → pause → delete', async ({ page }) => {
  await registerViaBff(page);
  const id = uniqueId();
  await apiPost(page, '/leads', { email: `a.${id}@exemple.fr`, jobTitle: 'Directeur commercial' });
  await apiPost(page, '/leads', { email: `b.${id}@exemple.fr`, jobTitle: 'Directeur général' });
  await apiPost(page, '/leads', { email: `c.${id}@exemple.fr`, jobTitle: 'Assistante' });

  await page.goto('/settings/scoring');
  await settled(page);
  await expect(page.getByRole('heading', { name: 'Aucune règle de score' })).toBeVisible();
  await page.getByRole('button', { name: 'Nouvelle règle' }).click();
  const dialog = page.getByRole('dialog');

  // The condition is checked by the API as you type: an empty tag is refused on the condition itself.
  await dialog.getByLabel('Nom de la règle').fill('Décideur');
  await dialog.getByRole('combobox', { name: 'Type de condition' }).click();
  await page.getByRole('option', { name: 'Étiquette' }).click();
  await expect(dialog.getByTestId('rule-condition').getByRole('alert')).toHaveText('Valeur invalide.');
  await dialog.getByRole('combobox', { name: 'Type de condition' }).click();
  await page.getByRole('option', { name: 'Champ', exact: true }).click();
  await expect(dialog.getByRole('combobox', { name: 'Champ de la condition 1' })).toHaveText('Fonction');
  await dialog.getByRole('textbox', { name: 'Valeur de la condition 1' }).fill('directeur');
  await expect(dialog.getByTestId('scoring-condition-count')).toHaveText('2 prospects remplissent cette condition aujourd\'hui.');
  await expect(dialog.getByTestId('rule-condition').getByRole('alert')).toHaveCount(0);

  // Zero points is refused before sending; the sentence follows what is typed.
  await dialog.getByRole('spinbutton', { name: 'Points' }).fill('0');
  await expect(dialog.getByText('Un nombre entier entre -1 000 et 1 000, différent de 0.')).toBeVisible();
  await dialog.getByRole('spinbutton', { name: 'Points' }).fill('10');
  await expect(dialog.getByTestId('scoring-rule-summary')).toContainText('Fonction contient « directeur » → +10');

  // The API's problem details land next to the field they concern.
  await page.route('**/api/scoring-rules', (route) =>
    route.fulfill({
      status: 400,
      contentType: 'application/problem+json',
      body: JSON.stringify({ status: 400, code: 'VALIDATION_FAILED', title: 'Bad Request', errors: [{ field: 'points', code: 'max', message: 'points must not be greater than 1000' }] }),
    }),
    { times: 1 },
  );
  await dialog.getByRole('button', { name: 'Créer la règle' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'Un nombre entier entre -1 000 et 1 000, différent de 0.' })).toBeVisible();

  // Saved for real: the recompute's progress shows (its first polls held "active"), then a toast.
  await page.route('**/api/jobs/*', (route) =>
    route.fulfill({ json: { id: '00000000-0000-4000-8000-000000000001', queue: 'crm', name: 'rescore-leads', state: 'active', progress: 0, result: null, error: null, attempts: 1, createdAt: new Date().toISOString(), startedAt: null, finishedAt: null } }),
  );
  await dialog.getByRole('button', { name: 'Créer la règle' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('progressbar', { name: 'Progression du recalcul des scores' })).toBeVisible();
  await expect(page.getByTestId('scoring-recompute')).toContainText('Recalcul des scores de tous vos prospects…');
  await page.unroute('**/api/jobs/*');
  await expect(page.getByText('Scores recalculés : 2 prospects mis à jour.')).toBeVisible();
  await expect(page.getByTestId('scoring-recompute')).toHaveCount(0);
  const decideur = page.getByTestId('scoring-rule').filter({ hasText: 'Décideur' });
  await expect(decideur.getByTestId('scoring-rule-sentence')).toHaveText('Fonction contient « directeur » → +10');

  // Edit: the form comes back filled; the new points show in the list.
  await page.getByRole('button', { name: 'Modifier la règle « Décideur »' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Valeur de la condition 1' })).toHaveValue('directeur');
  await expect(dialog.getByRole('radio', { name: /Comportement/ })).toBeDisabled();
  await dialog.getByRole('spinbutton', { name: 'Points' }).fill('15');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog).toBeHidden();
  await expect(decideur.getByTestId('scoring-rule-sentence')).toHaveText('Fonction contient « directeur » → +15');

  // A behaviour rule, with its cap and period, read back as a sentence.
  await page.getByRole('button', { name: 'Nouvelle règle' }).click();
  await dialog.getByLabel('Nom de la règle').fill('Clics');
  await dialog.getByRole('radio', { name: /Comportement/ }).check();
  await dialog.getByRole('button', { name: /^Événement/ }).click();
  await page.getByRole('combobox', { name: 'Rechercher ou saisir un type' }).fill('email.clicked');
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('event-type-picker')).toHaveText('Clic dans un e-mail');
  await dialog.getByRole('spinbutton', { name: 'Points' }).fill('5');
  await dialog.getByRole('spinbutton', { name: 'Plafond (facultatif)' }).fill('20');
  await dialog.getByRole('spinbutton', { name: 'Période en jours (facultatif)' }).fill('90');
  await dialog.getByRole('button', { name: 'Créer la règle' }).click();
  await expect(dialog).toBeHidden();
  const clics = page.getByTestId('scoring-rule').filter({ hasText: 'Clics' });
  await expect(clics.getByTestId('scoring-rule-sentence')).toHaveText('Clique dans un e-mail → +5 par événement');
  await expect(clics).toContainText('plafonné à 20 points · événements des 90 derniers jours');

  // Pause it, then delete it after confirming.
  await page.getByRole('switch', { name: 'Règle « Clics » active' }).click();
  await expect(page.getByText('Règle « Clics » mise en pause.')).toBeVisible();
  await expect(page.getByRole('switch', { name: 'Règle « Clics » active' })).not.toBeChecked();
  await page.getByRole('button', { name: 'Supprimer la règle « Clics »' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Supprimer la règle' }).click();
  await expect(page.getByText('Règle supprimée.')).toBeVisible();
  await expect(page.getByTestId('scoring-rule')).toHaveCount(1);
  await expect(page.getByTestId('scoring-recompute')).toHaveCount(0);
});
