import { createTestApp, expectProblem, register, type Session, type TestApp, uniqueEmail } from './support/app.js';
import { TestSmtpServer } from './support/smtp.js';
import { addMember, login, PASSWORD, tokenOf, waitFor } from './support/team.js';

describe('team management', () => {
  let app: TestApp;
  /** Same database and Redis, no SMTP_URL: invitations are not emailed. */
  let noSmtp: TestApp;
  const smtp = new TestSmtpServer();

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    noSmtp = await createTestApp();
    app = await createTestApp({ SMTP_URL: smtpUrl });
  });
  afterAll(async () => {
    await noSmtp.close();
    await app.close();
    await smtp.stop();
  });

  const members = async (s: Session) => {
    const res = await app.request('GET', '/members', { token: s.accessToken });
    expect(res.status).toBe(200);
    return res.body.items as Array<{ userId: string; email: string; name: string; role: string }>;
  };
  const pending = async (s: Session) => {
    const res = await app.request('GET', '/invitations', { token: s.accessToken });
    expect(res.status).toBe(200);
    return res.body.items as Array<{ id: string; email: string; role: string }>;
  };

  describe('invitations', () => {
    it('emails the single-use link through SMTP and also returns it', async () => {
      const owner = await register(app);
      const email = uniqueEmail('Invitee');
      const res = await app.request('POST', '/invitations', { token: owner.accessToken, body: { email, role: 'marketer' } });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        email: email.toLowerCase(),
        role: 'marketer',
        emailSent: true,
        acceptUrl: expect.stringMatching(/^http:\/\/web\.test\/invite\?token=inv_/),
        expiresAt: expect.any(String),
      });
      expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
      const link = await waitFor(() => smtp.linkFor(email.toLowerCase()));
      expect(link).toBe(res.body.acceptUrl);
      expect((await pending(owner)).map((i) => i.id)).toContain(res.body.id);
    });

    it('without SMTP_URL answers emailSent false but still returns the link, which works', async () => {
      const owner = await register(noSmtp);
      const email = uniqueEmail('nosmtp');
      const before = smtp.received.length;
      const res = await noSmtp.request('POST', '/invitations', { token: owner.accessToken, body: { email, role: 'viewer' } });
      expect(res.status).toBe(201);
      expect(res.body.emailSent).toBe(false);
      expect(res.body.acceptUrl).toMatch(/^http:\/\/web\.test\/invite\?token=inv_/);
      expect(smtp.received.slice(before).some((m) => m.to.includes(email))).toBe(false);
      const preview = await noSmtp.request('GET', `/auth/invitations/${encodeURIComponent(tokenOf(res.body.acceptUrl))}`);
      expect(preview.status).toBe(200);
    });

    it('previews what an invitation invites to, and 404s unknown tokens', async () => {
      const owner = await register(app, 'Preview Co');
      const email = uniqueEmail('preview');
      const inv = await app.request('POST', '/invitations', { token: owner.accessToken, body: { email, role: 'admin' } });
      const res = await app.request('GET', `/auth/invitations/${encodeURIComponent(tokenOf(inv.body.acceptUrl))}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ email, role: 'admin', tenant: { id: owner.tenant.id, name: 'Preview Co' }, userExists: false, expiresAt: inv.body.expiresAt });
      // An existing person is told so (only their password will be asked).
      const other = await register(app);
      const inv2 = await app.request('POST', '/invitations', { token: owner.accessToken, body: { email: other.user.email, role: 'viewer' } });
      expect((await app.request('GET', `/auth/invitations/${encodeURIComponent(tokenOf(inv2.body.acceptUrl))}`)).body.userExists).toBe(true);
      expectProblem(await app.request('GET', '/auth/invitations/inv_does-not-exist-at-all'), 404, 'AUTH_INVITATION_INVALID');
    });

    it('accepting as a new person creates the account and signs them in to the inviting tenant with the invited role', async () => {
      const owner = await register(app, 'Welcoming Co');
      const email = uniqueEmail('newbie');
      const inv = await app.request('POST', '/invitations', { token: owner.accessToken, body: { email, role: 'marketer' } });
      const token = tokenOf(inv.body.acceptUrl);

      // A new account needs a name: refused, and the invitation is still usable afterwards.
      expectProblem(await app.request('POST', '/auth/invitations/accept', { body: { token, password: PASSWORD } }), 400, 'VALIDATION_FAILED');
      expectProblem(await login(app, email), 401, 'AUTH_INVALID_CREDENTIALS');

      const acc = await app.request('POST', '/auth/invitations/accept', { body: { token, name: 'Nouvelle Personne', password: PASSWORD } });
      expect(acc.status).toBe(200);
      expect(acc.body).toMatchObject({
        accessToken: expect.any(String),
        refreshToken: expect.stringMatching(/^rt_/),
        user: { email, name: 'Nouvelle Personne' },
        tenant: { id: owner.tenant.id, name: 'Welcoming Co' },
        role: 'marketer',
      });
      const me = await app.request('GET', '/auth/me', { token: acc.body.accessToken });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ tenant: { id: owner.tenant.id }, role: 'marketer', tenants: [{ id: owner.tenant.id, role: 'marketer' }] });
      expect(await members(owner)).toEqual(expect.arrayContaining([expect.objectContaining({ userId: acc.body.user.id, email, role: 'marketer' })]));
      expect((await pending(owner)).map((i) => i.id)).not.toContain(inv.body.id);
      expect((await login(app, email)).status).toBe(200);
    });

    it('accepting as an existing person of another tenant needs their password, then they belong to both and can switch', async () => {
      const inviter = await register(app, 'Inviting Co');
      const person = await register(app, 'Home Co');
      const inv = await app.request('POST', '/invitations', { token: inviter.accessToken, body: { email: person.user.email, role: 'admin' } });
      const token = tokenOf(inv.body.acceptUrl);

      const wrong = await app.request('POST', '/auth/invitations/accept', { body: { token, password: 'not my password at all' } });
      expectProblem(wrong, 401, 'AUTH_INVALID_CREDENTIALS');
      // Nothing changed: still one tenant, the invitation still pending, the old password still the one.
      expect((await app.request('GET', '/auth/me', { token: person.accessToken })).body.tenants).toHaveLength(1);
      expect((await pending(inviter)).map((i) => i.id)).toContain(inv.body.id);

      // A name is ignored for an existing account: it keeps its own.
      const acc = await app.request('POST', '/auth/invitations/accept', { body: { token, password: person.password, name: 'Someone Else' } });
      expect(acc.status).toBe(200);
      expect(acc.body).toMatchObject({ user: { id: person.user.id, name: person.user.name }, tenant: { id: inviter.tenant.id }, role: 'admin' });

      const me = await app.request('GET', '/auth/me', { token: acc.body.accessToken });
      expect(me.body.tenants).toHaveLength(2);
      expect(me.body.tenants).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: person.tenant.id, role: 'owner' }),
          expect.objectContaining({ id: inviter.tenant.id, role: 'admin' }),
        ]),
      );
      // Their password did not change.
      expect((await login(app, person.user.email, person.password)).status).toBe(200);

      const back = await app.request('POST', '/auth/switch-tenant', { token: acc.body.accessToken, body: { tenantId: person.tenant.id } });
      expect(back.status).toBe(200);
      expect(back.body).toMatchObject({ tenant: { id: person.tenant.id }, role: 'owner' });
      const meHome = await app.request('GET', '/auth/me', { token: back.body.accessToken });
      expect(meHome.body).toMatchObject({ tenant: { id: person.tenant.id }, role: 'owner' });

      const stranger = await register(app, 'Stranger Co');
      expectProblem(await app.request('POST', '/auth/switch-tenant', { token: back.body.accessToken, body: { tenantId: stranger.tenant.id } }), 403, 'AUTH_NOT_A_MEMBER');
      expectProblem(await app.request('POST', '/auth/switch-tenant', { token: back.body.accessToken, body: { tenantId: 'not-a-uuid' } }), 400, 'VALIDATION_FAILED');
    });

    it('is single-use: a second accept is 404', async () => {
      const owner = await register(app);
      const inv = await app.request('POST', '/invitations', { token: owner.accessToken, body: { email: uniqueEmail('once'), role: 'viewer' } });
      const token = tokenOf(inv.body.acceptUrl);
      expect((await app.request('POST', '/auth/invitations/accept', { body: { token, name: 'Once', password: PASSWORD } })).status).toBe(200);
      expectProblem(await app.request('POST', '/auth/invitations/accept', { body: { token, name: 'Twice', password: PASSWORD } }), 404, 'AUTH_INVITATION_INVALID');
      expectProblem(await app.request('GET', `/auth/invitations/${encodeURIComponent(token)}`), 404, 'AUTH_INVITATION_INVALID');
    });

    it('a revoked invitation cannot be previewed or accepted, and revoking twice is 404', async () => {
      const owner = await register(app);
      const email = uniqueEmail('revoked');
      const inv = await app.request('POST', '/invitations', { token: owner.accessToken, body: { email, role: 'viewer' } });
      const token = tokenOf(inv.body.acceptUrl);
      expect((await app.request('DELETE', `/invitations/${inv.body.id}`, { token: owner.accessToken })).status).toBe(204);
      expect((await pending(owner)).map((i) => i.id)).not.toContain(inv.body.id);
      expectProblem(await app.request('GET', `/auth/invitations/${encodeURIComponent(token)}`), 404, 'AUTH_INVITATION_INVALID');
      expectProblem(await app.request('POST', '/auth/invitations/accept', { body: { token, name: 'Late', password: PASSWORD } }), 404, 'AUTH_INVITATION_INVALID');
      expectProblem(await login(app, email), 401);
      expectProblem(await app.request('DELETE', `/invitations/${inv.body.id}`, { token: owner.accessToken }), 404, 'AUTH_INVITATION_INVALID');
      expectProblem(await app.request('DELETE', '/invitations/not-a-uuid', { token: owner.accessToken }), 400);
    });

    it('answers 409 when inviting someone who is already a member', async () => {
      const owner = await register(app);
      const marketer = await addMember(app, owner, 'marketer');
      const before = (await pending(owner)).length;
      expectProblem(await app.request('POST', '/invitations', { token: owner.accessToken, body: { email: owner.user.email, role: 'admin' } }), 409, 'AUTH_ALREADY_MEMBER');
      expectProblem(
        await app.request('POST', '/invitations', { token: owner.accessToken, body: { email: marketer.user.email.toUpperCase(), role: 'admin' } }),
        409,
        'AUTH_ALREADY_MEMBER',
      );
      expect(await pending(owner)).toHaveLength(before);
    });

    it('rejects bad invitation input with field errors and creates nothing', async () => {
      const owner = await register(app);
      const res = await app.request('POST', '/invitations', { token: owner.accessToken, body: { email: 'nope', role: 'superuser' } });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['email', 'role']));
      expect(await pending(owner)).toHaveLength(0);
    });
  });

  describe('roles', () => {
    let owner: Session;
    let admin: Session;
    let marketer: Session;
    let viewer: Session;

    beforeAll(async () => {
      owner = await register(app, 'Roles Co');
      admin = await addMember(app, owner, 'admin');
      marketer = await addMember(app, owner, 'marketer');
      viewer = await addMember(app, owner, 'viewer');
    });

    it('an admin cannot invite or appoint an owner, nor change or remove one; an owner can invite one', async () => {
      expectProblem(await app.request('POST', '/invitations', { token: admin.accessToken, body: { email: uniqueEmail('o'), role: 'owner' } }), 403, 'AUTH_ROLE_NOT_ALLOWED');
      expectProblem(await app.request('PATCH', `/members/${viewer.user.id}`, { token: admin.accessToken, body: { role: 'owner' } }), 403, 'AUTH_ROLE_NOT_ALLOWED');
      expectProblem(await app.request('PATCH', `/members/${owner.user.id}`, { token: admin.accessToken, body: { role: 'viewer' } }), 403, 'AUTH_ROLE_NOT_ALLOWED');
      expectProblem(await app.request('DELETE', `/members/${owner.user.id}`, { token: admin.accessToken }), 403, 'AUTH_ROLE_NOT_ALLOWED');
      const roles = Object.fromEntries((await members(owner)).map((m) => [m.userId, m.role]));
      expect(roles[owner.user.id]).toBe('owner');
      expect(roles[viewer.user.id]).toBe('viewer');

      const ok = await app.request('POST', '/invitations', { token: owner.accessToken, body: { email: uniqueEmail('o2'), role: 'owner' } });
      expect(ok.status).toBe(201);
      expect(ok.body.role).toBe('owner');
      // Admins may invite non-owners.
      expect((await app.request('POST', '/invitations', { token: admin.accessToken, body: { email: uniqueEmail('m'), role: 'marketer' } })).status).toBe(201);
    });

    it.each(['marketer', 'viewer'] as const)('a %s can list members but not invite, change roles or remove (403)', async (who) => {
      const s = who === 'marketer' ? marketer : viewer;
      const list = await members(s);
      expect(list.map((m) => m.userId)).toEqual(expect.arrayContaining([owner.user.id, admin.user.id, marketer.user.id, viewer.user.id]));
      expectProblem(await app.request('GET', '/invitations', { token: s.accessToken }), 403, 'FORBIDDEN');
      expectProblem(await app.request('POST', '/invitations', { token: s.accessToken, body: { email: uniqueEmail('x'), role: 'viewer' } }), 403, 'FORBIDDEN');
      expectProblem(await app.request('PATCH', `/members/${viewer.user.id}`, { token: s.accessToken, body: { role: 'admin' } }), 403, 'FORBIDDEN');
      expectProblem(await app.request('DELETE', `/members/${admin.user.id}`, { token: s.accessToken }), 403, 'FORBIDDEN');
      const after = Object.fromEntries((await members(owner)).map((m) => [m.userId, m.role]));
      expect(after[viewer.user.id]).toBe('viewer');
      expect(after[admin.user.id]).toBe('admin');
    });

    it('answers 404 for someone who is not a member here (including members of other tenants) and 400 for bad ids or roles', async () => {
      const other = await register(app);
      expectProblem(await app.request('PATCH', `/members/${other.user.id}`, { token: owner.accessToken, body: { role: 'viewer' } }), 404, 'AUTH_MEMBER_NOT_FOUND');
      expectProblem(await app.request('DELETE', `/members/${other.user.id}`, { token: owner.accessToken }), 404, 'AUTH_MEMBER_NOT_FOUND');
      expectProblem(await app.request('PATCH', '/members/not-a-uuid', { token: owner.accessToken, body: { role: 'viewer' } }), 400);
      expectProblem(await app.request('PATCH', `/members/${viewer.user.id}`, { token: owner.accessToken, body: { role: 'god' } }), 400, 'VALIDATION_FAILED');
      expect((await app.request('GET', '/auth/me', { token: other.accessToken })).body.role).toBe('owner');
    });
  });

  describe('the last owner', () => {
    it('cannot be demoted or removed (409); with a second owner, one can step down', async () => {
      const owner = await register(app);
      const admin = await addMember(app, owner, 'admin');
      expectProblem(await app.request('PATCH', `/members/${owner.user.id}`, { token: owner.accessToken, body: { role: 'admin' } }), 409, 'AUTH_LAST_OWNER');
      expectProblem(await app.request('DELETE', `/members/${owner.user.id}`, { token: owner.accessToken }), 409, 'AUTH_LAST_OWNER');
      // Nothing changed, and the owner's token still works (no revocation on a refused change).
      const me = await app.request('GET', '/auth/me', { token: owner.accessToken });
      expect(me.status).toBe(200);
      expect(me.body.role).toBe('owner');

      const promoted = await app.request('PATCH', `/members/${admin.user.id}`, { token: owner.accessToken, body: { role: 'owner' } });
      expect(promoted.status).toBe(200);
      expect(promoted.body).toMatchObject({ userId: admin.user.id, role: 'owner' });
      const stepDown = await app.request('PATCH', `/members/${owner.user.id}`, { token: owner.accessToken, body: { role: 'viewer' } });
      expect(stepDown.status).toBe(200);
      const newOwner = await login(app, admin.user.email);
      expect(newOwner.body.role).toBe('owner');
      expectProblem(await app.request('DELETE', `/members/${admin.user.id}`, { token: newOwner.body.accessToken }), 409, 'AUTH_LAST_OWNER');
    });
  });

  describe('concurrency', () => {
    it('simultaneous accepts of one invitation: one succeeds, the others are 4xx (never 500)', async () => {
      const owner = await register(app);
      const statuses: number[] = [];
      for (let round = 0; round < 3; round++) {
        const inv = await app.request('POST', '/invitations', { token: owner.accessToken, body: { email: uniqueEmail('race'), role: 'viewer' } });
        const token = tokenOf(inv.body.acceptUrl);
        const results = await Promise.all([1, 2, 3, 4].map((n) => app.request('POST', '/auth/invitations/accept', { body: { token, name: `Racer ${n}`, password: PASSWORD } })));
        statuses.push(...results.map((r) => r.status));
        expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      }
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
    });

    it('two owners demoting each other at the same time never leave the workspace without an owner', async () => {
      const ownerCounts: number[] = [];
      for (let round = 0; round < 3; round++) {
        const a = await register(app);
        const b = await addMember(app, a, 'owner');
        await Promise.all([
          app.request('PATCH', `/members/${b.user.id}`, { token: a.accessToken, body: { role: 'admin' } }),
          app.request('PATCH', `/members/${a.user.id}`, { token: b.accessToken, body: { role: 'admin' } }),
        ]);
        const fresh = await login(app, a.user.email);
        const list = await app.request('GET', '/members', { token: fresh.body.accessToken });
        ownerCounts.push(list.body.items.filter((m: { role: string }) => m.role === 'owner').length);
      }
      expect(ownerCounts.every((n) => n >= 1)).toBe(true);
    });
  });

  describe('effects on sessions', () => {
    it('removing a member ends their access at once: access token 401, refresh token unusable, login has no workspace', async () => {
      const owner = await register(app);
      const gone = await addMember(app, owner, 'marketer');
      expect((await app.request('GET', '/auth/me', { token: gone.accessToken })).status).toBe(200);

      expect((await app.request('DELETE', `/members/${gone.user.id}`, { token: owner.accessToken })).status).toBe(204);
      expectProblem(await app.request('GET', '/auth/me', { token: gone.accessToken }), 401);
      expectProblem(await app.request('GET', '/members', { token: gone.accessToken }), 401);
      expectProblem(await app.request('POST', '/auth/refresh', { body: { refreshToken: gone.refreshToken } }), 401, 'AUTH_REFRESH_INVALID');
      expect((await members(owner)).map((m) => m.userId)).not.toContain(gone.user.id);
      expectProblem(await login(app, gone.user.email), 403, 'AUTH_NO_TENANT');
      expectProblem(await app.request('DELETE', `/members/${gone.user.id}`, { token: owner.accessToken }), 404, 'AUTH_MEMBER_NOT_FOUND');
    });

    it('removing someone from one tenant leaves their other tenant untouched', async () => {
      const inviter = await register(app);
      const person = await register(app);
      const inv = await app.request('POST', '/invitations', { token: inviter.accessToken, body: { email: person.user.email, role: 'viewer' } });
      const there = await app.request('POST', '/auth/invitations/accept', { body: { token: tokenOf(inv.body.acceptUrl), password: person.password } });
      expect(there.status).toBe(200);
      expect((await app.request('DELETE', `/members/${person.user.id}`, { token: inviter.accessToken })).status).toBe(204);
      expectProblem(await app.request('GET', '/auth/me', { token: there.body.accessToken }), 401);
      // Home tenant: the earlier token and refresh token still work.
      expect((await app.request('GET', '/auth/me', { token: person.accessToken })).status).toBe(200);
      expect((await app.request('POST', '/auth/refresh', { body: { refreshToken: person.refreshToken } })).status).toBe(200);
    });

    it('a role change takes effect at once: the old token is 401, a new login carries the new role', async () => {
      const owner = await register(app);
      const person = await addMember(app, owner, 'admin');
      expect((await app.request('GET', '/invitations', { token: person.accessToken })).status).toBe(200);

      const changed = await app.request('PATCH', `/members/${person.user.id}`, { token: owner.accessToken, body: { role: 'viewer' } });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ userId: person.user.id, email: person.user.email, role: 'viewer' });
      expectProblem(await app.request('GET', '/invitations', { token: person.accessToken }), 401);
      expectProblem(await app.request('GET', '/auth/me', { token: person.accessToken }), 401);

      const again = await login(app, person.user.email);
      expect(again.status).toBe(200);
      expect(again.body.role).toBe('viewer');
      expectProblem(await app.request('GET', '/invitations', { token: again.body.accessToken }), 403, 'FORBIDDEN');
      expect((await app.request('GET', '/auth/me', { token: again.body.accessToken })).body.role).toBe('viewer');
      // Their refresh token from before now yields the new role too.
      const refreshed = await app.request('POST', '/auth/refresh', { body: { refreshToken: person.refreshToken } });
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.role).toBe('viewer');
    });
  });
});
