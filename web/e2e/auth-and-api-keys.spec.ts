import { expect, test } from '@playwright/test';
import { API_URL, WEB_URL, newAccount, registerViaBff, settled } from './support';

test('register, log out, log in, create an API key, use it against the API, revoke it', async ({ page, context, request }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: WEB_URL });
  const account = newAccount('keys');

  // Register.
  await page.goto('/register');
  await page.getByLabel('Nom complet').fill(account.name);
  await page.getByLabel('E-mail professionnel').fill(account.email);
  await page.getByLabel('Mot de passe').fill(account.password);
  await page.getByLabel("Nom de l'entreprise").fill(account.tenantName);
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await expect(page).toHaveURL('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeVisible();
  await expect(page.getByRole('button', { name: new RegExp(account.tenantName) })).toBeVisible();

  // Tokens live in httpOnly cookies, never in page JavaScript or storage.
  const cookies = await context.cookies();
  const access = cookies.find((c) => c.name === 'lyn_at');
  expect(access?.httpOnly).toBe(true);
  expect(access?.sameSite).toBe('Strict');
  expect(await page.evaluate(() => document.cookie)).not.toContain('lyn_');
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).not.toMatch(/eyJ|rt_/);

  // Log out.
  await page.getByRole('button', { name: /Menu du compte/ }).click();
  await page.getByRole('menuitem', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/login/);
  expect((await context.cookies()).filter((c) => c.name.startsWith('lyn_'))).toEqual([]);
  await page.goto('/leads');
  await expect(page).toHaveURL(/\/login\?next=%2Fleads/);

  // Wrong password shows the API's problem next to the form; then log in for real.
  await page.getByLabel('Adresse e-mail').fill(account.email);
  await page.getByLabel('Mot de passe').fill('pas le bon mot de passe');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'E-mail ou mot de passe incorrect.' })).toBeVisible();
  await page.getByLabel('Mot de passe').fill(account.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL('/leads');
  await expect(page.getByRole('heading', { name: 'Aucun prospect pour l’instant'.replace('’', "'") })).toBeVisible();

  // API keys.
  await page.getByRole('link', { name: 'Paramètres' }).click();
  await page.getByRole('link', { name: "Clés d'API" }).click();
  await expect(page).toHaveURL('/settings/api-keys');
  await page.getByRole('button', { name: 'Nouvelle clé' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Créer la clé' }).click();
  await expect(dialog.getByText('Ce champ est obligatoire.')).toBeVisible();
  await expect(dialog.getByText('Choisissez au moins une permission.')).toBeVisible();
  await dialog.getByLabel('Nom de la clé').fill('Formulaire du site');
  await dialog.getByRole('checkbox', { name: /^leads:read/ }).check();
  await dialog.getByRole('button', { name: 'Créer la clé' }).click();

  await expect(dialog.getByRole('heading', { name: "Votre nouvelle clé d'API" })).toBeVisible();
  await expect(dialog.getByText('elle ne sera plus jamais affichée')).toBeVisible();
  const key = await dialog.getByTestId('api-key-secret').inputValue();
  expect(key).toMatch(/^lyn_/);
  await dialog.getByRole('button', { name: 'Copier' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
  await dialog.getByRole('button', { name: "J'ai copié la clé" }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByTestId('api-key-row-Formulaire du site');
  await expect(row).toContainText('leads:read');
  await expect(row).toContainText('Active');
  await expect(row).not.toContainText(key);

  // The key works against the API directly.
  const ok = await request.get(`${API_URL}/leads`, { headers: { 'X-API-Key': key } });
  expect(ok.status()).toBe(200);
  expect(Array.isArray((await ok.json()).items)).toBe(true);

  // Revoke (with confirmation), then the same call is refused.
  await row.getByRole('button', { name: 'Révoquer la clé Formulaire du site' }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText('cesseront immédiatement de fonctionner');
  await confirm.getByRole('button', { name: 'Révoquer la clé' }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toContainText('Révoquée');

  const refused = await request.get(`${API_URL}/leads`, { headers: { 'X-API-Key': key } });
  expect(refused.status()).toBe(401);
});

test('the BFF refuses cross-site writes', async ({ request }) => {
  const res = await request.post('/api/auth/login', {
    data: { email: 'x@example.test', password: 'whatever-long' },
    headers: { origin: 'https://evil.example' },
  });
  expect(res.status()).toBe(403);
  expect(res.headers()['content-type']).toContain('application/problem+json');
});

test('an expired access cookie is renewed from the refresh cookie, once, without leaving the page', async ({ page, context }) => {
  await registerViaBff(page);
  const before = await context.cookies();
  const refreshBefore = before.find((c) => c.name === 'lyn_rt')!.value;
  // Keep only the refresh cookie, as after the access token's lifetime.
  await context.clearCookies({ name: 'lyn_at' });
  await page.goto('/leads');
  await expect(page).toHaveURL('/leads');
  await expect(page.getByRole('heading', { level: 1, name: 'Prospects' })).toBeVisible();
  await settled(page);
  const after = await context.cookies();
  expect(after.find((c) => c.name === 'lyn_at')?.value).toBeTruthy();
  const refreshAfter = after.find((c) => c.name === 'lyn_rt')?.value;
  expect(refreshAfter).toBeTruthy();
  expect(refreshAfter).not.toBe(refreshBefore);
  // The session still works after the rotation.
  await page.goto('/settings/profile');
  await expect(page.getByText('Claire Martin').first()).toBeVisible();
});
