import { expect, test } from '@playwright/test';
import { registerViaBff, settled } from './support';

test('French by default, English on demand, on public pages and in the app', async ({ page }) => {
  await page.goto('/login');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByLabel('Email address')).toBeVisible();

  await page.getByRole('button', { name: 'Français' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();

  await registerViaBff(page);
  await page.goto('/leads');
  await settled(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Prospects' })).toBeVisible();
  await page.getByRole('button', { name: /Menu du compte/ }).click();
  await page.getByRole('menuitemradio', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Leads' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Campaigns' })).toBeVisible();
  // The choice survives a reload (NEXT_LOCALE cookie, no locale in the URL).
  await page.reload();
  await expect(page).toHaveURL('/leads');
  await expect(page.getByRole('heading', { level: 1, name: 'Leads' })).toBeVisible();
});
