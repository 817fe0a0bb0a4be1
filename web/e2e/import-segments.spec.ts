import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { SHOTS_DIR, WEB_URL, apiPost, registerViaBff, settled, uniqueId } from './support';

mkdirSync(SHOTS_DIR, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS_DIR, `${name}.png`), fullPage: true });

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
}

test('CSV import wizard: upload → map → live progress → summary with rejected rows → leads listed', async ({ page }) => {
  await registerViaBff(page);
  await apiPost(page, '/custom-fields', { key: 'budget', label: 'Budget', type: 'number', position: 0 });
  const id = uniqueId();
  const csv = [
    'Prénom;Nom;E-mail;Téléphone;Budget',
    `Camille;Durand${id};camille.${id}@exemple.fr;06 12 34 56 78;320000`,
    `Louis;Martin${id};louis.${id}@exemple.fr;;150000`,
    `Sans;Contact${id};pas-un-email;;`,
    '',
  ].join('\r\n');
  const dir = test.info().outputPath();
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `prospects-${id}.csv`);
  const { writeFileSync } = await import('node:fs');
  writeFileSync(file, csv, 'utf8');

  await page.goto('/leads');
  await settled(page);
  await page.getByRole('link', { name: 'Importer', exact: true }).click();
  await expect(page).toHaveURL(/\/leads\/import$/);
  await settled(page);
  await expect(page.getByRole('heading', { name: 'Aucun import pour l\'instant' })).toBeVisible();
  await shot(page, '41-import-upload');
  expect(await seriousViolations(page), 'import upload').toEqual([]);

  // Step 1: pick the file; it is uploaded raw through the BFF and sniffed by the API.
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page).toHaveURL(/\/leads\/import\?id=[0-9a-f-]{36}$/);

  // Step 2: the suggested mapping, with samples; email must stay mapped.
  await expect(page.getByTestId('mapping-row')).toHaveCount(5);
  await expect(page.getByRole('combobox', { name: 'Champ pour la colonne « E-mail »' })).toHaveText('E-mail');
  await expect(page.getByRole('combobox', { name: 'Champ pour la colonne « Budget »' })).toHaveText('Budget (champ personnalisé)');
  await expect(page.getByText(`camille.${id}@exemple.fr`)).toBeVisible();
  // Without email and phone the import cannot start.
  await page.getByRole('combobox', { name: 'Champ pour la colonne « E-mail »' }).click();
  await page.getByRole('option', { name: 'Ignorer cette colonne' }).click();
  await page.getByRole('combobox', { name: 'Champ pour la colonne « Téléphone »' }).click();
  await page.getByRole('option', { name: 'Ignorer cette colonne' }).click();
  await page.getByRole('button', { name: 'Lancer l\'import' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Associez au moins une colonne à l\'e-mail ou au téléphone' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Champ pour la colonne « E-mail »' }).click();
  await page.getByRole('option', { name: 'E-mail', exact: true }).click();
  await page.getByRole('combobox', { name: 'Champ pour la colonne « Téléphone »' }).click();
  await page.getByRole('option', { name: 'Téléphone', exact: true }).click();
  await shot(page, '42-import-mapping');
  expect(await seriousViolations(page), 'import mapping').toEqual([]);
  await page.getByRole('button', { name: 'Lancer l\'import' }).click();

  // Step 3: progress polled from the job, then the summary.
  await expect(page.getByRole('progressbar', { name: 'Progression de l\'import' }).or(page.getByRole('heading', { name: 'Import terminé' }))).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Import terminé' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('count-created')).toHaveText('2');
  await expect(page.getByTestId('count-rejected')).toHaveText('1');
  await shot(page, '43-import-done');
  expect(await seriousViolations(page), 'import summary').toEqual([]);

  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Télécharger les lignes rejetées' }).click();
  const download = await downloadPromise;
  const report = readFileSync((await download.path())!, 'utf8');
  expect(report).toContain('pas-un-email');

  // The import can be found again in the recent list.
  await expect(page.getByTestId('recent-import').filter({ hasText: `prospects-${id}.csv` })).toContainText('Terminé');

  // The leads are there.
  await page.getByRole('link', { name: 'Voir les prospects' }).click();
  await page.getByRole('searchbox', { name: 'Rechercher un prospect' }).fill(id);
  await expect(page).toHaveURL(new RegExp(`q=${id}`));
  await expect(page.getByTestId('lead-row')).toHaveCount(2);

  // Export keeps the current filters and the UI language.
  const exportLink = page.getByRole('link', { name: 'Exporter (CSV)' });
  await expect(exportLink).toHaveAttribute('href', new RegExp(`q=${id}.*locale=fr`));
  const exportHref = await exportLink.getAttribute('href');
  const exportRes = await page.request.get(exportHref!);
  expect(exportRes.status()).toBe(200);
  expect(await exportRes.text()).toContain(`camille.${id}@exemple.fr`);
});

test('segment builder: field + behaviour conditions, live count, API errors on the condition, save and detail', async ({ page }) => {
  await registerViaBff(page);
  const id = uniqueId();
  await apiPost(page, '/leads', { email: `a.${id}@exemple.fr`, firstName: 'Anne', lastName: 'Roux', jobTitle: 'Directrice commerciale' });
  await apiPost(page, '/leads', { email: `b.${id}@exemple.fr`, firstName: 'Bruno', lastName: 'Petit', jobTitle: 'Directeur général' });
  await apiPost(page, '/leads', { email: `c.${id}@exemple.fr`, firstName: 'Chloé', lastName: 'Blanc', jobTitle: 'Assistante' });

  await page.goto('/segments');
  await settled(page);
  await expect(page.getByRole('heading', { name: 'Aucun segment pour l\'instant' })).toBeVisible();
  await shot(page, '44-segments-empty');
  expect(await seriousViolations(page), 'segments empty').toEqual([]);
  await page.getByRole('link', { name: 'Nouveau segment' }).click();
  await expect(page).toHaveURL(/\/segments\/new$/);

  await page.getByLabel('Nom du segment').fill(`Directeurs ${id}`);
  // The starter condition (email is set) already counts every lead.
  await expect(page.getByTestId('segment-live-count')).toHaveText('3');

  await page.getByRole('combobox', { name: 'Champ de la condition 1' }).click();
  await page.getByRole('option', { name: 'Fonction' }).click();
  await page.getByRole('combobox', { name: 'Opérateur de la condition 1' }).click();
  await page.getByRole('option', { name: 'contient', exact: true }).click();
  await page.getByRole('textbox', { name: 'Valeur de la condition 1' }).fill('direct');
  await expect(page.getByTestId('segment-live-count')).toHaveText('2');

  // A behaviour condition; an empty count is refused by the API, shown on that condition.
  await page.getByRole('button', { name: 'Ajouter une condition' }).first().click();
  await page.getByRole('menuitem', { name: 'Comportement' }).click();
  const event = page.getByTestId('rule-condition').nth(1);
  await event.getByRole('spinbutton', { name: 'Nombre de fois, condition 2' }).fill('');
  await expect(event.getByRole('alert').first()).toBeVisible();
  await expect(page.getByTestId('rule-condition').nth(0).getByRole('alert')).toHaveCount(0);
  await event.getByRole('button', { name: /^Type d'événement de la condition 2/ }).click();
  await page.getByRole('combobox', { name: 'Rechercher ou saisir un type' }).fill('email.clicked');
  await page.keyboard.press('Enter');
  await expect(event.getByTestId('event-type-picker')).toHaveText('Clic dans un e-mail');
  await event.getByRole('combobox', { name: 'Fréquence de la condition 2' }).click();
  await page.getByRole('option', { name: 'jamais' }).click();
  await expect(event.getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('segment-live-count')).toHaveText('2');
  await expect(page.getByTestId('segment-sample').getByRole('listitem')).toHaveCount(2);
  await shot(page, '45-segment-builder');
  expect(await seriousViolations(page), 'segment builder').toEqual([]);

  await page.getByRole('button', { name: 'Créer le segment' }).click();
  await expect(page).toHaveURL(/\/segments\/[0-9a-f-]{36}$/);
  await settled(page);
  await expect(page.getByTestId('segment-lead')).toHaveCount(2);
  await page.getByRole('button', { name: 'Actualiser' }).click();
  await expect(page.getByTestId('segment-size')).toHaveText('2');
  await shot(page, '46-segment-detail');
  expect(await seriousViolations(page), 'segment detail').toEqual([]);

  await page.goto('/segments');
  await settled(page);
  await expect(page.getByTestId('segment-row').filter({ hasText: `Directeurs ${id}` })).toContainText('Dynamique');
  await shot(page, '47-segments-list');

  // Editing reloads the rules into the builder.
  await page.getByRole('link', { name: `Directeurs ${id}` }).click();
  await page.getByRole('link', { name: 'Modifier' }).click();
  await expect(page.getByRole('textbox', { name: 'Valeur de la condition 1' })).toHaveValue('direct');
  await expect(page.getByTestId('segment-live-count')).toHaveText('2');
});

test('screenshots: an import in progress (stubbed job) and the builder in English', async ({ page }) => {
  await registerViaBff(page);
  const importId = '11111111-1111-4111-8111-111111111111';
  const jobId = '22222222-2222-4222-8222-222222222222';
  const base = {
    fileName: 'contacts-salon-immobilier.csv',
    sizeBytes: 1_482_113,
    encoding: 'utf8',
    delimiter: ';',
    headers: ['Prénom', 'Nom', 'E-mail'],
    mapping: [],
    error: null,
    fileDeletedAt: null,
    reportDeletedAt: null,
    createdAt: new Date().toISOString(),
  };
  const running = { ...base, id: importId, status: 'running', jobId, totalRows: 12_480, created: 0, updated: 0, unchanged: 0, rejected: 0, hasReport: false, finishedAt: null };
  const done = { ...base, id: '33333333-3333-4333-8333-333333333333', fileName: 'export-hubspot-octobre.csv', status: 'completed', jobId: null, totalRows: 842, created: 610, updated: 198, unchanged: 21, rejected: 13, hasReport: true, finishedAt: new Date().toISOString() };
  await page.route(`**/api/leads/imports/${importId}`, (route) => route.fulfill({ json: running }));
  await page.route('**/api/leads/imports', (route) => route.fulfill({ json: { items: [running, done] } }));
  await page.route(`**/api/jobs/${jobId}`, (route) =>
    route.fulfill({
      json: { id: jobId, queue: 'imports', name: 'lead-import', state: 'active', progress: { processed: 5_230, created: 3_904, updated: 1_120, unchanged: 160, rejected: 46 }, result: null, error: null, attempts: 1, createdAt: base.createdAt, startedAt: base.createdAt, finishedAt: null },
    }),
  );
  await page.goto(`/leads/import?id=${importId}`);
  await expect(page.getByTestId('count-created')).toHaveText(/3\s?904/);
  await expect(page.getByRole('progressbar', { name: 'Progression de l\'import' })).toHaveAttribute('aria-valuenow', '42');
  await shot(page, '43b-import-running');
  expect(await seriousViolations(page), 'import running').toEqual([]);
  await page.unrouteAll();

  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: WEB_URL }]);
  await apiPost(page, '/custom-fields', { key: 'budget', label: 'Budget', type: 'number', position: 0 });
  await apiPost(page, '/leads', { email: 'anne@exemple.fr', firstName: 'Anne', lastName: 'Roux', tags: ['vip'], customFields: { budget: 300000 } });
  await page.goto('/segments/new');
  await page.getByRole('button', { name: 'Add condition' }).first().click();
  await page.getByRole('menuitem', { name: 'Custom field' }).click();
  await page.getByRole('combobox', { name: 'Operator of condition 2' }).click();
  await page.getByRole('option', { name: 'between' }).click();
  await page.getByRole('spinbutton', { name: 'Range start, condition 2' }).fill('200000');
  await page.getByRole('spinbutton', { name: 'Range end, condition 2' }).fill('100000');
  await page.getByRole('button', { name: 'Add group' }).click();
  await expect(page.getByTestId('rule-condition').nth(1).getByRole('alert').first()).toBeVisible();
  await shot(page, '45b-en-segment-builder-errors');
  expect(await seriousViolations(page), 'segment builder with errors').toEqual([]);
});
