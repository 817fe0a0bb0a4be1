import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type Logger, pino } from 'pino';
import { createHttpApp } from '../../src/app/http.js';
import { loadConfig, type AppConfig } from '../../src/config/config.js';
import { rootModule } from '../../src/app/root.module.js';
import { APP_URL, OWNER_URL, REDIS_URL } from './env.js';

/** Evaluated once per test file (Jest gives each file its own module registry). */
const SUITE_QUEUE_PREFIX = `lynara-test-${process.pid}-${randomBytes(4).toString('hex')}`;

export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: OWNER_URL,
    APP_DATABASE_URL: APP_URL,
    REDIS_URL,
    // Each test file has its own queues, so a suite's worker never runs jobs another suite left.
    QUEUE_PREFIX: SUITE_QUEUE_PREFIX,
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    LOG_LEVEL: 'silent',
    WEB_URL: 'http://web.test',
    DB_POOL_SIZE: '4',
    // Tests speak for many clients through X-Forwarded-For.
    TRUST_PROXY: 'true',
    ...overrides,
  });
}

/**
 * Several apps in one process stand in for API replicas. Passport keeps one strategy per name
 * per process (the last app's), so close replicas only when the suite ends, never mid-suite.
 *
 * The real application (Fastify, guards, filters, PostgreSQL as the runtime role, Redis),
 * listening on a loopback port and spoken to over HTTP.
 */
export async function createTestApp(overrides: Record<string, string> = {}, mode: 'api' | 'all' = 'api', logger: Logger = pino({ level: 'silent' })): Promise<TestApp> {
  const config = testConfig(overrides);
  const app = await createHttpApp(rootModule(config, mode), config, logger);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return new TestApp(app, config, await app.getUrl());
}

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | undefined>;
}

export class TestApp {
  private ipCounter = 0;

  constructor(
    readonly nest: NestFastifyApplication,
    readonly config: AppConfig,
    readonly url: string,
  ) {}

  async request<T = any>(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    opts: { token?: string; apiKey?: string; body?: unknown; rawBody?: string; headers?: Record<string, string>; ip?: string } = {},
  ): Promise<Res<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.apiKey) headers['x-api-key'] = opts.apiKey;
    if (opts.body !== undefined || opts.rawBody !== undefined) headers['content-type'] ??= 'application/json';
    // A fresh client address per request unless a test sets one, so IP throttling only bites where meant.
    headers['x-forwarded-for'] = opts.ip ?? `10.0.${Math.floor(++this.ipCounter / 250) % 250}.${this.ipCounter % 250}`;
    const res = await fetch(`${this.url.replace('[::1]', '127.0.0.1')}${url}`, {
      method,
      headers,
      body: opts.rawBody ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: body as T, headers: Object.fromEntries(res.headers.entries()) };
  }

  close(): Promise<void> {
    return this.nest.close();
  }
}

let seq = 0;
export const uniqueEmail = (tag = 'user') => `${tag}.${process.pid}.${Date.now()}.${++seq}@example.test`;

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: { id: string; email: string; name: string };
  tenant: { id: string; name: string; slug: string };
  role: string;
  password: string;
}

export async function register(app: TestApp, tenantName = 'Agence Test', tag = 'owner'): Promise<Session> {
  const password = 'correct horse battery';
  const res = await app.request('POST', '/auth/register', { body: { email: uniqueEmail(tag), password, name: `${tag} person`, tenantName } });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...res.body, password };
}

export function expectProblem(res: Res, status: number, code?: string): void {
  expect(res.status).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  expect(res.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String), code: expect.any(String) });
  if (code) expect(res.body.code).toBe(code);
}
