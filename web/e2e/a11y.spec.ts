import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { registerViaBff, settled } from './support';

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
  for (const path of ['/', '/leads', '/segments', '/campaigns', '/inbox', '/content', '/analytics', '/settings/profile', '/settings/members', '/settings/api-keys', '/settings/audit-log']) {
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
