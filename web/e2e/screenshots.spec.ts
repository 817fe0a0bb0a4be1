import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { SHOTS_DIR, registerViaBff, settled } from './support';

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

  // The leads API has no write endpoint yet: render the table from a stubbed page to see it filled.
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
        createdAt: new Date(Date.UTC(2026, 10, 24, 9, 0) - n * 3_600_000).toISOString(),
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
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: 'http://127.0.0.1:3100' }]);
  await page.goto('/settings/api-keys');
  await settled(page);
  await shot(page, '17-en-api-keys');
  await page.context().clearCookies();
  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: 'http://127.0.0.1:3100' }]);
  await page.goto('/login');
  await settled(page);
  await shot(page, '18-en-login');
});
