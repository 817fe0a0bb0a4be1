import { expect, test } from '@playwright/test';
import { WEB_URL, newAccount, signIn } from './support';

test('signing in with a `next` that leads to another site lands on the home page', async ({ page, context }) => {
  const account = newAccount('next');
  const res = await context.request.post('/api/auth/register', { data: account, headers: { origin: WEB_URL } });
  expect(res.status(), await res.text()).toBe(201);

  // Browsers drop the tab (then `//evil.example`), read `\` as `/`, and resolve the dot segment.
  for (const next of ['%2F%09%2Fevil.example', '%2F%0A%2Fevil.example', '%2F%5Cevil.example', '%2F.%2F%2Fevil.example']) {
    await context.clearCookies();
    await page.goto(`/login?next=${next}`);
    await signIn(page, account);
    await expect(page, next).toHaveURL(`${WEB_URL}/`);
    await expect(page.getByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeVisible();
  }

  // A page of the app is still where `next` says.
  await context.clearCookies();
  await page.goto(`/login?next=${encodeURIComponent('/leads?q=martin')}`);
  await signIn(page, account);
  await expect(page).toHaveURL(`${WEB_URL}/leads?q=martin`);
});
