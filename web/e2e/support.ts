import { crc32, deflateSync } from 'node:zlib';
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

/** Fills and submits the login form of the page. */
export async function signIn(page: Page, account: Pick<Account, 'email' | 'password'>): Promise<void> {
  await page.getByLabel('Adresse e-mail').fill(account.email);
  await page.getByLabel('Mot de passe').fill(account.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
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

/** A solid-colour PNG with a diagonal stripe, built in memory. */
export function png(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    for (let x = 0; x < width; x++) {
      const o = y * (width * 3 + 1) + 1 + x * 3;
      const stripe = Math.abs(x - y) < width / 10;
      raw[o] = stripe ? 255 : r;
      raw[o + 1] = stripe ? 255 : g;
      raw[o + 2] = stripe ? 255 : b;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** Uploads a file into the media library through the BFF (optionally linked), like the app's upload does. */
export async function apiUpload<T = { id: string }>(page: Page, name: string, buffer: Buffer, link: { productId?: string; propertyId?: string } = {}): Promise<T> {
  const res = await page.request.post('/api/media', {
    multipart: { ...link, file: { name, mimeType: name.endsWith('.pdf') ? 'application/pdf' : 'image/png', buffer } },
    headers: { origin: WEB_URL },
  });
  expect(res.ok(), `upload ${name}: ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}
