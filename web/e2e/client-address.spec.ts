import { expect, test } from '@playwright/test';
import { WEB_URL, newAccount, signIn } from './support';

test('a forged X-Forwarded-For sent to the web app does not reach the API as the client address', async ({ browser }) => {
  const forged = '203.0.113.66';
  const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', extraHTTPHeaders: { 'X-Forwarded-For': forged } });
  const page = await context.newPage();
  const account = newAccount('xff');
  const res = await context.request.post('/api/auth/register', { data: account, headers: { origin: WEB_URL } });
  expect(res.status(), await res.text()).toBe(201);
  await context.clearCookies();

  await page.goto('/login');
  await signIn(page, account);
  await expect(page).toHaveURL(`${WEB_URL}/`);

  // The API recorded the sign-in with the address of the browser's connection (this machine).
  const audit = await context.request.get('/api/audit-logs?action=auth.login');
  expect(audit.ok(), await audit.text()).toBe(true);
  const items = (await audit.json()).items as { action: string; ip: string | null }[];
  expect(items.map((i) => i.action)).toEqual(['auth.login']);
  expect(items[0]!.ip).not.toBe(forged);
  expect(items[0]!.ip).toBe('127.0.0.1');
  await context.close();
});
