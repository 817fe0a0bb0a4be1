import { createTestApp, expectProblem, register, type Res, type Session, type TestApp, uniqueEmail } from './support/app.js';
import { login } from './support/team.js';

/** A problem+json error with a request id, never a 500. */
function expectCleanProblem(res: Res, status: number, code?: string) {
  expectProblem(res, status, code);
  expect(res.body.requestId).toEqual(expect.any(String));
  expect(res.body.requestId).toBe(res.headers['x-request-id']);
}

const raw = async (app: TestApp, method: string, url: string, init: { headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Res> => {
  const res = await fetch(`${app.url.replace('[::1]', '127.0.0.1')}${url}`, { method, headers: init.headers, body: init.body });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // keep text
  }
  return { status: res.status, body: body as never, headers: Object.fromEntries(res.headers.entries()) };
};

describe('errors and HTTP hygiene', () => {
  let app: TestApp;
  let owner: Session;

  beforeAll(async () => {
    app = await createTestApp({ BODY_LIMIT_BYTES: '2048' });
    owner = await register(app);
  });
  afterAll(async () => {
    await app.close();
  });

  describe('bad input is a 4xx problem and changes nothing', () => {
    it('malformed JSON → 400 MALFORMED_JSON', async () => {
      const email = uniqueEmail('malformed');
      const res = await app.request('POST', '/auth/register', { rawBody: `{"email":"${email}","password":"long enough pw",` });
      expectCleanProblem(res, 400, 'MALFORMED_JSON');
      expect(res.body.instance).toBe('/auth/register');
      expectProblem(await login(app, email, 'long enough pw'), 401);
    });

    it('an empty body declared as JSON → 400, not 500', async () => {
      const res = await app.request('POST', '/auth/login', { rawBody: '' });
      expectCleanProblem(res, 400, 'MALFORMED_JSON');
    });

    it('a body over BODY_LIMIT_BYTES → 413', async () => {
      const email = uniqueEmail('big');
      const res = await app.request('POST', '/auth/register', { body: { email, password: 'long enough pw', name: 'x'.repeat(10 * 1024), tenantName: 'Big' } });
      expectCleanProblem(res, 413);
      expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
      expectProblem(await login(app, email, 'long enough pw'), 401);
    });

    it('an unknown route → 404', async () => {
      expectCleanProblem(await app.request('GET', '/no/such/route'), 404, 'NOT_FOUND');
      expectCleanProblem(await app.request('POST', '/members/nobody/promote', { token: owner.accessToken, body: {} }), 404, 'NOT_FOUND');
    });

    it('wrong types → 400 VALIDATION_FAILED listing each field, and no account is created', async () => {
      const email = uniqueEmail('types');
      const res = await app.request('POST', '/auth/register', { body: { email: [], password: 12345, name: { first: 'A' }, tenantName: true } });
      expectCleanProblem(res, 400, 'VALIDATION_FAILED');
      const fields = new Set(res.body.errors.map((e: { field: string }) => e.field));
      expect([...fields].sort()).toEqual(['email', 'name', 'password', 'tenantName']);
      for (const e of res.body.errors) expect(e).toEqual({ field: expect.any(String), code: expect.any(String), message: expect.any(String) });

      const half = await app.request('POST', '/auth/register', { body: { email, password: 12345678901, name: 'Typed', tenantName: 'T' } });
      expectCleanProblem(half, 400, 'VALIDATION_FAILED');
      expect([...new Set(half.body.errors.map((e: { field: string }) => e.field))]).toEqual(['password']);
      expectProblem(await login(app, email, '12345678901'), 401, 'AUTH_INVALID_CREDENTIALS');
    });

    it('a JSON body that is not an object (array, string, null) → 400', async () => {
      for (const rawBody of ['[]', '"just a string"', 'null', '42']) {
        const res = await app.request('POST', '/auth/register', { rawBody });
        expectCleanProblem(res, 400, 'VALIDATION_FAILED');
      }
    });

    it('unknown extra fields → 400 naming them, and nothing is created', async () => {
      const email = uniqueEmail('extra');
      const res = await app.request('POST', '/auth/register', { body: { email, password: 'long enough pw', name: 'X', tenantName: 'Y', role: 'owner', isAdmin: true } });
      expectCleanProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['role', 'isAdmin']));
      expectProblem(await login(app, email, 'long enough pw'), 401);
    });

    it('an invalid UUID path parameter → 400', async () => {
      expectCleanProblem(await app.request('DELETE', '/api-keys/123', { token: owner.accessToken }), 400, 'BAD_REQUEST');
      // Dot segments are resolved by the client (this is PATCH /etc); encoded, they reach the route.
      expectCleanProblem(await app.request('PATCH', '/members/../../etc', { token: owner.accessToken, body: { role: 'viewer' } }), 404, 'NOT_FOUND');
      expectCleanProblem(await app.request('PATCH', '/members/..%2F..%2Fetc', { token: owner.accessToken, body: { role: 'viewer' } }), 400, 'BAD_REQUEST');
      expectCleanProblem(await app.request('DELETE', '/invitations/zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz', { token: owner.accessToken }), 400, 'BAD_REQUEST');
      expectCleanProblem(await app.request('GET', '/jobs/not-a-uuid', { token: owner.accessToken }), 400, 'BAD_REQUEST');
      expectCleanProblem(await app.request('GET', `/jobs/${'-'.repeat(36)}`, { token: owner.accessToken }), 400, 'BAD_REQUEST');
    });

    it('an unsupported content type → 415 problem, and nothing is created', async () => {
      const email = uniqueEmail('ctype');
      const body = JSON.stringify({ email, password: 'long enough pw', name: 'X', tenantName: 'Y' });
      for (const type of ['text/plain', 'text/plain; charset=utf-8', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/csv']) {
        const res = await app.request('POST', '/auth/register', { rawBody: body, headers: { 'content-type': type } });
        expectCleanProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
      }
      expectProblem(await login(app, email, 'long enough pw'), 401);
    });

    it('bad query parameters → 400', async () => {
      expectCleanProblem(await app.request('GET', '/leads?limit=-1', { token: owner.accessToken }), 400, 'VALIDATION_FAILED');
      expectCleanProblem(await app.request('GET', '/leads?cursor=%%%', { token: owner.accessToken }), 400, 'VALIDATION_FAILED');
      expectCleanProblem(await app.request('GET', '/leads?limit=1&limit=2', { token: owner.accessToken }), 400, 'VALIDATION_FAILED');
    });

    it('a method the route does not have → 404 problem', async () => {
      expectCleanProblem(await app.request('PUT', '/auth/login', { body: {} }), 404, 'NOT_FOUND');
    });

    it('missing or bad credentials → 401 problem', async () => {
      expectCleanProblem(await app.request('GET', '/members'), 401, 'UNAUTHENTICATED');
      expectCleanProblem(await app.request('GET', '/members', { headers: { authorization: 'Basic dXNlcjpwYXNz' } }), 401, 'UNAUTHENTICATED');
      expectCleanProblem(await app.request('GET', '/members', { headers: { authorization: 'Bearer' } }), 401, 'UNAUTHENTICATED');
    });
  });

  describe('input PostgreSQL cannot store', () => {
    it('a NUL character in a body or query string is a 400, and nothing is created', async () => {
      const email = uniqueEmail('nul');
      const results = {
        registerName: (await app.request('POST', '/auth/register', { body: { email, password: 'long enough pw', name: 'Nul\u0000Byte', tenantName: 'T' } })).status,
        registerTenant: (await app.request('POST', '/auth/register', { body: { email, password: 'long enough pw', name: 'Ok', tenantName: '\u0000' } })).status,
        apiKeyName: (await app.request('POST', '/api-keys', { token: owner.accessToken, body: { name: 'a\u0000b', scopes: ['leads:read'] } })).status,
        auditAction: (await app.request('GET', '/audit-logs?action=%00', { token: owner.accessToken })).status,
        auditEntityId: (await app.request('GET', '/audit-logs?entityId=a%00b', { token: owner.accessToken })).status,
      };
      expect(results).toEqual({ registerName: 400, registerTenant: 400, apiKeyName: 400, auditAction: 400, auditEntityId: 400 });
      expectProblem(await login(app, email, 'long enough pw'), 401);
    });
  });

  describe('errors raised by Fastify before routing', () => {
    it('an over-long path parameter is a 414 problem', async () => {
      const res = await app.request('GET', `/auth/invitations/inv_${'a'.repeat(300)}`);
      expectCleanProblem(res, 414, 'HTTP_414');
    });
  });

  describe('races', () => {
    it('simultaneous sign-ups with the same workspace name all succeed with distinct slugs', async () => {
      const tenantName = `Same Moment ${process.pid} ${Date.now()}`;
      const results = await Promise.all(
        [1, 2, 3, 4, 5, 6].map(() => app.request('POST', '/auth/register', { body: { email: uniqueEmail('slugrace'), password: 'long enough pw', name: 'Racer', tenantName } })),
      );
      expect(results.map((r) => `${r.status} ${r.body.code ?? ''}`.trim())).toEqual(['201', '201', '201', '201', '201', '201']);
      expect(new Set(results.map((r) => r.body.tenant.slug)).size).toBe(6);
    });

    it('simultaneous sign-ups with one email: one 201, the others 409 AUTH_EMAIL_TAKEN', async () => {
      const email = uniqueEmail('emailrace');
      const results = await Promise.all(
        [1, 2, 3].map((n) => app.request('POST', '/auth/register', { body: { email, password: 'long enough pw', name: 'Racer', tenantName: `Email Race ${n} ${Date.now()}` } })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      for (const r of results.filter((x) => x.status === 409)) expectProblem(r, 409, 'AUTH_EMAIL_TAKEN');
    });
  });

  describe('headers', () => {
    it('sets security headers (helmet): API answers may run and frame nothing, the docs page runs swagger-ui', async () => {
      const common = (res: Res) => {
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
        expect(res.headers['referrer-policy']).toBe('no-referrer');
        expect(res.headers['x-powered-by']).toBeUndefined();
      };
      for (const res of [await app.request('GET', '/'), await app.request('GET', '/no/such/route'), await app.request('GET', '/openapi.json')]) {
        common(res);
        expect(res.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
      }
      const docs = await app.request('GET', '/docs');
      common(docs);
      expect(docs.headers['content-security-policy']).toContain("default-src 'self'");
      expect(docs.headers['content-security-policy']).toContain("script-src 'self' 'unsafe-inline'");
    });

    it('CORS: the web app origin may call the API, another origin may not', async () => {
      const preflight = (origin: string) =>
        raw(app, 'OPTIONS', '/auth/login', { headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' } });
      const ok = await preflight('http://web.test');
      expect(ok.status).toBe(204);
      expect(ok.headers['access-control-allow-origin']).toBe('http://web.test');
      expect(ok.headers['access-control-allow-credentials']).toBe('true');
      expect(String(ok.headers['access-control-allow-methods'])).toContain('POST');

      const evil = await preflight('http://evil.test');
      expect(evil.status).toBe(204);
      expect(evil.headers['access-control-allow-origin']).toBeUndefined();

      const simple = await raw(app, 'GET', '/', { headers: { origin: 'http://web.test' } });
      expect(simple.headers['access-control-allow-origin']).toBe('http://web.test');
      expect(String(simple.headers['access-control-expose-headers'])).toContain('x-request-id');
      const simpleEvil = await raw(app, 'GET', '/', { headers: { origin: 'http://evil.test' } });
      expect(simpleEvil.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('echoes a sane X-Request-Id on success and error', async () => {
      const ok = await app.request('GET', '/', { headers: { 'x-request-id': 'trace-abc.123' } });
      expect(ok.headers['x-request-id']).toBe('trace-abc.123');
      const bad = await app.request('POST', '/auth/login', { rawBody: '{', headers: { 'x-request-id': 'trace-err-1' } });
      expect(bad.headers['x-request-id']).toBe('trace-err-1');
      expect(bad.body.requestId).toBe('trace-err-1');
    });
  });
});
