import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createTestApp, type TestApp } from './support/app.js';

type Operation = {
  operationId?: string;
  responses: Record<string, { content?: Record<string, unknown> }>;
  security?: Array<Record<string, string[]>>;
};

/** Operations anyone may call: no credentials needed. */
const PUBLIC_OPERATIONS = [
  'root',
  'getMediaFile',
  'liveness',
  'health',
  'register',
  'login',
  'refresh',
  'logout',
  'forgotPassword',
  'resetPassword',
  'previewInvitation',
  'acceptInvitation',
];

const COMMITTED = resolve(process.cwd(), 'web/src/lib/api/openapi.json');

describe('OpenAPI, docs and health', () => {
  let app: TestApp;
  let doc: { openapi: string; info: { version: string }; paths: Record<string, Record<string, Operation>>; components: Record<string, unknown> };
  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method: method.toUpperCase(), op })));

  beforeAll(async () => {
    app = await createTestApp();
    const res = await app.request('GET', '/openapi.json');
    expect(res.status).toBe(200);
    doc = res.body;
  });
  afterAll(async () => {
    await app.close();
  });

  describe('/openapi.json', () => {
    it('is served as JSON', async () => {
      const res = await app.request('GET', '/openapi.json');
      expect(String(res.headers['content-type'])).toContain('application/json');
      expect(doc.openapi).toMatch(/^3\./);
      expect(doc.info.version).toBe(app.config.version);
      expect(operations().length).toBeGreaterThan(10);
    });

    it('equals the committed web/src/lib/api/openapi.json', () => {
      const committed = JSON.parse(readFileSync(COMMITTED, 'utf8'));
      const served = JSON.parse(JSON.stringify(doc));
      if (JSON.stringify(served) !== JSON.stringify(committed)) {
        const changed = [...new Set([...Object.keys(served.paths), ...Object.keys(committed.paths)])].filter(
          (p) => JSON.stringify(served.paths[p]) !== JSON.stringify(committed.paths[p]),
        );
        throw new Error(
          `web/src/lib/api/openapi.json is stale (paths differing: ${changed.join(', ') || 'none; see components/info'}). ` +
            'Regenerate it with `npm run build && npm run openapi` and commit the result.',
        );
      }
      expect(served).toEqual(committed);
    });

    it('gives every operation a unique operationId and a 2xx response', () => {
      const ids = operations().map(({ op }) => op.operationId);
      for (const { path, method, op } of operations()) {
        expect({ path, method, operationId: op.operationId }).toEqual({ path, method, operationId: expect.stringMatching(/^[a-z][A-Za-z0-9]+$/) });
        expect({ path, method, has2xx: Object.keys(op.responses).some((s) => /^2\d\d$/.test(s)) }).toEqual({ path, method, has2xx: true });
      }
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('documents every public operation we know of (catches renames)', () => {
      const ids = operations().map(({ op }) => op.operationId);
      expect(ids).toEqual(expect.arrayContaining(PUBLIC_OPERATIONS));
    });

    it('gives protected operations a problem+json 401 and a security requirement', () => {
      const protectedOps = operations().filter(({ op }) => !PUBLIC_OPERATIONS.includes(op.operationId!));
      expect(protectedOps.length).toBeGreaterThan(5);
      for (const { path, method, op } of protectedOps) {
        const where = `${method} ${path}`;
        expect({ where, has401: Boolean(op.responses['401']) }).toEqual({ where, has401: true });
        expect({ where, content: Object.keys(op.responses['401']?.content ?? {}) }).toEqual({ where, content: ['application/problem+json'] });
        expect({ where, security: op.security?.length ?? 0 }).toEqual({ where, security: expect.any(Number) });
        expect(op.security!.length).toBeGreaterThan(0);
        expect(op.security!.some((s) => 'bearer' in s)).toBe(true);
      }
      // Error responses of every operation are problem+json.
      for (const { path, method, op } of operations()) {
        for (const [status, response] of Object.entries(op.responses)) {
          if (/^[45]\d\d$/.test(status) && !(path === '/health' && status === '503')) {
            expect({ where: `${method} ${path} ${status}`, content: Object.keys(response.content ?? {}) }).toEqual({
              where: `${method} ${path} ${status}`,
              content: ['application/problem+json'],
            });
          }
        }
      }
    });

    it('marks public operations as needing no credentials (security: [])', () => {
      const wrong = operations()
        .filter(({ op }) => PUBLIC_OPERATIONS.includes(op.operationId!))
        .filter(({ op }) => !Array.isArray(op.security) || op.security.length !== 0)
        .map(({ op }) => op.operationId);
      expect(wrong).toEqual([]);
    });
  });

  describe('docs and root', () => {
    it('GET /docs serves the Swagger UI as HTML', async () => {
      const res = await fetch(`${app.url.replace('[::1]', '127.0.0.1')}/docs`, { redirect: 'follow' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      const html = await res.text();
      expect(html).toContain('swagger-ui');
      expect(html).toContain('Lynara Campaign API');
    });

    it('GET / gives the name and version', async () => {
      const res = await app.request('GET', '/');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: 'Lynara Campaign', version: app.config.version });
      expect(app.config.version).toBe(JSON.parse(readFileSync(resolve(process.cwd(), 'package.json'), 'utf8')).version);
    });
  });

  describe('health', () => {
    it('GET /health is 200 with PostgreSQL and Redis up; /health/live is 200', async () => {
      const res = await app.request('GET', '/health');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'ok', checks: { postgres: { status: 'up', latencyMs: expect.any(Number) }, redis: { status: 'up', latencyMs: expect.any(Number) } } });
      const live = await app.request('GET', '/health/live');
      expect(live.status).toBe(200);
      expect(live.body).toEqual({ status: 'ok' });
    });

    // Last in the file: this app becomes the process's passport strategy owner (see support/app.ts),
    // so no JWT-authenticated request may follow it here.
    it('answers 503 with redis down, quickly, when Redis is unreachable, and closes cleanly', async () => {
      // BullMQ writes its connection errors to console.error when a queue has no error listener.
      const consoleError = console.error;
      console.error = () => {};
      const broken = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:6390' });
      try {
        const started = Date.now();
        const res = await broken.request('GET', '/health');
        expect(Date.now() - started).toBeLessThan(4000);
        expect(res.status).toBe(503);
        expect(res.body).toMatchObject({ status: 'unavailable', checks: { postgres: { status: 'up' }, redis: { status: 'down', error: expect.any(String) } } });
        // Liveness does not depend on Redis.
        expect((await broken.request('GET', '/health/live')).status).toBe(200);
      } finally {
        const closing = Date.now();
        await broken.close();
        expect(Date.now() - closing).toBeLessThan(5000);
        console.error = consoleError;
      }
    }, 20_000);
  });
});
