import { expect, test } from '@playwright/test';
import { registerViaBff, settled } from './support';

test('pages have an icon, and loading them fails no request and logs no error', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  // Aborted requests are Next's prefetches cancelled by a navigation, not failures.
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`);
  });

  await page.goto('/login');
  await page.waitForLoadState('networkidle');
  const icons = page.locator('head link[rel="icon"]');
  await expect(icons.first()).toBeAttached();
  for (const href of await icons.evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href))) {
    const res = await page.request.get(href);
    expect(res.status(), href).toBe(200);
    expect(res.headers()['content-type'], href).toMatch(/^image\//);
  }
  // Browsers and other clients still ask for /favicon.ico on their own.
  const ico = await page.request.get('/favicon.ico');
  expect(ico.status()).toBe(200);
  expect(ico.headers()['content-type']).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);

  // And inside the app.
  await registerViaBff(page);
  await page.goto('/leads');
  await settled(page);
  await expect(page.locator('head link[rel="icon"]').first()).toBeAttached();
  expect(problems).toEqual([]);
});
