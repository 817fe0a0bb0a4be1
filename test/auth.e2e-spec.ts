import { createTestApp, expectProblem, register, type TestApp, uniqueEmail } from './support/app.js';
import { TestSmtpServer } from './support/smtp.js';
import { waitFor } from './support/wait.js';

describe('auth', () => {
  let app: TestApp;
  const smtp = new TestSmtpServer();
  const replicas: TestApp[] = [];
  const replicaOf = async (overrides: Record<string, string>) => {
    const replica = await createTestApp(overrides);
    replicas.push(replica);
    return replica;
  };

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    app = await createTestApp({ SMTP_URL: smtpUrl, LOGIN_MAX_FAILURES_PER_ACCOUNT_IP: '3', LOGIN_MAX_FAILURES_PER_IP: '6' });
  });
  afterAll(async () => {
    for (const r of replicas) await r.close();
    await app.close();
    await smtp.stop();
  });

  describe('register', () => {
    it('creates the user, the workspace and an owner membership, and returns a session', async () => {
      const email = uniqueEmail('Reg');
      const res = await app.request('POST', '/auth/register', { body: { email: `  ${email.toUpperCase()} `, password: 'long enough pw', name: 'Claire Martin', tenantName: 'Agence Éléphant' } });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        accessToken: expect.stringMatching(/^ey/),
        refreshToken: expect.stringMatching(/^rt_/),
        expiresIn: 600,
        user: { email: email.toLowerCase(), name: 'Claire Martin' },
        tenant: { name: 'Agence Éléphant', slug: expect.stringMatching(/^agence-elephant/) },
        role: 'owner',
      });
      const me = await app.request('GET', '/auth/me', { token: res.body.accessToken });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ user: { id: res.body.user.id }, tenant: { id: res.body.tenant.id }, role: 'owner', tenants: [{ id: res.body.tenant.id, role: 'owner' }] });
    });

    it('answers 409 for a taken email, whatever its case', async () => {
      const s = await register(app);
      const res = await app.request('POST', '/auth/register', { body: { email: s.user.email.toUpperCase(), password: 'another password', name: 'X', tenantName: 'Y' } });
      expectProblem(res, 409, 'AUTH_EMAIL_TAKEN');
    });

    it('rejects short passwords and bad emails with one error per field', async () => {
      const res = await app.request('POST', '/auth/register', { body: { email: 'not-an-email', password: 'short', name: '', tenantName: 'T' } });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['email', 'password', 'name']));
    });

    it('gives a second workspace with the same name its own slug', async () => {
      const a = await register(app, 'Same Name Co');
      const b = await register(app, 'Same Name Co');
      expect(a.tenant.slug).not.toBe(b.tenant.slug);
    });
  });

  describe('login', () => {
    it('signs in with the right password and refuses a wrong one', async () => {
      const s = await register(app);
      const ok = await app.request('POST', '/auth/login', { body: { email: s.user.email, password: s.password } });
      expect(ok.status).toBe(200);
      expect(ok.body.tenant.id).toBe(s.tenant.id);
      const bad = await app.request('POST', '/auth/login', { body: { email: s.user.email, password: 'wrong password!' } });
      expectProblem(bad, 401, 'AUTH_INVALID_CREDENTIALS');
      const unknown = await app.request('POST', '/auth/login', { body: { email: uniqueEmail('nobody'), password: 'whatever password' } });
      expectProblem(unknown, 401, 'AUTH_INVALID_CREDENTIALS');
    });

    it('throttles an account from an address after repeated failures (429 with Retry-After), even with the right password', async () => {
      const s = await register(app);
      const ip = '203.0.113.76';
      for (let i = 0; i < 3; i++) {
        expectProblem(await app.request('POST', '/auth/login', { ip, body: { email: s.user.email, password: 'wrong password!' } }), 401);
      }
      const blocked = await app.request('POST', '/auth/login', { ip, body: { email: s.user.email, password: s.password } });
      expectProblem(blocked, 429, 'AUTH_TOO_MANY_ATTEMPTS');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('throttles one IP trying many accounts', async () => {
      const ip = '203.0.113.77';
      for (let i = 0; i < 6; i++) {
        await app.request('POST', '/auth/login', { ip, body: { email: uniqueEmail('spray'), password: 'wrong password!' } });
      }
      const s = await register(app);
      expectProblem(await app.request('POST', '/auth/login', { ip, body: { email: s.user.email, password: s.password } }), 429, 'AUTH_TOO_MANY_ATTEMPTS');
      expect((await app.request('POST', '/auth/login', { ip: '203.0.113.78', body: { email: s.user.email, password: s.password } })).status).toBe(200);
    });

    it('shares throttling counters between API replicas through Redis', async () => {
      const replica = await replicaOf({ LOGIN_MAX_FAILURES_PER_ACCOUNT_IP: '3' });
      const s = await register(app);
      const ip = '203.0.113.79';
      await app.request('POST', '/auth/login', { ip, body: { email: s.user.email, password: 'wrong password!' } });
      await replica.request('POST', '/auth/login', { ip, body: { email: s.user.email, password: 'wrong password!' } });
      await app.request('POST', '/auth/login', { ip, body: { email: s.user.email, password: 'wrong password!' } });
      expectProblem(await replica.request('POST', '/auth/login', { ip, body: { email: s.user.email, password: s.password } }), 429);
    });
  });

  describe('tokens', () => {
    it('rejects requests without, or with forged or expired, access tokens', async () => {
      expectProblem(await app.request('GET', '/auth/me'), 401, 'UNAUTHENTICATED');
      expectProblem(await app.request('GET', '/auth/me', { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad' }), 401);
      const s = await register(app);
      const [h, p] = s.accessToken.split('.');
      const tampered = JSON.parse(Buffer.from(p!, 'base64url').toString());
      tampered.role = 'owner';
      tampered.tid = '00000000-0000-0000-0000-000000000000';
      expectProblem(await app.request('GET', '/auth/me', { token: `${h}.${Buffer.from(JSON.stringify(tampered)).toString('base64url')}.${s.accessToken.split('.')[2]}` }), 401);
    });

    it('rotates refresh tokens: each works once and yields a new pair', async () => {
      const s = await register(app);
      const r1 = await app.request('POST', '/auth/refresh', { body: { refreshToken: s.refreshToken } });
      expect(r1.status).toBe(200);
      expect(r1.body.refreshToken).not.toBe(s.refreshToken);
      expect((await app.request('GET', '/auth/me', { token: r1.body.accessToken })).status).toBe(200);
      const r2 = await app.request('POST', '/auth/refresh', { body: { refreshToken: r1.body.refreshToken } });
      expect(r2.status).toBe(200);
    });

    it('detects reuse: replaying a used refresh token ends the whole session', async () => {
      const s = await register(app);
      const r1 = await app.request('POST', '/auth/refresh', { body: { refreshToken: s.refreshToken } });
      const replay = await app.request('POST', '/auth/refresh', { body: { refreshToken: s.refreshToken } });
      expectProblem(replay, 401, 'AUTH_REFRESH_REUSED');
      // The legitimate-looking successor is dead too, and so is its access token.
      expectProblem(await app.request('POST', '/auth/refresh', { body: { refreshToken: r1.body.refreshToken } }), 401, 'AUTH_REFRESH_INVALID');
      expectProblem(await app.request('GET', '/auth/me', { token: r1.body.accessToken }), 401);
      // Another login of the same person is unaffected.
      const other = await app.request('POST', '/auth/login', { body: { email: s.user.email, password: s.password } });
      expect(other.status).toBe(200);
    });

    it('logout revokes the session', async () => {
      const s = await register(app);
      const out = await app.request('POST', '/auth/logout', { body: { refreshToken: s.refreshToken } });
      expect(out.status).toBe(204);
      expectProblem(await app.request('POST', '/auth/refresh', { body: { refreshToken: s.refreshToken } }), 401, 'AUTH_REFRESH_INVALID');
    });

    it('answers 401 for an unknown refresh token', async () => {
      expectProblem(await app.request('POST', '/auth/refresh', { body: { refreshToken: 'rt_this-token-does-not-exist' } }), 401, 'AUTH_REFRESH_INVALID');
    });
  });

  describe('password reset', () => {
    it('emails a single-use link; using it changes the password and ends every session', async () => {
      const s = await register(app);
      const accepted = await app.request('POST', '/auth/password/forgot', { body: { email: s.user.email } });
      expect(accepted.status).toBe(202);
      await waitFor(() => smtp.linkFor(s.user.email));
      const link = smtp.linkFor(s.user.email)!;
      expect(link).toContain('http://web.test/reset-password?token=');
      const token = decodeURIComponent(new URL(link).searchParams.get('token')!);

      expect((await app.request('POST', '/auth/password/reset', { body: { token, password: 'a brand new password' } })).status).toBe(204);
      expectProblem(await app.request('POST', '/auth/password/reset', { body: { token, password: 'yet another password' } }), 400, 'AUTH_RESET_TOKEN_INVALID');
      expectProblem(await app.request('GET', '/auth/me', { token: s.accessToken }), 401);
      expectProblem(await app.request('POST', '/auth/refresh', { body: { refreshToken: s.refreshToken } }), 401);
      expectProblem(await app.request('POST', '/auth/login', { body: { email: s.user.email, password: s.password } }), 401);
      expect((await app.request('POST', '/auth/login', { body: { email: s.user.email, password: 'a brand new password' } })).status).toBe(200);
    });

    it('answers 202 for unknown emails without sending anything', async () => {
      const before = smtp.received.length;
      const email = uniqueEmail('ghost');
      expect((await app.request('POST', '/auth/password/forgot', { body: { email } })).status).toBe(202);
      await new Promise((r) => setTimeout(r, 200));
      expect(smtp.received.slice(before).some((m) => m.to.includes(email))).toBe(false);
    });
  });
});

