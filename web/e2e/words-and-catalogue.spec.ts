import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { SHOTS_DIR, WEB_URL, apiPost, apiUpload, png, registerViaBff, settled } from './support';

mkdirSync(SHOTS_DIR, { recursive: true });
const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: join(SHOTS_DIR, `${name}.png`), fullPage });

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
}

async function inEnglish(page: Page, english: boolean) {
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: english ? 'en' : 'fr', url: WEB_URL }]);
}

/** Nothing wider than the window: no horizontal scroll on the page or inside any table. */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const wide = [document.documentElement, ...document.querySelectorAll('table')].map((el) => {
      const box = el.tagName === 'TABLE' ? el.parentElement! : el;
      return { tag: el.tagName, scroll: box.scrollWidth, client: box.clientWidth };
    });
    return wide.filter((w) => w.scroll > w.client + 1);
  });
}

test('event types by name in the segment builder and the timeline', async ({ page }) => {
  await registerViaBff(page);
  const at = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
  const helene = { email: 'helene.lefevre@exemple.fr' };
  await apiPost(page, '/leads', { ...helene, firstName: 'Hélène', lastName: 'Lefèvre' });
  await apiPost(page, '/events', {
    events: [
      { type: 'email.opened', lead: helene, occurredAt: at(50) },
      { type: 'email.opened', lead: helene, occurredAt: at(40) },
      { type: 'email.opened', lead: { email: 'paul@exemple.fr' }, occurredAt: at(30) },
      { type: 'devis.demande', lead: helene, occurredAt: at(20) },
      { type: 'email.clicked', lead: helene, occurredAt: at(10), properties: { url: 'https://agence-horizon.fr/biens/t3-lyon-7?utm_source=newsletter' } },
    ],
  });

  // The builder: a behaviour condition picks its type by name, with the workspace's counts first.
  await page.goto('/segments/new');
  await settled(page);
  await page.getByRole('button', { name: 'Ajouter une condition' }).click();
  await page.getByRole('menuitem', { name: 'Comportement' }).click();
  // The new segment starts with a field condition: this is the second.
  const picker = page.getByTestId('event-type-picker');
  await expect(picker).toHaveText('E-mail ouvert');
  await picker.click();
  const list = page.getByRole('listbox', { name: "Type d'événement de la condition 2" });
  await expect(list.getByRole('option').first()).toContainText('E-mail ouvert');
  await expect(list.getByRole('option', { name: /E-mail ouvert/ })).toContainText('3 événements');
  await expect(list.getByRole('option', { name: /devis\.demande/ })).toContainText('1 événement');
  await expect(list.getByRole('option', { name: /Formulaire envoyé/ })).toBeVisible();
  await shot(page, 'd-01-segment-event-picker-fr', false);
  expect(await seriousViolations(page), 'event picker').toEqual([]);

  // Searching by name, accents and case aside, then picking with the keyboard.
  const search = page.getByRole('combobox', { name: 'Rechercher ou saisir un type' });
  await search.fill('clic e-mail');
  await expect(list.getByRole('option')).toHaveCount(0);
  await search.fill('CLIC');
  await expect(list.getByRole('option').first()).toContainText('Clic dans un e-mail');
  await search.press('Enter');
  await expect(picker).toHaveText('Clic dans un e-mail');

  // A type of one's own is still typed freely; a malformed one is explained.
  await picker.click();
  await search.fill('Visite Agence!');
  await expect(page.getByText('ne peut pas être un type')).toBeVisible();
  await search.fill('visite.agence');
  await list.getByRole('option', { name: 'Utiliser « visite.agence »' }).click();
  await expect(picker).toHaveText('visite.agence');

  // The timeline names events and shows the link clicked.
  await page.goto('/leads');
  await settled(page);
  await page.getByRole('link', { name: /Hélène Lefèvre/ }).first().click();
  await settled(page);
  const timeline = page.getByTestId('timeline');
  await expect(timeline.locator('[data-kind="event"]').first()).toContainText('Clic dans un e-mail');
  await expect(timeline.getByTestId('event-url').getByRole('link')).toHaveAttribute('href', 'https://agence-horizon.fr/biens/t3-lyon-7?utm_source=newsletter');
  await expect(timeline).toContainText('E-mail ouvert');
  await expect(timeline).toContainText('devis.demande');
  await shot(page, 'd-02-timeline-events-fr');

  await inEnglish(page, true);
  await page.reload();
  await settled(page);
  await expect(timeline.locator('[data-kind="event"]').first()).toContainText('Email link clicked');
  await expect(timeline.getByTestId('event-url')).toContainText('Link:');
  await shot(page, 'd-03-timeline-events-en');

  await page.goto('/segments/new');
  await settled(page);
  await page.getByRole('button', { name: 'Add condition' }).click();
  await page.getByRole('menuitem', { name: 'Behaviour' }).click();
  await expect(picker).toHaveText('Email opened');
  await picker.click();
  await expect(page.getByRole('option', { name: /Email opened/ })).toContainText('3 events');
  await shot(page, 'd-03b-segment-event-picker-en', false);
});

test('the audit log reads as sentences, filters by picker and fits 1,280 px', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await registerViaBff(page);
  const key = await apiPost<{ id: string }>(page, '/api-keys', { name: 'Zapier', scopes: ['leads:read'] });
  const del = await page.request.delete(`/api/api-keys/${key.id}`, { headers: { origin: WEB_URL } });
  expect(del.status()).toBe(204);
  await apiPost(page, '/leads', { email: 'anne@exemple.fr', firstName: 'Anne', lastName: 'Dupont' });
  await apiPost(page, '/segments', { name: 'Salon 2026', rules: { op: 'and', conditions: [{ type: 'tag', operator: 'has', value: 'salon' }] } });

  await page.goto('/settings/audit-log');
  await settled(page);
  const entries = page.getByTestId('audit-entry');
  await expect(entries.filter({ hasText: "Claire Martin a révoqué la clé d'API « Zapier »" })).toHaveCount(1);
  await expect(entries.filter({ hasText: "Claire Martin a créé la clé d'API « Zapier »" })).toHaveCount(1);
  await expect(entries.filter({ hasText: 'Claire Martin a créé le prospect « Anne Dupont »' })).toHaveCount(1);
  await expect(entries.filter({ hasText: 'Claire Martin a créé le segment « Salon 2026 »' })).toHaveCount(1);
  await expect(entries.filter({ hasText: 'Claire Martin a ouvert une session' }).or(entries.filter({ hasText: "Claire Martin a créé l'espace" })).first()).toBeVisible();
  expect(await overflow(page)).toEqual([]);
  await shot(page, 'd-04-audit-log-fr-1280');
  expect(await seriousViolations(page), 'audit log').toEqual([]);

  // Pickers instead of free text: deletions and revocations only.
  await page.getByRole('combobox', { name: "Type d'action" }).click();
  await page.getByRole('option', { name: 'Suppressions et révocations' }).click();
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await settled(page);
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText("a révoqué la clé d'API « Zapier »");
  // By object type: segments.
  await page.getByRole('combobox', { name: "Type d'action" }).click();
  await page.getByRole('option', { name: 'Toutes les actions' }).click();
  await page.getByRole('combobox', { name: "Type d'objet" }).click();
  await page.getByRole('option', { name: 'Segments' }).click();
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await settled(page);
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText('Salon 2026');
  // By author: the system did none of it.
  await page.getByRole('combobox', { name: "Type d'objet" }).click();
  await page.getByRole('option', { name: 'Tous les objets' }).click();
  await page.getByRole('combobox', { name: 'Auteur' }).click();
  await expect(page.getByRole('option', { name: 'Claire Martin' })).toBeVisible();
  await page.getByRole('option', { name: 'Le système' }).click();
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await settled(page);
  await expect(page.getByText('Aucun événement ne correspond')).toBeVisible();
  await shot(page, 'd-05-audit-log-filtered-fr');

  await inEnglish(page, true);
  await page.goto('/settings/audit-log');
  await settled(page);
  await expect(entries.filter({ hasText: 'Claire Martin revoked the API key “Zapier”' })).toHaveCount(1);
  expect(await overflow(page)).toEqual([]);
  await shot(page, 'd-06-audit-log-en-1280');
});

test('a listing with its type, rooms and DPE, and a gallery in the order chosen, main photo first', async ({ page }) => {
  await registerViaBff(page);
  await page.goto('/catalogue/properties');
  await settled(page);
  await page.getByRole('button', { name: 'Nouveau bien' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel("Titre de l'annonce").fill('Maison de ville avec jardin');
  await dialog.getByLabel('Référence').fill('LYN-2026-042');
  await dialog.getByRole('combobox', { name: 'Type de bien' }).click();
  await expect(page.getByRole('option')).toHaveText(['Appartement', 'Maison', 'Terrain', 'Local commercial', 'Parking', 'Bureau', 'Immeuble', 'Autre']);
  await page.getByRole('option', { name: 'Maison' }).click();
  await dialog.getByLabel('Ville').fill('Lyon');
  await dialog.getByLabel('Surface (m²)').fill('112,5');
  await dialog.getByLabel('Pièces').fill('3');
  await dialog.getByLabel('Chambres').fill('4');
  await dialog.getByRole('combobox', { name: 'Classe énergie (DPE)' }).click();
  await page.getByRole('option', { name: 'C', exact: true }).click();
  await dialog.getByLabel('Description').fill('Maison lumineuse, jardin clos, garage. Proche des écoles.');
  await dialog.getByRole('button', { name: 'Créer le bien' }).click();
  await expect(dialog.getByText('Pas plus de chambres que de pièces.')).toBeVisible();
  await dialog.getByLabel('Pièces').fill('5');
  await shot(page, 'd-07-property-dialog-fr', false);
  expect(await seriousViolations(page), 'property dialog').toEqual([]);
  await dialog.getByRole('button', { name: 'Créer le bien' }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByTestId('property-row').filter({ hasText: 'Maison de ville avec jardin' });
  await expect(row).toContainText('Maison');
  await expect(row.getByRole('img', { name: 'DPE : classe C' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Filtrer par type' }).click();
  await page.getByRole('option', { name: 'Appartement' }).click();
  await expect(page.getByTestId('property-row')).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Filtrer par type' }).click();
  await page.getByRole('option', { name: 'Maison' }).click();
  await expect(page.getByTestId('property-row')).toHaveCount(1);

  // Three photos arrive in order: the first is the main photo.
  await row.getByRole('link', { name: 'Maison de ville avec jardin' }).click();
  await expect(page).toHaveURL(/\/catalogue\/properties\/[0-9a-f-]{36}$/);
  await settled(page);
  const id = new URL(page.url()).pathname.split('/').pop()!;
  await expect(page.getByText('DPE : classe C').or(page.getByRole('img', { name: 'DPE : classe C' })).first()).toBeVisible();
  await expect(page.getByText('Maison lumineuse, jardin clos')).toBeVisible();
  for (const [name, colour] of [['facade.png', [180, 90, 60]], ['salon.png', [60, 120, 180]], ['jardin.png', [60, 160, 80]]] as const) {
    await apiUpload(page, name, png(480, 320, [...colour]), { propertyId: id });
  }
  await page.reload();
  await settled(page);
  const tiles = page.getByTestId('gallery-item');
  const order = () => tiles.locator('p[title]').allInnerTexts();
  await expect.poll(order).toEqual(['facade.png', 'salon.png', 'jardin.png']);
  await expect(tiles.first().getByText('Photo principale')).toBeVisible();

  // Drag the garden photo to the front.
  await tiles.nth(2).dragTo(tiles.nth(0));
  await expect.poll(order).toEqual(['jardin.png', 'facade.png', 'salon.png']);
  await expect(tiles.first().getByText('Photo principale')).toBeVisible();
  // The keyboard moves a tile too: the living room one step back.
  await page.getByRole('button', { name: /^Déplacer salon\.png/ }).press('ArrowLeft');
  await expect.poll(order).toEqual(['jardin.png', 'salon.png', 'facade.png']);
  // "Set as main photo" on the façade.
  await page.getByRole('button', { name: 'Faire de facade.png la photo principale' }).click();
  await expect.poll(order).toEqual(['facade.png', 'jardin.png', 'salon.png']);
  await page.reload();
  await settled(page);
  await expect.poll(order).toEqual(['facade.png', 'jardin.png', 'salon.png']);
  await expect(tiles.first().getByText('Photo principale')).toBeVisible();
  await shot(page, 'd-08-property-gallery-fr');
  expect(await seriousViolations(page), 'property page').toEqual([]);

  // In the table, the chosen main photo is the thumbnail.
  const gallery = await (await page.request.get(`/api/properties/${id}/media`)).json();
  const facadeId = gallery.items[0].id as string;
  await page.goto('/catalogue/properties');
  await settled(page);
  const cover = page.getByRole('img', { name: 'Photo principale de Maison de ville avec jardin' });
  await expect(cover).toHaveAttribute('src', new RegExp(facadeId));
  await shot(page, 'd-09-properties-table-fr');

  await inEnglish(page, true);
  await page.reload();
  await settled(page);
  await expect(page.getByTestId('property-row').first()).toContainText('House');
  await expect(page.getByRole('img', { name: 'Energy rating: C' })).toBeVisible();
  await shot(page, 'd-10-properties-table-en');
  await page.goto(`/catalogue/properties/${id}`);
  await settled(page);
  await expect(page.getByRole('button', { name: 'Make jardin.png the main photo' })).toBeVisible();
  await shot(page, 'd-11-property-gallery-en');
});
