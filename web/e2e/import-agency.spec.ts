import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import iconv from 'iconv-lite';
import { SHOTS_DIR, WEB_URL, apiPost, registerViaBff, settled, uniqueId } from './support';

mkdirSync(SHOTS_DIR, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS_DIR, `${name}.png`), fullPage: true });

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
}

/** The agency's export from its old tool: Windows-1252, `;`, French headers, overseas mobiles, duplicates both ways, one bad email. */
function agencyFile(id: string): Buffer {
  return iconv.encode(
    [
      'Civilité;Prénom;Nom;E-mail;Téléphone;Adresse;Code postal;Ville;Surface',
      `Madame;Hélène;Lefèvre${id};helene.${id}@exemple.fr;06 12 34 56 78;12 rue de la République;69001;Lyon;82,5`,
      `M.;Rémi;Payet${id};remi.${id}@exemple.re;06 92 12 34 56;3 chemin des Goyaviers;97400;Saint-Denis;`,
      `Mme;Anli;Madi${id};anli.${id}@exemple.yt;06 39 01 23 45;;97600;Mamoudzou;`,
      `Monsieur;Léon;Damas${id};leon.${id}@exemple.gf;06 94 20 12 34;;97300;Cayenne;`,
      `Mme;Maëlle;Cœur${id};pas-un-email;07 57 12 34 56;;;;`,
      `;;;dup.${id}@exemple.fr;06 11 22 33 44;;;;`,
      `Madame;Claire;Dupont${id};dup.${id}@exemple.fr;;8 place Bellecour;69002;Lyon;120`,
      `Monsieur;Marc;Martin${id};marc.${id}@exemple.fr;;;;;95`,
      `;;;marc.${id}@exemple.fr;06 55 44 33 22;;;;`,
      `Madame;Perdue;Total${id};;12;;;;`,
    ].join('\r\n') + '\r\n',
    'win1252',
  );
}

test('agency import: Windows-1252 file, French headers, a field created while mapping, counts that add up, values left out listed; then the lead found as typed, its history, a merge with its suggested twin and its undo (FR then EN)', async ({ page }) => {
  await registerViaBff(page);
  const id = uniqueId();
  const dir = test.info().outputPath();
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `export-agence-${id}.csv`);
  writeFileSync(file, agencyFile(id));

  await page.goto('/leads/import');
  await settled(page);
  // The limit shown is the API's own (IMPORT_MAX_BYTES, 500 MiB by default).
  await expect(page.getByTestId('import-size-limit')).toContainText('500 Mo maximum');
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page).toHaveURL(/\/leads\/import\?id=[0-9a-f-]{36}$/);

  // French headers map to the standard fields; the examples are read from the file.
  await expect(page.getByTestId('mapping-row')).toHaveCount(9);
  await expect(page.getByRole('combobox', { name: 'Champ pour la colonne « Civilité »' })).toHaveText('Civilité');
  await expect(page.getByRole('combobox', { name: 'Champ pour la colonne « Adresse »' })).toHaveText('Adresse');
  await expect(page.getByRole('combobox', { name: 'Champ pour la colonne « Code postal »' })).toHaveText('Code postal');
  await expect(page.getByRole('combobox', { name: 'Champ pour la colonne « Ville »' })).toHaveText('Ville');
  await expect(page.getByRole('combobox', { name: 'Champ pour la colonne « Surface »' })).toHaveText('Ignorer cette colonne');
  await expect(page.getByText(`Lefèvre${id}`)).toBeVisible();

  // Reopened (a reload, as after leaving the page), the mapping step still has its examples.
  await page.reload();
  await settled(page);
  await expect(page.getByText(`Payet${id}`)).toBeVisible();
  await expect(page.getByText('Aucune valeur')).toHaveCount(0);
  // Create the missing field without leaving the wizard: it is chosen for its column at once.
  await page.getByRole('combobox', { name: 'Champ pour la colonne « Surface »' }).click();
  await page.getByRole('option', { name: 'Créer un champ personnalisé…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('Libellé')).toHaveValue('Surface');
  await dialog.getByRole('combobox').click();
  await page.getByRole('option', { name: 'Nombre' }).click();
  await dialog.getByRole('button', { name: 'Créer le champ' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('combobox', { name: 'Champ pour la colonne « Surface »' })).toHaveText('Surface (champ personnalisé)');
  await shot(page, '80-import-agency-mapping-fr');
  expect(await seriousViolations(page), 'agency mapping').toEqual([]);

  await page.getByRole('button', { name: "Lancer l'import" }).click();
  await expect(page.getByRole('heading', { name: 'Import terminé' })).toBeVisible({ timeout: 30_000 });
  // 10 rows read = 7 created + 2 merged (one duplicate each way) + 1 rejected; the bad email kept the row (by its phone).
  await expect(page.getByTestId('count-created')).toHaveText('7');
  await expect(page.getByTestId('count-merged')).toHaveText('2');
  await expect(page.getByTestId('count-rejected')).toHaveText('1');
  await expect(page.getByTestId('import-sum')).toContainText('10 lignes lues = 7 créées + 0 mise à jour + 0 inchangée + 2 fusionnées + 1 rejetée');
  await expect(page.getByTestId('import-warned')).toContainText('1 ligne importée');
  const warning = page.getByTestId('import-warning');
  await expect(warning).toHaveCount(1);
  await expect(warning).toContainText('E-mail');
  await expect(warning).toContainText('pas-un-email');
  await shot(page, '81-import-agency-result-fr');
  expect(await seriousViolations(page), 'agency result').toEqual([]);

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Télécharger les valeurs écartées' }).click();
  const warnings = readFileSync((await (await download).path())!, 'utf8');
  expect(warnings).toContain(`6;E-mail;pas-un-email;invalid_email`);

  // The leads: overseas mobiles with their territory's code, duplicates merged without losing a value.
  const leads = async (q: string) => (await (await page.request.get(`/api/leads?q=${encodeURIComponent(q)}`)).json()).items as Record<string, unknown>[];
  expect((await leads(`remi.${id}`))[0]).toMatchObject({ phone: '+262692123456', civility: 'mr', postalCode: '97400' });
  expect((await leads(`anli.${id}`))[0]).toMatchObject({ phone: '+262639012345' });
  expect((await leads(`leon.${id}`))[0]).toMatchObject({ phone: '+594694201234' });
  // Windows-1252 read as such (œ is 0x9C there), and the row with a bad email kept by its phone.
  expect((await leads(`coeur${id}`))[0]).toMatchObject({ lastName: `Cœur${id}`, email: null, phone: '+33757123456' });
  expect((await leads(`dup.${id}`))[0]).toMatchObject({ firstName: 'Claire', phone: '+33611223344', streetAddress: '8 place Bellecour', customFields: { surface: 120 } });
  expect((await leads(`marc.${id}`))[0]).toMatchObject({ firstName: 'Marc', phone: '+33655443322', customFields: { surface: 95 } });

  // The marketer's next steps with what the import brought in: search the way a person types the
  // name (no accent, any case, any order), open the lead and read where it came from, then merge
  // it with the twin the app suggests, choosing values, and undo that merge.
  const importUrl = page.url();
  const twin = await apiPost<{ id: string }>(page, '/leads', {
    email: `h.lefevre.${id}@gmail.com`,
    firstName: 'helene',
    lastName: `LEFEVRE${id}`,
    company: 'Agence Horizon',
    city: 'Firminy',
  });
  await page.goto('/leads');
  await settled(page);
  await page.getByRole('searchbox', { name: 'Rechercher un prospect' }).fill(`lefevre${id} helene`);
  await expect(page.getByTestId('lead-row')).toHaveCount(2);
  await page.getByTestId('lead-row').getByText(`helene.${id}@exemple.fr`).click();
  await expect(page.getByRole('heading', { level: 1, name: `Mme Hélène Lefèvre${id}` })).toBeVisible();
  const timeline = page.getByTestId('timeline');
  await expect(timeline.getByText(`Créé par l'import « export-agence-${id}.csv »`)).toBeVisible();
  await page.getByRole('button', { name: 'Fusionner des doublons' }).click();
  const mergeDialog = page.getByRole('dialog');
  const suggestions = mergeDialog.getByTestId('merge-suggestions');
  await expect(suggestions.getByRole('listitem')).toHaveCount(1);
  await expect(suggestions.getByText('même nom')).toBeVisible();
  await suggestions.getByRole('button', { name: /Continuer/ }).click();
  const choices = mergeDialog.getByTestId('merge-choices');
  // Enrichment named the company after the e-mail domain ("Exemple"): take the twin's instead, keep this lead's city.
  await expect(choices.getByRole('radio', { name: 'Garder « Exemple » pour Entreprise' })).toBeChecked();
  await choices.getByRole('radio', { name: 'Garder « Agence Horizon » pour Entreprise' }).check();
  await choices.getByRole('radio', { name: 'Garder « Lyon » pour Ville' }).check();
  await mergeDialog.getByRole('button', { name: 'Fusionner' }).click();
  await expect(page.getByText('Fusion effectuée.')).toBeVisible();
  await expect(page.locator('dd', { hasText: `h.lefevre.${id}@gmail.com` })).toBeVisible();
  const merge = timeline.locator('li[data-kind="merge"]');
  await expect(merge.getByText('Entreprise : Exemple → Agence Horizon')).toBeVisible();
  await shot(page, '84-agency-lead-merged-fr');
  await merge.getByRole('button', { name: 'Annuler la fusion' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Annuler la fusion' }).click();
  await expect(page.getByText('Fusion annulée.')).toBeVisible();
  await expect(page.locator('dd', { hasText: `h.lefevre.${id}@gmail.com` })).toHaveCount(0);
  expect((await (await page.request.get(`/api/leads/${twin.id}`)).json()).deletedAt).toBeNull();
  await page.goto(importUrl);
  await settled(page);

  // The same result in English.
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: WEB_URL }]);
  await page.reload();
  await settled(page);
  await expect(page.getByTestId('import-sum')).toContainText('10 rows read = 7 created + 0 updated + 0 unchanged + 2 merged + 1 rejected');
  await shot(page, '83-import-agency-result-en');

  // A second upload in English, left at the mapping step, then deleted from the wizard.
  await page.goto('/leads/import');
  await settled(page);
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByRole('combobox', { name: 'Field for column “Civilité”' })).toHaveText('Civility');
  await expect(page.getByTestId('recent-import').filter({ hasText: 'To map' })).toHaveCount(1);
  await shot(page, '82-import-agency-mapping-en');
  await page.getByRole('button', { name: 'Delete this upload' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page).toHaveURL(/\/leads\/import$/);
  await expect(page.getByTestId('recent-import')).toHaveCount(1);
});
