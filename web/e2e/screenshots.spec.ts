import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { SHOTS_DIR, WEB_URL, apiPost, apiUpload, png, registerViaBff, settled } from './support';

// Not assertions on pixels: pictures of every page for a person to look at.
mkdirSync(SHOTS_DIR, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS_DIR, `${name}.png`), fullPage: true });

test('screenshots of every page', async ({ page }) => {
  await page.goto('/login');
  await settled(page);
  await shot(page, '01-login');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await shot(page, '01b-login-errors');
  await page.goto('/register');
  await page.getByLabel('E-mail professionnel').fill('pas-un-email');
  await page.getByLabel('Mot de passe').fill('court');
  await shot(page, '02-register-typing');

  await registerViaBff(page);
  for (const [path, name] of [
    ['/', '03-dashboard'],
    ['/leads', '04-leads-empty'],
    ['/campaigns', '05-campaigns'],
    ['/settings/profile', '06-profile'],
  ] as const) {
    await page.goto(path);
    await settled(page);
    await shot(page, name);
  }

  // A stubbed page of leads, to see the table filled, paged and failing without seeding 62 leads.
  const firstNames = ['Camille', 'Louis', 'Chloé', 'Hugo', 'Léa', 'Gabriel', 'Manon', 'Arthur', 'Inès', 'Jules'];
  const lastNames = ['Bernard', 'Dubois', 'Moreau', 'Laurent', 'Simon', 'Michel', 'Lefèvre', 'Garcia', 'Roux', 'Fournier'];
  const stages = ['lead', 'mql', 'sql', 'customer', 'subscriber'];
  const leadsPage = (offset: number, count: number, next: string | null) => ({
    items: Array.from({ length: count }, (_, i) => {
      const n = offset + i;
      const first = firstNames[n % 10];
      const last = lastNames[(n * 3) % 10];
      return {
        id: `lead-${n}`,
        email: `${first.toLowerCase()}.${last.toLowerCase()}@exemple.fr`.normalize('NFD').replace(/[\u0300-\u036f]/g, ''),
        firstName: first,
        lastName: last,
        company: n % 3 === 0 ? null : ['Immobilière du Parc', 'Boulangerie Martin', 'Cabinet Rives'][n % 3],
        phone: n % 4 === 0 ? null : `+33 6 ${String(10 + n).padStart(2, '0')} 45 67 89`,
        source: ['api', 'import', 'form'][n % 3],
        lifecycleStage: stages[n % 5],
        jobTitle: null,
        ownerId: null,
        tags: [['vip'], [], ['salon-2026', 'maison'], ['newsletter'], []][n % 5],
        customFields: {},
        consent: { email: { status: 'granted', at: null, source: null }, sms: { status: 'unknown', at: null, source: null }, whatsapp: { status: 'unknown', at: null, source: null } },
        language: null,
        timezone: null,
        score: (n * 17) % 90,
        createdAt: new Date(Date.UTC(2026, 10, 24, 9, 0) - n * 3_600_000).toISOString(),
        updatedAt: new Date(Date.UTC(2026, 10, 24, 9, 0) - n * 3_600_000).toISOString(),
        deletedAt: null,
        mergedIntoId: null,
      };
    }),
    nextCursor: next,
  });
  await page.route('**/api/leads?*', (route) => {
    const cursor = new URL(route.request().url()).searchParams.get('cursor');
    return route.fulfill({ json: cursor ? leadsPage(50, 12, null) : leadsPage(0, 50, 'page-2') });
  });
  await page.goto('/leads');
  await settled(page);
  await page.screenshot({ path: join(SHOTS_DIR, '04b-leads-table.png') });
  await page.getByRole('button', { name: 'Afficher plus' }).click();
  await expect(page.getByText('62 éléments affichés')).toBeVisible();
  await page.unroute('**/api/leads?*');
  await page.route('**/api/leads?*', (route) =>
    route.fulfill({
      status: 500,
      contentType: 'application/problem+json',
      body: JSON.stringify({ status: 500, code: 'INTERNAL_ERROR', title: 'Internal Server Error', requestId: 'req-7f3a9c' }),
    }),
  );
  await page.goto('/leads');
  await expect(page.getByRole('button', { name: 'Réessayer' })).toBeVisible();
  await shot(page, '04c-leads-error');
  await page.unroute('**/api/leads?*');

  await page.goto('/settings/members');
  await settled(page);
  await page.getByRole('button', { name: 'Inviter' }).click();
  await page.getByRole('dialog').getByLabel('Adresse e-mail').fill('paul@example.test');
  await shot(page, '07-members-invite-dialog');
  await page.getByRole('dialog').getByRole('button', { name: "Envoyer l'invitation" }).click();
  await expect(page.getByRole('dialog').getByTestId('invite-url')).toBeVisible();
  await shot(page, '08-members-invite-created');
  await page.getByRole('dialog').getByRole('button', { name: 'Terminé' }).click();
  await settled(page);
  await shot(page, '09-members');

  await page.goto('/settings/api-keys');
  await settled(page);
  await shot(page, '10-api-keys-empty');
  await page.getByRole('button', { name: 'Nouvelle clé' }).first().click();
  await page.getByRole('dialog').getByLabel('Nom de la clé').fill('Synchronisation CRM');
  await page.getByRole('dialog').getByRole('checkbox', { name: /^leads:read/ }).check();
  await page.getByRole('dialog').getByRole('checkbox', { name: /^leads:write/ }).check();
  await shot(page, '11-api-key-create');
  await page.getByRole('dialog').getByRole('button', { name: 'Créer la clé' }).click();
  await expect(page.getByRole('dialog').getByTestId('api-key-secret')).toBeVisible();
  await shot(page, '12-api-key-one-time');
  await page.getByRole('dialog').getByRole('button', { name: "J'ai copié la clé" }).click();
  await settled(page);
  await shot(page, '13-api-keys-list');

  await page.goto('/settings/audit-log');
  await settled(page);
  await shot(page, '14-audit-log');

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/leads');
  await settled(page);
  await shot(page, '15-mobile-leads');

  // English.
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: WEB_URL }]);
  await page.goto('/settings/api-keys');
  await settled(page);
  await shot(page, '17-en-api-keys');
  await page.context().clearCookies();
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: WEB_URL }]);
  await page.goto('/login');
  await settled(page);
  await shot(page, '18-en-login');
});

test('screenshots of the lead pages and custom fields', async ({ page }) => {
  await registerViaBff(page);
  await page.goto('/settings/custom-fields');
  await settled(page);
  await shot(page, '20-custom-fields-empty');
  await page.getByRole('button', { name: 'Nouveau champ' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Libellé').fill('Type de bien recherché');
  await dialog.getByLabel('Type', { exact: true }).click();
  await page.getByRole('option', { name: 'Liste de choix' }).click();
  await dialog.getByRole('textbox', { name: 'Option 1' }).fill('Maison');
  await dialog.getByRole('button', { name: 'Ajouter une option' }).click();
  await dialog.getByRole('textbox', { name: 'Option 2' }).fill('Maison');
  await shot(page, '21-custom-field-create-dialog');
  await page.keyboard.press('Escape');

  await apiPost(page, '/custom-fields', { key: 'budget', label: 'Budget (€)', type: 'number', position: 0 });
  await apiPost(page, '/custom-fields', { key: 'type_de_bien', label: 'Type de bien', type: 'select', options: ['Maison', 'Appartement', 'Terrain', 'Local commercial'], position: 1 });
  await apiPost(page, '/custom-fields', { key: 'date_visite', label: 'Date de visite', type: 'date', position: 2 });
  await apiPost(page, '/custom-fields', { key: 'primo', label: 'Primo-accédant', type: 'boolean', position: 3 });
  await page.goto('/settings/custom-fields');
  await settled(page);
  await shot(page, '22-custom-fields-list');
  await page.getByRole('button', { name: 'Supprimer Budget (€)' }).click();
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await shot(page, '23-custom-field-delete-confirm');
  await page.keyboard.press('Escape');

  const people = [
    ['Camille', 'Bernard', 'Immobilière du Parc', 'customer'],
    ['Louis', 'Dubois', 'Boulangerie Martin', 'lead'],
    ['Chloé', 'Moreau', null, 'mql'],
    ['Hugo', 'Laurent', 'Cabinet Rives', 'sql'],
    ['Léa', 'Simon', null, 'subscriber'],
    ['Gabriel', 'Michel', 'Agence Horizon', 'opportunity'],
    ['Manon', 'Lefèvre', null, 'lead'],
    ['Arthur', 'Garcia', 'Garcia & Fils', 'evangelist'],
  ] as const;
  const ids: string[] = [];
  for (const [i, [first, last, company, stage]] of people.entries()) {
    const lead = await apiPost<{ id: string }>(page, '/leads', {
      firstName: first,
      lastName: last,
      email: `${first}.${last}@exemple.fr`.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, ''),
      phone: i % 3 === 0 ? null : `06 ${String(10 + i)} 45 67 89`,
      company,
      source: ['site', 'salon', 'recommandation'][i % 3],
      lifecycleStage: stage,
      tags: [['vip'], [], ['salon-2026', 'maison'], ['newsletter']][i % 4],
      customFields: { budget: 180000 + i * 45000, type_de_bien: ['Maison', 'Appartement', 'Terrain'][i % 3], date_visite: '2026-12-0' + (i + 1), primo: i % 2 === 0 },
      consent: { email: { status: i % 4 === 3 ? 'denied' : 'granted', source: 'salon' }, sms: i % 2 ? { status: 'granted', source: 'formulaire' } : undefined },
    });
    ids.push(lead.id);
  }
  await apiPost(page, `/leads/${ids[0]}/notes`, { body: 'Premier contact au salon de l\'immobilier. Cherche une maison avec jardin, budget ferme.' });
  await apiPost(page, `/leads/${ids[0]}/notes`, { body: 'Rappeler lundi pour organiser la visite.' });
  await apiPost(page, '/leads', { firstName: 'Camille', lastName: 'Bernard', email: 'c.bernard@autre-domaine.fr', company: 'Immobilière du Parc' });

  await page.goto('/leads');
  await settled(page);
  await shot(page, '24-leads-list');
  await page.getByRole('button', { name: /^Étape/ }).click();
  await page.getByRole('menuitemcheckbox', { name: 'Prospect', exact: true }).click();
  await page.getByRole('menuitemcheckbox', { name: 'Client' }).click();
  await shot(page, '25-leads-stage-filter');
  await page.keyboard.press('Escape');
  await settled(page);
  await page.getByRole('checkbox', { name: 'Sélectionner tous les prospects affichés' }).click();
  await shot(page, '26-leads-bulk-bar');
  await page.getByTestId('bulk-bar').getByRole('button', { name: 'Mettre à la corbeille' }).click();
  await shot(page, '27-leads-bulk-trash-confirm');
  await page.keyboard.press('Escape');
  await page.goto('/leads?q=introuvable');
  await settled(page);
  await shot(page, '28-leads-search-empty');
  await page.goto('/leads?trash=1');
  await settled(page);
  await shot(page, '29-leads-trash-empty');

  await page.goto('/leads');
  await settled(page);
  await page.getByRole('button', { name: 'Nouveau prospect' }).first().click();
  await page.getByRole('dialog').getByRole('textbox', { name: 'E-mail' }).fill('pas-un-email');
  await page.getByRole('dialog').getByRole('textbox', { name: 'Téléphone' }).fill('12');
  await page.getByRole('dialog').getByLabel('Budget (€)').fill('beaucoup');
  await shot(page, '30-new-lead-dialog-errors');
  await page.keyboard.press('Escape');

  await page.goto(`/leads/${ids[0]}`);
  await settled(page);
  await shot(page, '31-lead-page');
  await page.getByRole('button', { name: 'Modifier', exact: true }).first().click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await shot(page, '32-lead-edit-dialog');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Fusionner des doublons' }).click();
  // The twin (same name, same company) is suggested first; a search finds no other.
  await expect(page.getByTestId('merge-suggestions')).toBeVisible();
  await page.getByRole('dialog').getByRole('searchbox').fill('Bernard');
  await expect(page.getByRole('dialog').getByText('Aucun autre prospect ne correspond.')).toBeVisible();
  await shot(page, '33-lead-merge-pick');
  await page.getByTestId('merge-suggestions').getByRole('button', { name: /Continuer/ }).first().click();
  await expect(page.getByTestId('merge-choices')).toBeVisible();
  await shot(page, '34-lead-merge-confirm');
  await page.keyboard.press('Escape');

  await page.goto('/leads/00000000-0000-4000-8000-000000000000');
  await settled(page);
  await shot(page, '35-lead-not-found');

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/leads/${ids[0]}`);
  await settled(page);
  await shot(page, '36-mobile-lead-page');

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: WEB_URL }]);
  await page.goto('/leads');
  await settled(page);
  await shot(page, '37-en-leads-list');
  await page.goto(`/leads/${ids[0]}`);
  await settled(page);
  await shot(page, '38-en-lead-page');
  await page.goto('/settings/custom-fields');
  await settled(page);
  await shot(page, '39-en-custom-fields');
  await page.goto('/leads');
  await settled(page);
  await page.getByRole('button', { name: 'New lead' }).first().click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await shot(page, '40-en-new-lead-dialog');
});

test('screenshots of the catalogue with its media', async ({ page }) => {
  await registerViaBff(page);
  const bare = await apiPost<{ id: string }>(page, '/products', { sku: 'VASE-07', name: 'Vase en grès émaillé', priceMinor: 4500, currency: 'EUR' });
  const chair = await apiPost<{ id: string }>(page, '/products', {
    sku: 'CHAIR-VELVET-XL-2026',
    name: 'Fauteuil scandinave en velours côtelé avec accoudoirs en chêne massif, édition limitée automne-hiver',
    description: 'Assise profonde, pieds fuselés, tissu déhoussable. Livré monté.',
    priceMinor: 89900,
    currency: 'EUR',
  });
  const flat = await apiPost<{ id: string }>(page, '/properties', {
    reference: 'LYN-2026-014',
    title: 'Appartement T4 traversant avec balcon filant, vue dégagée sur le parc de la Tête d’Or',
    propertyType: 'apartment',
    transactionType: 'sale',
    status: 'available',
    addressLine: '12 boulevard des Belges',
    city: 'Lyon',
    postalCode: '69006',
    surfaceM2: 96.4,
    rooms: 4,
    bedrooms: 3,
    priceMinor: 62000000,
    currency: 'EUR',
  });
  await apiPost(page, '/properties', { reference: 'LYN-2026-015', title: 'Studio meublé proche gare Part-Dieu', propertyType: 'apartment', transactionType: 'rent', status: 'draft', city: 'Lyon', postalCode: '69003', surfaceM2: 24, rooms: 1, priceMinor: 65000, currency: 'EUR' });

  const photos: [string, number, number, [number, number, number]][] = [
    ['sejour.png', 800, 600, [180, 140, 100]],
    ['cuisine-equipee-ouverte-sur-le-sejour-avec-ilot-central.png', 800, 600, [90, 120, 140]],
    ['chambre-parentale.png', 600, 800, [200, 180, 160]],
    ['salle-de-bains.png', 800, 600, [80, 150, 170]],
    ['balcon.png', 800, 500, [60, 130, 80]],
    ['vue-depuis-le-balcon-sur-le-parc-au-coucher-du-soleil.png', 900, 600, [230, 140, 60]],
    ['entree.png', 600, 600, [140, 110, 170]],
  ];
  for (const [name, w, h, rgb] of photos) await apiUpload(page, name, png(w, h, rgb), { propertyId: flat.id });
  await apiUpload(page, 'plan-du-logement.pdf', Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'), { propertyId: flat.id });
  await apiUpload(page, 'fauteuil-face.png', png(800, 800, [150, 60, 70]), { productId: chair.id });
  await apiUpload(page, 'fauteuil-profil.png', png(800, 800, [120, 50, 60]), { productId: chair.id, propertyId: flat.id });
  await apiUpload(page, 'logo-agence.png', png(400, 200, [70, 70, 200]));

  await page.goto('/catalogue/products');
  await settled(page);
  await shot(page, '50a-products-with-covers');
  await page.goto('/catalogue/properties');
  await settled(page);
  await shot(page, '50b-properties-with-covers');

  await page.goto(`/catalogue/properties/${flat.id}`);
  await settled(page);
  await expect(page.getByTestId('gallery-item')).toHaveCount(9);
  await shot(page, '50c-property-gallery');
  await page.setViewportSize({ width: 1280, height: 800 });
  await shot(page, '50d-property-gallery-1280');
  await page.setViewportSize({ width: 1440, height: 900 });

  await page.getByRole('button', { name: 'Choisir dans la médiathèque' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /logo-agence\.png/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: /fauteuil-face\.png/ }).click();
  await page.screenshot({ path: join(SHOTS_DIR, '50e-media-picker.png') });
  await page.keyboard.press('Escape');

  // Upload errors as the API words them: too large (413) and damaged (422), stubbed for the 413.
  await page.route('**/api/media', (route) =>
    route.request().method() === 'POST'
      ? route.fulfill({ status: 413, contentType: 'application/problem+json', body: JSON.stringify({ status: 413, code: 'MEDIA_TOO_LARGE', title: 'Content Too Large', detail: 'The file is larger than 20971520 bytes.' }) })
      : route.fallback(),
  );
  await page.goto(`/catalogue/products/${bare.id}`);
  await settled(page);
  await page.getByTestId('gallery-file').setInputFiles([{ name: 'photo-haute-definition-studio-4k.png', mimeType: 'image/png', buffer: png(40, 40, [0, 0, 0]) }]);
  await expect(page.getByTestId('upload-item').getByRole('alert')).toBeVisible();
  await page.unroute('**/api/media');
  await page.getByTestId('gallery-file').setInputFiles([{ name: 'vase-abime.png', mimeType: 'image/png', buffer: Buffer.concat([png(8, 8, [0, 0, 0]).subarray(0, 8), Buffer.alloc(500, 7)]) }]);
  await expect(page.getByTestId('upload-item').getByRole('alert')).toHaveCount(2);
  await shot(page, '50f-product-gallery-empty-with-errors');

  // The gallery reads its product's ordered media.
  await page.route(`**/api/products/${chair.id}/media`, (route) =>
    route.fulfill({ status: 500, contentType: 'application/problem+json', body: JSON.stringify({ status: 500, code: 'INTERNAL_ERROR', title: 'Internal Server Error', requestId: 'req-51c0de' }) }),
  );
  await page.goto(`/catalogue/products/${chair.id}`);
  await expect(page.getByRole('button', { name: 'Réessayer' })).toBeVisible();
  await shot(page, '50g-product-gallery-error');
  await page.unroute(`**/api/products/${chair.id}/media`);
  await page.goto('/catalogue/products/00000000-0000-4000-8000-000000000000');
  await settled(page);
  await shot(page, '50h-product-not-found');

  await page.goto('/catalogue/media');
  await settled(page);
  await shot(page, '50i-media-library-links');
  await page.getByRole('button', { name: 'Lier fauteuil-profil.png à un produit ou un bien' }).click();
  await expect(page.getByRole('dialog').getByTestId('current-product')).toContainText('Fauteuil scandinave');
  await expect(page.getByRole('dialog').getByTestId('current-property')).toContainText('Appartement T4');
  await page.screenshot({ path: join(SHOTS_DIR, '50j-media-link-dialog.png') });
  await page.keyboard.press('Escape');

  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: WEB_URL }]);
  await page.goto('/catalogue/products');
  await settled(page);
  await shot(page, '51a-en-products-with-covers');
  await page.goto(`/catalogue/properties/${flat.id}`);
  await settled(page);
  await shot(page, '51b-en-property-gallery');
  await page.getByRole('button', { name: 'Pick from library' }).click();
  await expect(page.getByRole('dialog').getByTestId('picker-item').first()).toBeVisible();
  await page.screenshot({ path: join(SHOTS_DIR, '51c-en-media-picker.png') });
  await page.keyboard.press('Escape');
  await page.goto('/catalogue/media');
  await settled(page);
  await shot(page, '51d-en-media-library');
  await page.getByRole('button', { name: 'Link logo-agence.png to a product or property' }).click();
  await expect(page.getByRole('dialog').getByRole('listitem').first()).toBeVisible();
  await page.screenshot({ path: join(SHOTS_DIR, '51f-en-media-link-dialog.png') });
});

test('screenshots of the scoring rules and the lead score panel (FR and EN)', async ({ page }) => {
  await registerViaBff(page);
  const waitForJob = async (jobId: string) => {
    await expect
      .poll(async () => ((await (await page.request.get(`/api/jobs/${jobId}`)).json()) as { state: string }).state, { timeout: 20_000 })
      .toBe('completed');
  };
  await apiPost(page, '/custom-fields', { key: 'budget', label: 'Budget (€)', type: 'number', position: 0 });
  const camille = await apiPost<{ id: string }>(page, '/leads', {
    firstName: 'Camille',
    lastName: 'Bernard',
    email: 'camille.bernard@exemple.fr',
    jobTitle: 'Directrice d\'agence',
    company: 'Immobilière du Parc',
    tags: ['vip'],
    customFields: { budget: 320000 },
  });
  await apiPost(page, '/leads', { firstName: 'Louis', lastName: 'Dubois', email: 'louis.dubois@exemple.fr', jobTitle: 'Directeur général' });

  await page.goto(`/leads/${camille.id}`);
  await settled(page);
  await expect(page.getByTestId('score-panel')).toContainText('Aucune règle de score pour l\'instant');
  await shot(page, '50-lead-score-no-rules');

  await page.goto('/settings/scoring');
  await settled(page);
  await shot(page, '51-scoring-empty');
  await page.getByRole('button', { name: 'Nouvelle règle' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Nom de la règle').fill('Décideur');
  await dialog.getByRole('textbox', { name: 'Valeur de la condition 1' }).fill('direct');
  await expect(dialog.getByTestId('scoring-condition-count')).toContainText('2 prospects');
  await shot(page, '52-scoring-rule-dialog');
  await dialog.getByRole('radio', { name: /Comportement/ }).check();
  await dialog.getByRole('button', { name: /^Événement/ }).click();
  await page.getByRole('combobox', { name: 'Rechercher ou saisir un type' }).fill('page.viewed');
  await page.keyboard.press('Enter');
  await dialog.getByRole('button', { name: 'Ajouter un détail' }).click();
  await dialog.getByRole('textbox', { name: 'Nom du détail 1' }).fill('url');
  await dialog.getByRole('textbox', { name: 'Valeur du détail 1' }).fill('/tarifs');
  await dialog.getByRole('spinbutton', { name: 'Points' }).fill('3');
  await dialog.getByRole('spinbutton', { name: 'Plafond (facultatif)' }).fill('0');
  await dialog.getByRole('spinbutton', { name: 'Période en jours (facultatif)' }).fill('30');
  await shot(page, '53-scoring-rule-dialog-behaviour');
  await page.keyboard.press('Escape');

  // Events first, then the rules: each recompute that changes the score leaves a step in its history.
  const now = Date.now();
  const events = [
    ...Array.from({ length: 5 }, (_, i) => ({ type: 'email.clicked', lead: { id: camille.id }, occurredAt: new Date(now - (i + 1) * 86_400_000).toISOString() })),
    ...Array.from({ length: 2 }, (_, i) => ({ type: 'page.viewed', lead: { id: camille.id }, properties: { url: '/tarifs' }, occurredAt: new Date(now - (i + 2) * 3_600_000).toISOString() })),
  ];
  await apiPost(page, '/events', { events });
  const rules = [
    { name: 'Décideur', kind: 'attribute', condition: { type: 'field', field: 'jobTitle', operator: 'contains', value: 'direct' }, points: 10 },
    { name: 'Gros budget', kind: 'attribute', condition: { type: 'customField', key: 'budget', valueType: 'number', operator: 'gte', value: 300000 }, points: 15 },
    { name: 'Clics dans les e-mails', kind: 'behaviour', condition: { eventType: 'email.clicked' }, points: 5, maxPoints: 20, decayDays: 90 },
    { name: 'Visite des tarifs', kind: 'behaviour', condition: { eventType: 'page.viewed', properties: { url: '/tarifs' } }, points: 3, decayDays: 30 },
    { name: 'Client VIP', kind: 'attribute', condition: { type: 'tag', operator: 'has', value: 'vip' }, points: 5 },
    { name: 'Refus des e-mails', kind: 'attribute', condition: { type: 'consent', channel: 'email', status: 'denied' }, points: -20 },
    { name: 'Inscrit il y a longtemps', kind: 'attribute', condition: { type: 'field', field: 'createdAt', operator: 'moreThanDaysAgo', value: 365 }, points: -5, active: false },
  ];
  // Four steps are enough for the sparkline; the other rules' recomputes only need to be over.
  let lastJob = '';
  for (const [i, rule] of rules.entries()) {
    lastJob = (await apiPost<{ recomputeJobId: string }>(page, '/scoring-rules', rule)).recomputeJobId;
    if (i < 3) await waitForJob(lastJob);
  }
  await waitForJob(lastJob);

  await page.goto('/settings/scoring');
  await settled(page);
  await expect(page.getByTestId('scoring-rule')).toHaveCount(rules.length);
  await shot(page, '54-scoring-rules');
  await page.route('**/api/jobs/*', (route) =>
    route.fulfill({ json: { id: '00000000-0000-4000-8000-000000000002', queue: 'crm', name: 'rescore-leads', state: 'active', progress: 0, result: null, error: null, attempts: 1, createdAt: new Date().toISOString(), startedAt: null, finishedAt: null } }),
  );
  // Pausing a rule that gives Camille nothing: her history stays readable.
  await page.getByRole('switch', { name: 'Règle « Refus des e-mails » active' }).click();
  await expect(page.getByRole('progressbar', { name: 'Progression du recalcul des scores' })).toBeVisible();
  await expect(page.getByRole('switch', { name: 'Règle « Refus des e-mails » active' })).not.toBeChecked();
  await page.screenshot({ path: join(SHOTS_DIR, '55-scoring-recompute-running.png') });
  await page.unroute('**/api/jobs/*');
  await expect(page.getByTestId('scoring-recompute')).toHaveCount(0);
  await page.getByRole('button', { name: 'Supprimer la règle « Refus des e-mails »' }).click();
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await page.screenshot({ path: join(SHOTS_DIR, '56-scoring-delete-confirm.png') });
  await page.keyboard.press('Escape');

  await page.goto(`/leads/${camille.id}`);
  await settled(page);
  await expect(page.getByTestId('score-part')).toHaveCount(5);
  await shot(page, '57-lead-score-panel');
  // A lead created after the rules: its stored score waits for the next recompute.
  const hugo = await apiPost<{ id: string }>(page, '/leads', { firstName: 'Hugo', lastName: 'Laurent', email: 'hugo.laurent@exemple.fr', jobTitle: 'Directeur commercial' });
  await page.goto(`/leads/${hugo.id}`);
  await settled(page);
  await page.screenshot({ path: join(SHOTS_DIR, '57b-lead-score-pending.png') });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/settings/scoring');
  await settled(page);
  await shot(page, '58-scoring-rules-1280');
  await page.goto(`/leads/${camille.id}`);
  await settled(page);
  await shot(page, '59-lead-score-panel-1280');

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: WEB_URL }]);
  await page.goto('/settings/scoring');
  await settled(page);
  await shot(page, '60-en-scoring-rules');
  await page.getByRole('button', { name: 'Edit rule “Clics dans les e-mails”' }).click();
  await expect(page.getByRole('dialog').getByTestId('scoring-rule-summary')).toContainText('Clicks in an email → +5 per event');
  await shot(page, '61-en-scoring-rule-dialog');
  await page.keyboard.press('Escape');
  await page.goto(`/leads/${camille.id}`);
  await settled(page);
  await shot(page, '62-en-lead-score-panel');
});
