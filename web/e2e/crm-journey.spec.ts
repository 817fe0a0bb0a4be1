import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { registerViaBff, settled, uniqueId } from './support';

test('CRM journey: scoring rule → CSV import → segment with live count → member → lead page explains the score', async ({ page }) => {
  await registerViaBff(page);
  const id = uniqueId();

  // 1. A scoring rule, through the editor.
  await page.goto('/settings/scoring');
  await settled(page);
  await page.getByRole('button', { name: 'Nouvelle règle' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Nom de la règle').fill('Décideur');
  await dialog.getByRole('textbox', { name: 'Valeur de la condition 1' }).fill('directeur');
  await dialog.getByRole('spinbutton', { name: 'Points' }).fill('10');
  await dialog.getByRole('button', { name: 'Créer la règle' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('scoring-rule-sentence')).toHaveText('Fonction contient « directeur » → +10');

  // 2. Import three leads from a CSV with French headers, and wait for the summary.
  const csv = [
    'Prénom;Nom;E-mail;Fonction;Entreprise',
    `Anne;Roux${id};anne.${id}@exemple.fr;Directrice commerciale;Immobilière du Parc`,
    `Bruno;Petit${id};bruno.${id}@exemple.fr;Directeur général;Cabinet Rives`,
    `Chloé;Blanc${id};chloe.${id}@exemple.fr;Assistante de direction;Agence Horizon`,
    '',
  ].join('\r\n');
  const dir = test.info().outputPath();
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `salon-${id}.csv`);
  writeFileSync(file, csv, 'utf8');
  await page.goto('/leads/import');
  await settled(page);
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByRole('combobox', { name: 'Champ pour la colonne « Fonction »' })).toHaveText('Fonction');
  await page.getByRole('button', { name: 'Lancer l\'import' }).click();
  await expect(page.getByRole('heading', { name: 'Import terminé' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('count-created')).toHaveText('3');

  // 3. A segment of the imported directors: the live count follows the condition.
  await page.goto('/segments/new');
  await page.getByLabel('Nom du segment').fill(`Direction ${id}`);
  await expect(page.getByTestId('segment-live-count')).toHaveText('3');
  await page.getByRole('combobox', { name: 'Champ de la condition 1' }).click();
  await page.getByRole('option', { name: 'Fonction' }).click();
  await page.getByRole('combobox', { name: 'Opérateur de la condition 1' }).click();
  await page.getByRole('option', { name: 'commence par' }).click();
  await page.getByRole('textbox', { name: 'Valeur de la condition 1' }).fill('direct');
  await expect(page.getByTestId('segment-live-count')).toHaveText('2');
  await page.getByRole('button', { name: 'Créer le segment' }).click();

  // 4. Open the saved segment's member and land on the lead page.
  await expect(page).toHaveURL(/\/segments\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('segment-lead')).toHaveCount(2);
  await page.getByRole('link', { name: `Bruno Petit${id}` }).click();
  await expect(page).toHaveURL(/\/leads\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Bruno Petit${id}`);

  // 5. The score panel explains the points the rule gives this lead.
  const panel = page.getByTestId('score-panel');
  const part = panel.getByTestId('score-part');
  await expect(part).toHaveCount(1);
  await expect(part).toContainText('Décideur');
  await expect(part).toContainText('Fonction contient « directeur »');
  await expect(part).toContainText('+10');
});
