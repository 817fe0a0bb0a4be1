import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { apiPost, apiUpload, png, registerViaBff, settled } from './support';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
}

test('public pages have no serious accessibility violations', async ({ page }) => {
  for (const path of ['/login', '/register', '/forgot-password', '/reset-password?token=abc', '/invite']) {
    await page.goto(path);
    await settled(page);
    expect(await seriousViolations(page), path).toEqual([]);
  }
});

test('app pages and dialogs have no serious accessibility violations', async ({ page }) => {
  await registerViaBff(page);
  for (const path of ['/', '/leads', '/segments', '/campaigns', '/inbox', '/content', '/analytics', '/settings/profile', '/settings/members', '/settings/scoring', '/settings/api-keys', '/settings/audit-log']) {
    await page.goto(path);
    await settled(page);
    expect(await seriousViolations(page), path).toEqual([]);
  }
  await page.goto('/settings/api-keys');
  await settled(page);
  await page.getByRole('button', { name: 'Nouvelle clé' }).first().click();
  await expect(page.getByRole('checkbox').first()).toBeVisible();
  expect(await seriousViolations(page), 'create API key dialog').toEqual([]);
  await page.keyboard.press('Escape');

  await page.goto('/settings/members');
  await settled(page);
  await page.getByRole('button', { name: 'Inviter' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  expect(await seriousViolations(page), 'invite dialog').toEqual([]);
});

test('lead pages and their dialogs have no serious accessibility violations', async ({ page }) => {
  await registerViaBff(page);
  await apiPost(page, '/custom-fields', { key: 'budget', label: 'Budget (€)', type: 'number', position: 0 });
  await apiPost(page, '/custom-fields', { key: 'bien', label: 'Type de bien', type: 'select', options: ['Maison', 'Appartement'], position: 1 });
  const lead = await apiPost<{ id: string }>(page, '/leads', {
    email: 'lea.moreau@exemple.fr',
    firstName: 'Léa',
    lastName: 'Moreau',
    phone: '06 11 22 33 44',
    tags: ['vip'],
    customFields: { budget: 320000, bien: 'Maison' },
    consent: { email: { status: 'granted', source: 'salon' } },
  });
  await apiPost(page, `/leads/${lead.id}/notes`, { body: 'Premier contact au salon.' });
  await apiPost(page, '/leads', { email: 'lea.moreau@autre.fr', firstName: 'Léa', lastName: 'Moreau' });

  for (const path of ['/leads', `/leads/${lead.id}`, '/settings/custom-fields', '/leads/00000000-0000-4000-8000-000000000000', '/leads?trash=1']) {
    await page.goto(path);
    await settled(page);
    expect(await seriousViolations(page), path).toEqual([]);
  }

  await page.goto('/leads');
  await settled(page);
  await page.getByRole('checkbox', { name: 'Sélectionner tous les prospects affichés' }).click();
  await expect(page.getByTestId('bulk-bar')).toBeVisible();
  expect(await seriousViolations(page), 'bulk bar').toEqual([]);
  await page.getByRole('button', { name: /^Étape/ }).click();
  await expect(page.getByRole('menu')).toBeVisible();
  expect(await seriousViolations(page), 'stage filter menu').toEqual([]);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Nouveau prospect' }).first().click();
  await page.getByRole('dialog').getByRole('button', { name: 'Créer le prospect' }).click();
  await expect(page.getByRole('dialog').getByText('Indiquez au moins un e-mail ou un numéro de téléphone.')).toBeVisible();
  expect(await seriousViolations(page), 'new lead dialog with errors').toEqual([]);
  await page.keyboard.press('Escape');

  await page.goto(`/leads/${lead.id}`);
  await settled(page);
  await page.getByRole('button', { name: 'Fusionner des doublons' }).click();
  // The twin (same name, same email local part) is suggested first.
  await expect(page.getByTestId('merge-suggestions').getByRole('listitem')).toHaveCount(1);
  expect(await seriousViolations(page), 'merge dialog').toEqual([]);
  await page.getByTestId('merge-suggestions').getByRole('button', { name: /Continuer/ }).click();
  await expect(page.getByTestId('merge-choices')).toBeVisible();
  expect(await seriousViolations(page), 'merge choices').toEqual([]);
  await page.keyboard.press('Escape');

  await page.goto('/settings/custom-fields');
  await settled(page);
  await page.getByRole('button', { name: 'Nouveau champ' }).click();
  await page.getByRole('dialog').getByLabel('Type', { exact: true }).click();
  await page.getByRole('option', { name: 'Liste de choix' }).click();
  expect(await seriousViolations(page), 'custom field dialog').toEqual([]);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Supprimer Budget (€)' }).click();
  await expect(page.getByRole('alertdialog')).toBeVisible();
  expect(await seriousViolations(page), 'delete custom field confirmation').toEqual([]);
});

test('catalogue pages, galleries and media dialogs have no serious accessibility violations', async ({ page }) => {
  await registerViaBff(page);
  const product = await apiPost<{ id: string }>(page, '/products', { sku: 'CHAIR-01', name: 'Chaise en chêne', priceMinor: 12990, currency: 'EUR' });
  const property = await apiPost<{ id: string }>(page, '/properties', { reference: 'LYN-001', title: 'T3 lumineux près du canal', propertyType: 'apartment', city: 'Lyon', priceMinor: 34500000, currency: 'EUR' });
  await apiUpload(page, 'facade.png', png(320, 240, [234, 88, 12]), { productId: product.id, propertyId: property.id });
  await apiUpload(page, 'plan.pdf', Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'), { propertyId: property.id });

  for (const path of ['/catalogue/products', '/catalogue/properties/00000000-0000-4000-8000-000000000000']) {
    await page.goto(path);
    await settled(page);
    expect(await seriousViolations(page), path).toEqual([]);
  }

  await page.goto(`/catalogue/properties/${property.id}`);
  await settled(page);
  await expect(page.getByTestId('gallery-item')).toHaveCount(2);
  expect(await seriousViolations(page), 'property page with its gallery').toEqual([]);
  await page.getByRole('button', { name: 'Choisir dans la médiathèque' }).click();
  await expect(page.getByRole('dialog').getByTestId('picker-item')).toHaveCount(2);
  expect(await seriousViolations(page), 'media picker').toEqual([]);
  await page.keyboard.press('Escape');

  await page.goto('/catalogue/media');
  await settled(page);
  await page.getByRole('button', { name: 'Lier facade.png à un produit ou un bien' }).click();
  await expect(page.getByRole('dialog').getByTestId('current-property')).toContainText('T3 lumineux près du canal');
  expect(await seriousViolations(page), 'link dialog').toEqual([]);
});

test('scoring rules page, its dialogs and the lead score panel have no serious accessibility violations', async ({ page }) => {
  await registerViaBff(page);
  const lead = await apiPost<{ id: string }>(page, '/leads', { email: 'paul.girard@exemple.fr', firstName: 'Paul', lastName: 'Girard', jobTitle: 'Directeur' });
  await apiPost(page, '/scoring-rules', { name: 'Décideur', kind: 'attribute', condition: { type: 'field', field: 'jobTitle', operator: 'contains', value: 'directeur' }, points: 10 });
  await apiPost(page, '/scoring-rules', { name: 'Clics', kind: 'behaviour', condition: { eventType: 'email.clicked' }, points: 5, maxPoints: 20, decayDays: 90, active: false });

  await page.goto('/settings/scoring');
  await settled(page);
  await expect(page.getByTestId('scoring-rule')).toHaveCount(2);
  expect(await seriousViolations(page), 'scoring rules').toEqual([]);
  await page.getByRole('button', { name: 'Nouvelle règle' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('Nom de la règle')).toBeFocused();
  expect(await seriousViolations(page), 'attribute rule dialog').toEqual([]);
  await dialog.getByRole('radio', { name: /Comportement/ }).check();
  await dialog.getByRole('button', { name: 'Ajouter un détail' }).click();
  await dialog.getByRole('spinbutton', { name: 'Points' }).fill('0');
  await expect(dialog.getByText('Un nombre entier entre -1 000 et 1 000, différent de 0.')).toBeVisible();
  expect(await seriousViolations(page), 'behaviour rule dialog with an error').toEqual([]);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Supprimer la règle « Clics »' }).click();
  await expect(page.getByRole('alertdialog')).toBeVisible();
  expect(await seriousViolations(page), 'delete rule confirmation').toEqual([]);
  await page.keyboard.press('Escape');

  await page.goto(`/leads/${lead.id}`);
  await settled(page);
  await expect(page.getByTestId('score-part')).toHaveCount(1);
  expect(await seriousViolations(page), 'lead score panel').toEqual([]);
});
