import { expect, type Page } from '@playwright/test';

export const WEB_URL = `http://127.0.0.1:${process.env.E2E_WEB_PORT ?? 3100}`;
export const API_URL = `http://127.0.0.1:${process.env.E2E_API_PORT ?? 3101}`;
export const SHOTS_DIR = process.env.SCREENSHOT_DIR ?? '/tmp/web-shots';

export interface Account {
  email: string;
  password: string;
  name: string;
  tenantName: string;
}

export function newAccount(label = 'e2e'): Account {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
  return {
    email: `${label}-${id}@example.test`,
    password: 'un mot de passe solide',
    name: 'Claire Martin',
    tenantName: `Agence Horizon ${id.slice(-4)}`,
  };
}

/** Registers through the BFF with the page's cookie jar, so the browser is logged in afterwards. */
export async function registerViaBff(page: Page, account: Account = newAccount()): Promise<Account> {
  const res = await page.request.post('/api/auth/register', { data: account, headers: { origin: WEB_URL } });
  expect(res.status(), await res.text()).toBe(201);
  return account;
}

/** Waits until client data has settled (no skeletons left). */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.animate-pulse')).toHaveCount(0);
}

/** Calls the API through the BFF with the page's session (same-origin, like the app does). */
export async function apiPost<T = unknown>(page: Page, path: string, data: unknown): Promise<T> {
  const res = await page.request.post(`/api${path}`, { data, headers: { origin: WEB_URL } });
  expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

export function uniqueId(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
