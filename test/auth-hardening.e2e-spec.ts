import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import type pg from 'pg';
import { type Logger, pino } from 'pino';
import { createTestApp, expectProblem, register, type Session, type TestApp, uniqueEmail } from './support/app.js';
import { appClient, ownerClient } from './support/db.js';
import { REDIS_URL } from './support/env.js';
import { sleep, tokenOf } from './support/team.js';

/**
 * Regression tests for an outside review of sign-in: password guessing through invitations,
 * the throttle's race and lock policy, client addresses behind proxies, Redis key prefixes,
 * tokens in logs and the runtime role's access to password hashes.
 */
describe('auth hardening', () => {
  const apps: TestApp[] = [];
  const start = async (overrides: Record<string, string> = {}, logger?: Logger) => {
    const app = await createTestApp({ ...THROTTLE, ...overrides }, 'api', logger);
    apps.push(app);
    return app;
  };
  /** Small limits so each rule bites within a few requests; delays capped at 2 s. */
  const THROTTLE = {
    LOGIN_MAX_FAILURES_PER_ACCOUNT_IP: '5',
    LOGIN_MAX_FAILURES_PER_IP: '8',
    LOGIN_ACCOUNT_DELAY_AFTER: '6',
    LOGIN_ACCOUNT_MAX_DELAY_SECONDS: '2',
  };
  let app: TestApp;
  let owner: pg.Client;

  beforeAll(async () => {
    owner = await ownerClient();
    app = await start();
  });
  afterAll(async () => {
    for (const a of apps) await a.close();
    await owner.end();
  });

  const login = (a: TestApp, email: string, password: string, ip?: string) => a.request('POST', '/auth/login', { ip, body: { email, password } });
  const invite = async (by: Session, email: string) => {
    const res = await app.request('POST', '/invitations', { token: by.accessToken, body: { email, role: 'admin' } });
    expect(res.status).toBe(201);
    return { id: res.body.id as string, token: tokenOf(res.body.acceptUrl) };
  };
  const accept = (token: string, password: string, ip?: string) => app.request('POST', '/auth/invitations/accept', { ip, body: { token, password } });
  const tenantsOf = async (s: Session) => (await app.request('GET', '/auth/me', { token: s.accessToken })).body.tenants.map((t: { id: string }) => t.id);

  describe('invitations cannot be used to guess an account\'s password', () => {
    it('a sign-in locked for an address also refuses the right password through an invitation from there (429)', async () => {
      const victim = await register(app, 'Victim Co');
      const attacker = await register(app, 'Attacker Co');
      const inv = await invite(attacker, victim.user.email);
      const ip = '198.51.100.61';
      for (let i = 0; i < 5; i++) expectProblem(await login(app, victim.user.email, `wrong password ${i}`, ip), 401, 'AUTH_INVALID_CREDENTIALS');
      expectProblem(await accept(inv.token, victim.password, ip), 429, 'AUTH_TOO_MANY_ATTEMPTS');
      expect(await tenantsOf(victim)).toEqual([victim.tenant.id]);
    });

    it('wrong passwords given to invitations count against sign-in for that account and address', async () => {
      const victim = await register(app, 'Victim Co');
      const attacker = await register(app, 'Attacker Co');
      const first = await invite(attacker, victim.user.email);
      const second = await invite(attacker, victim.user.email);
      const ip = '198.51.100.62';
      for (let i = 0; i < 3; i++) expectProblem(await accept(first.token, `wrong password ${i}`, ip), 401, 'AUTH_INVALID_CREDENTIALS');
      for (let i = 0; i < 2; i++) expectProblem(await accept(second.token, `wrong password ${i}`, ip), 401, 'AUTH_INVALID_CREDENTIALS');
      expectProblem(await accept(second.token, victim.password, ip), 429, 'AUTH_TOO_MANY_ATTEMPTS');
      expectProblem(await login(app, victim.user.email, victim.password, ip), 429, 'AUTH_TOO_MANY_ATTEMPTS');
      // The owner's own address is not locked out.
      expect((await login(app, victim.user.email, victim.password, '198.51.100.63')).status).toBe(200);
      expect(await tenantsOf(victim)).toEqual([victim.tenant.id]);
    });

    it('burns an invitation after 3 wrong passwords (404 even with the right one), counted in the database', async () => {
      const victim = await register(app, 'Victim Co');
      const attacker = await register(app, 'Attacker Co');
      const inv = await invite(attacker, victim.user.email);
      for (let i = 0; i < 3; i++) expectProblem(await accept(inv.token, `wrong password ${i}`), 401, 'AUTH_INVALID_CREDENTIALS');
      const row = await owner.query('SELECT failed_attempts FROM auth.invitations WHERE id = $1', [inv.id]);
      expect(row.rows[0].failed_attempts).toBe(3);

      expectProblem(await accept(inv.token, victim.password), 404, 'AUTH_INVITATION_INVALID');
      expectProblem(await app.request('GET', `/auth/invitations/${encodeURIComponent(inv.token)}`), 404, 'AUTH_INVITATION_INVALID');
      const pending = await app.request('GET', '/invitations', { token: attacker.accessToken });
      expect(pending.body.items.map((i: { id: string }) => i.id)).not.toContain(inv.id);
      expect(await tenantsOf(victim)).toEqual([victim.tenant.id]);
      // Three failures stay under the account-wide delay: the owner signs in at once.
      expect((await login(app, victim.user.email, victim.password)).status).toBe(200);
    });

    it('evaluates at most 3 passwords of one invitation even when guesses arrive together', async () => {
      const victim = await register(app, 'Victim Co');
      const attacker = await register(app, 'Attacker Co');
      const inv = await invite(attacker, victim.user.email);
      const results = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => accept(inv.token, `wrong password ${i}`, `198.51.100.${70 + i}`)));
      expect(results.filter((r) => r.status === 401)).toHaveLength(3);
      for (const r of results.filter((x) => x.status !== 401)) expectProblem(r, 404, 'AUTH_INVITATION_INVALID');
      expectProblem(await accept(inv.token, victim.password), 404, 'AUTH_INVITATION_INVALID');
    });

    it('a correct password still accepts, and a new person still creates an account', async () => {
      const person = await register(app, 'Home Co');
      const inviter = await register(app, 'Inviting Co');
      const inv = await invite(inviter, person.user.email);
      expectProblem(await accept(inv.token, 'not the password at all'), 401, 'AUTH_INVALID_CREDENTIALS');
      const ok = await accept(inv.token, person.password);
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ user: { id: person.user.id }, tenant: { id: inviter.tenant.id }, role: 'admin' });

      const fresh = await invite(inviter, uniqueEmail('fresh'));
      const created = await app.request('POST', '/auth/invitations/accept', { body: { token: fresh.token, name: 'Fresh Person', password: 'a fresh password' } });
      expect(created.status).toBe(200);
    });
  });

  describe('sign-in throttle', () => {
    it('evaluates exactly the limit of 20 simultaneous wrong passwords, then refuses the right one while locked', async () => {
      const s = await register(app);
      const ip = '198.51.100.80';
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => login(app, s.user.email, `wrong password ${i}`, ip)));
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((x) => x === 401)).toHaveLength(5);
      expect(statuses.filter((x) => x === 429)).toHaveLength(15);
      const locked = await login(app, s.user.email, s.password, ip);
      expectProblem(locked, 429, 'AUTH_TOO_MANY_ATTEMPTS');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('locks an account only for the address that failed: the same account signs in from another address', async () => {
      const s = await register(app);
      for (let i = 0; i < 5; i++) expectProblem(await login(app, s.user.email, `wrong password ${i}`, '198.51.100.81'), 401);
      expectProblem(await login(app, s.user.email, s.password, '198.51.100.81'), 429, 'AUTH_TOO_MANY_ATTEMPTS');
      expect((await login(app, s.user.email, s.password, '198.51.100.82')).status).toBe(200);
    });

    it('across addresses, delays an account by a growing, capped number of seconds instead of locking it', async () => {
      const s = await register(app);
      let n = 0;
      const elsewhere = () => `203.0.113.${++n}`;
      for (let i = 0; i < 6; i++) expectProblem(await login(app, s.user.email, `wrong password ${i}`, elsewhere()), 401);
      // Sixth failure: the next attempt must wait 1 s, whoever makes it and whatever the password.
      const first = await login(app, s.user.email, s.password, elsewhere());
      expectProblem(first, 429, 'AUTH_TOO_MANY_ATTEMPTS');
      expect(Number(first.headers['retry-after'])).toBe(1);
      await sleep(1100);
      expectProblem(await login(app, s.user.email, 'wrong password again', elsewhere()), 401);
      // Seventh failure: 2 s (the cap here).
      const second = await login(app, s.user.email, s.password, elsewhere());
      expectProblem(second, 429, 'AUTH_TOO_MANY_ATTEMPTS');
      expect(Number(second.headers['retry-after'])).toBe(2);
      await sleep(2100);
      expect((await login(app, s.user.email, s.password, elsewhere())).status).toBe(200);
      // A success clears the account's failures.
      expectProblem(await login(app, s.user.email, 'one more wrong one', elsewhere()), 401);
      expect((await login(app, s.user.email, s.password, elsewhere())).status).toBe(200);
    });

    it('the owner signs in from their own address, within the capped delay, after an attacker failed many times elsewhere', async () => {
      const s = await register(app);
      const attempts = await Promise.all(Array.from({ length: 30 }, (_, i) => login(app, s.user.email, `guess ${i}`, `192.0.2.${i + 1}`)));
      expect(attempts.every((r) => r.status === 401 || r.status === 429)).toBe(true);
      const home = '198.51.100.90';
      let res = await login(app, s.user.email, s.password, home);
      if (res.status === 429) {
        const wait = Number(res.headers['retry-after']);
        expect(wait).toBeGreaterThan(0);
        expect(wait).toBeLessThanOrEqual(2);
        await sleep(wait * 1000 + 100);
        res = await login(app, s.user.email, s.password, home);
      }
      expect(res.status).toBe(200);
    });
  });

  describe('client address behind proxies (TRUST_PROXY)', () => {
    const refreshIp = async (refreshToken: string) => {
      const res = await owner.query('SELECT ip FROM auth.refresh_tokens WHERE token_hash = $1', [createHash('sha256').update(refreshToken).digest('hex')]);
      return res.rows[0]?.ip;
    };

    it.each([['a hop count', '1'], ['a list of proxies', 'loopback, 192.0.2.10/32']])(
      'with %s, a forged leftmost X-Forwarded-For entry does not change the address the throttle sees',
      async (_, setting) => {
        const proxied = await start({ TRUST_PROXY: setting, LOGIN_MAX_FAILURES_PER_IP: '3' });
        const real = `198.51.100.${setting === '1' ? 100 : 101}`;
        for (let i = 0; i < 3; i++) {
          expectProblem(await login(proxied, uniqueEmail('spray'), 'wrong password', `203.0.113.${i + 1}, ${real}`), 401);
        }
        expectProblem(await login(proxied, uniqueEmail('spray'), 'wrong password', `203.0.113.99, ${real}`), 429, 'AUTH_TOO_MANY_ATTEMPTS');
        // The client the proxy saw is what is recorded.
        const s = await register(proxied);
        const ok = await login(proxied, s.user.email, s.password, `6.6.6.6, 198.51.100.102`);
        expect(ok.status).toBe(200);
        expect(await refreshIp(ok.body.refreshToken)).toBe('198.51.100.102');
      },
    );

    it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
      const direct = await start({ TRUST_PROXY: '192.0.2.10', LOGIN_MAX_FAILURES_PER_IP: '3', QUEUE_PREFIX: `untrusted-peer-${process.pid}` });
      const s = await register(direct);
      const ok = await login(direct, s.user.email, s.password, '198.51.100.103');
      expect(await refreshIp(ok.body.refreshToken)).toBe('127.0.0.1');
      for (let i = 0; i < 3; i++) expectProblem(await login(direct, uniqueEmail('spray'), 'wrong password', `198.51.100.${110 + i}`), 401);
      expectProblem(await login(direct, uniqueEmail('spray'), 'wrong password', '198.51.100.120'), 429, 'AUTH_TOO_MANY_ATTEMPTS');
    });
  });

  describe('Redis keys', () => {
    it('carry QUEUE_PREFIX: two installations sharing a Redis keep their own throttles and revocation marks', async () => {
      const prefixA = `install-a-${process.pid}`;
      const prefixB = `install-b-${process.pid}`;
      const a = await start({ QUEUE_PREFIX: prefixA });
      const b = await start({ QUEUE_PREFIX: prefixB });
      const s = await register(a);
      const ip = '198.51.100.130';
      for (let i = 0; i < 5; i++) expectProblem(await login(a, s.user.email, `wrong password ${i}`, ip), 401);
      expectProblem(await login(a, s.user.email, s.password, ip), 429, 'AUTH_TOO_MANY_ATTEMPTS');
      expect((await login(b, s.user.email, s.password, ip)).status).toBe(200);

      // A refresh token replayed on A revokes the access tokens through a mark in Redis.
      expect((await a.request('POST', '/auth/refresh', { body: { refreshToken: s.refreshToken } })).status).toBe(200);
      expectProblem(await a.request('POST', '/auth/refresh', { body: { refreshToken: s.refreshToken } }), 401, 'AUTH_REFRESH_REUSED');

      const redis = new Redis(REDIS_URL);
      try {
        const keys = await redis.keys('*');
        const ours = keys.filter((k) => /login|revoked/.test(k));
        expect(ours.filter((k) => k.startsWith(`${prefixA}:`)).some((k) => k.includes('revoked-before'))).toBe(true);
        expect(ours.filter((k) => k.startsWith(`${prefixA}:`)).some((k) => k.includes('login'))).toBe(true);
        expect(ours.filter((k) => k.startsWith('lynara:'))).toEqual([]);
      } finally {
        redis.disconnect();
      }
    });
  });

  describe('database privileges of the runtime role', () => {
    let rt: pg.Client;
    beforeAll(async () => {
      rt = await appClient();
    });
    afterAll(() => rt.end());

    it('cannot read or change password hashes directly', async () => {
      const s = await register(app);
      for (const sql of ['SELECT password_hash FROM auth.users LIMIT 1', 'SELECT * FROM auth.users LIMIT 1']) {
        await expect(rt.query(sql)).rejects.toMatchObject({ code: '42501' });
      }
      await expect(rt.query(`UPDATE auth.users SET password_hash = 'x' WHERE id = $1`, [s.user.id])).rejects.toMatchObject({ code: '42501' });
      await expect(rt.query(`UPDATE auth.users SET email = 'taken@example.test' WHERE id = $1`, [s.user.id])).rejects.toMatchObject({ code: '42501' });
      const visible = await rt.query('SELECT id, email, name FROM auth.users WHERE id = $1', [s.user.id]);
      expect(visible.rows).toEqual([{ id: s.user.id, email: s.user.email, name: s.user.name }]);
      // A reset without a valid token changes nothing.
      const reset = await rt.query('SELECT auth.reset_password($1, $2) AS user_id', ['0'.repeat(64), '$argon2id$forged']);
      expect(reset.rows[0].user_id).toBeNull();
      expect((await login(app, s.user.email, s.password)).status).toBe(200);
    });

    it('cannot reset another tenant\'s invitation attempts', async () => {
      const a = await register(app);
      const b = await register(app);
      const inv = await invite(a, b.user.email);
      expectProblem(await accept(inv.token, 'not the password'), 401);
      await rt.query('BEGIN');
      try {
        await rt.query(`SELECT set_config('app.tenant_id', $1, true)`, [b.tenant.id]);
        expect((await rt.query('UPDATE auth.invitations SET failed_attempts = 0 WHERE id = $1', [inv.id])).rowCount).toBe(0);
      } finally {
        await rt.query('ROLLBACK');
      }
      expect((await owner.query('SELECT failed_attempts FROM auth.invitations WHERE id = $1', [inv.id])).rows[0].failed_attempts).toBe(1);
    });
  });

  describe('logs', () => {
    const capture = () => {
      const lines: string[] = [];
      return { lines, logger: pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) }) };
    };

    it('in production, without SMTP_URL, never log a token-bearing link, and warn once at start-up', async () => {
      const { lines, logger } = capture();
      const prod = await start({ NODE_ENV: 'production' }, logger);
      const startup = lines.filter((l) => l.includes('SMTP_URL'));
      expect(startup).toHaveLength(1);

      const s = await register(prod);
      const inv = await prod.request('POST', '/invitations', { token: s.accessToken, body: { email: uniqueEmail('prod-invitee'), role: 'viewer' } });
      expect(inv.status).toBe(201);
      expect(inv.body.emailSent).toBe(false);
      const token = tokenOf(inv.body.acceptUrl);
      expect((await prod.request('GET', `/auth/invitations/${encodeURIComponent(token)}`)).status).toBe(200);
      expect((await prod.request('POST', '/auth/password/forgot', { body: { email: s.user.email } })).status).toBe(202);

      const text = lines.join('');
      expect(text).not.toContain(token);
      expect(text).not.toMatch(/token=|inv_|prt_|rt_[A-Za-z0-9_-]{20}/);
      expect(lines.filter((l) => /email not sent/i.test(l)).length).toBeGreaterThanOrEqual(2);
      // The request line names the route, not the path that carries the token.
      const requests = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request');
      expect(requests.map((l) => l.url)).toContain('/auth/invitations/:token');
    });

    it('outside production, still log the link of an email that could not be sent', async () => {
      const { lines, logger } = capture();
      const dev = await start({ NODE_ENV: 'development' }, logger);
      const s = await register(dev);
      const inv = await dev.request('POST', '/invitations', { token: s.accessToken, body: { email: uniqueEmail('dev-invitee'), role: 'viewer' } });
      expect(inv.status).toBe(201);
      expect(lines.some((l) => l.includes(inv.body.acceptUrl))).toBe(true);
    });
  });
});
