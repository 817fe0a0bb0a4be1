import type pg from 'pg';
import { createTestApp, expectProblem, register, type Session, type TestApp, uniqueEmail } from './support/app.js';
import { appClient, ownerClient } from './support/db.js';
import { addMember, login } from './support/team.js';

interface Entry {
  id: string;
  occurredAt: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  ip: string | null;
  requestId: string | null;
  metadata: Record<string, unknown>;
}

describe('audit log', () => {
  let app: TestApp;
  let owner: Session;
  let member: Session;
  let keyId: string;
  let invitationId: string;
  const ip = '198.51.100.23';
  const requestId = `audit-test-${process.pid}-${Date.now()}`;

  const logs = async (query = '', s: Session = owner) => {
    const res = await app.request('GET', `/audit-logs${query}`, { token: s.accessToken });
    expect(res.status).toBe(200);
    return res.body as { items: Entry[]; nextCursor: string | null };
  };

  beforeAll(async () => {
    app = await createTestApp();
    const reg = await app.request('POST', '/auth/register', { ip, body: { email: uniqueEmail('audit'), password: 'correct horse battery', name: 'Audit Owner', tenantName: 'Audited Co' } });
    expect(reg.status).toBe(201);
    owner = { ...reg.body, password: 'correct horse battery' };
    expect((await app.request('POST', '/auth/login', { ip, body: { email: owner.user.email, password: owner.password } })).status).toBe(200);

    const key = await app.request('POST', '/api-keys', { token: owner.accessToken, ip, headers: { 'x-request-id': requestId }, body: { name: 'Audited key', scopes: ['leads:read'] } });
    expect(key.status).toBe(201);
    expect(key.headers['x-request-id']).toBe(requestId);
    keyId = key.body.id;
    expect((await app.request('DELETE', `/api-keys/${keyId}`, { token: owner.accessToken, ip })).status).toBe(204);

    const inv = await app.request('POST', '/invitations', { token: owner.accessToken, ip, body: { email: uniqueEmail('audited-invitee'), role: 'viewer' } });
    expect(inv.status).toBe(201);
    invitationId = inv.body.id;

    member = await addMember(app, owner, 'marketer');
    expect((await app.request('PATCH', `/members/${member.user.id}`, { token: owner.accessToken, ip, body: { role: 'viewer' } })).status).toBe(200);
  });
  afterAll(async () => {
    await app.close();
  });

  it('records who did what, from where, in which request', async () => {
    const { items } = await logs('?limit=200');
    const find = (action: string, entityId?: string) => items.find((e) => e.action === action && (entityId === undefined || e.entityId === entityId));
    const byOwner = { actorType: 'user', actorId: owner.user.id };

    expect(find('tenant.created', owner.tenant.id)).toMatchObject({ ...byOwner, entityType: 'tenant', ip });
    expect(find('auth.login', owner.user.id)).toMatchObject({ ...byOwner, entityType: 'user', ip });
    expect(find('api_key.created', keyId)).toMatchObject({ ...byOwner, entityType: 'api_key', ip, requestId, metadata: { name: 'Audited key', scopes: ['leads:read'] } });
    expect(find('api_key.revoked', keyId)).toMatchObject({ ...byOwner, entityType: 'api_key', ip, requestId: expect.any(String) });
    expect(find('api_key.revoked', keyId)!.requestId).not.toBe(requestId);
    expect(find('invitation.created', invitationId)).toMatchObject({ ...byOwner, entityType: 'invitation', ip, metadata: { role: 'viewer' } });
    expect(find('member.role_changed', member.user.id)).toMatchObject({ ...byOwner, entityType: 'member', ip, metadata: { from: 'marketer', to: 'viewer' } });
    expect(find('invitation.accepted', member.user.id)).toMatchObject({ actorType: 'user', actorId: member.user.id, entityType: 'member' });
  });

  it('replaces an unusable X-Request-Id with its own and echoes it', async () => {
    const res = await app.request('GET', '/auth/me', { token: owner.accessToken, headers: { 'x-request-id': 'has spaces and ünicode' } });
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const plain = await app.request('GET', '/auth/me', { token: owner.accessToken });
    expect(plain.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(plain.headers['x-request-id']).not.toBe(res.headers['x-request-id']);
  });

  it('filters by action, entity type, entity id, actor and time', async () => {
    const all = (await logs('?limit=200')).items;
    expect((await logs('?action=api_key.created')).items.map((e) => e.entityId)).toEqual([keyId]);
    const apiKeyEntries = (await logs('?entityType=api_key')).items;
    expect(apiKeyEntries.map((e) => e.action)).toEqual(['api_key.revoked', 'api_key.created']);
    expect((await logs(`?entityId=${keyId}`)).items.every((e) => e.entityId === keyId)).toBe(true);
    expect((await logs(`?entityId=${keyId}`)).items).toHaveLength(2);

    const byMember = (await logs(`?actorId=${member.user.id}`)).items;
    expect(byMember.map((e) => e.action)).toEqual(['invitation.accepted']);
    const byOwner = (await logs(`?actorId=${owner.user.id}`)).items;
    expect(byOwner.length).toBe(all.filter((e) => e.actorId === owner.user.id).length);
    expect(byOwner.every((e) => e.actorId === owner.user.id)).toBe(true);

    // Time window: inclusive at both ends.
    const pivot = all[Math.floor(all.length / 2)]!.occurredAt;
    const from = (await logs(`?limit=200&from=${encodeURIComponent(pivot)}`)).items;
    const to = (await logs(`?limit=200&to=${encodeURIComponent(pivot)}`)).items;
    expect(from.length).toBe(all.filter((e) => e.occurredAt >= pivot).length);
    expect(to.length).toBe(all.filter((e) => e.occurredAt <= pivot).length);
    expect(from.every((e) => e.occurredAt >= pivot)).toBe(true);
    expect(to.every((e) => e.occurredAt <= pivot)).toBe(true);
    expect((await logs(`?from=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`)).items).toEqual([]);

    expect((await logs('?action=no.such.action')).items).toEqual([]);
  });

  it('pages newest first with a cursor, without duplicates or gaps', async () => {
    const all = (await logs('?limit=200')).items;
    expect(all.length).toBeGreaterThanOrEqual(7);
    const sorted = [...all].sort((a, b) => (a.occurredAt === b.occurredAt ? (a.id < b.id ? 1 : -1) : a.occurredAt < b.occurredAt ? 1 : -1));
    expect(all.map((e) => e.id)).toEqual(sorted.map((e) => e.id));

    const walked: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const pageRes: { items: Entry[]; nextCursor: string | null } = await logs(`?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(pageRes.items.length).toBeLessThanOrEqual(2);
      walked.push(...pageRes.items.map((e) => e.id));
      cursor = pageRes.nextCursor;
      pages++;
      expect(pages).toBeLessThan(100);
    } while (cursor);
    expect(new Set(walked).size).toBe(walked.length);
    expect(walked).toEqual(all.map((e) => e.id));
    expect(pages).toBe(Math.ceil(all.length / 2));
  });

  it('records removals, and nothing for refused changes', async () => {
    const before = (await logs('?limit=200')).items;
    // Refused: the last owner cannot step down, an unknown member cannot be changed.
    expect((await app.request('PATCH', `/members/${owner.user.id}`, { token: owner.accessToken, body: { role: 'admin' } })).status).toBe(409);
    expect((await app.request('DELETE', '/members/00000000-0000-4000-8000-000000000000', { token: owner.accessToken })).status).toBe(404);
    expect((await app.request('POST', '/api-keys', { token: owner.accessToken, body: { name: 'Bad', scopes: [] } })).status).toBe(400);
    expect((await logs('?limit=200')).items).toEqual(before);

    const leaving = await addMember(app, owner, 'viewer');
    expect((await app.request('DELETE', `/members/${leaving.user.id}`, { token: owner.accessToken, ip })).status).toBe(204);
    const removed = (await logs(`?action=member.removed&entityId=${leaving.user.id}`)).items;
    expect(removed).toEqual([expect.objectContaining({ actorType: 'user', actorId: owner.user.id, entityType: 'member', ip, metadata: { email: leaving.user.email, name: leaving.user.name, role: 'viewer' } })]);
  });

  it('shows a tenant only its own entries', async () => {
    const other = await register(app);
    const theirs = (await logs('?limit=200', other)).items;
    expect(theirs.map((e) => e.action)).toEqual(['tenant.created']);
    expect(theirs[0]!.entityId).toBe(other.tenant.id);
    expect((await logs(`?entityId=${keyId}`, other)).items).toEqual([]);
  });

  it('is for owners and admins only', async () => {
    const admin = await addMember(app, owner, 'admin');
    expect((await logs('?limit=1', admin)).items).toHaveLength(1);
    const viewer = await login(app, member.user.email);
    expect(viewer.body.role).toBe('viewer');
    expectProblem(await app.request('GET', '/audit-logs', { token: viewer.body.accessToken }), 403, 'FORBIDDEN');
    const marketer = await addMember(app, owner, 'marketer');
    expectProblem(await app.request('GET', '/audit-logs', { token: marketer.accessToken }), 403, 'FORBIDDEN');
    expectProblem(await app.request('GET', '/audit-logs'), 401, 'UNAUTHENTICATED');
  });

  it('rejects bad queries with 400', async () => {
    const bad = await app.request('GET', '/audit-logs?cursor=not-a-real-cursor', { token: owner.accessToken });
    expectProblem(bad, 400, 'VALIDATION_FAILED');
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('cursor');
    // A well-formed base64url cursor that decodes to garbage.
    expectProblem(await app.request('GET', `/audit-logs?cursor=${Buffer.from('yesterday|me').toString('base64url')}`, { token: owner.accessToken }), 400, 'VALIDATION_FAILED');
    for (const q of ['limit=0', 'limit=201', 'limit=abc', 'actorId=not-a-uuid', 'actorType=robot', 'from=not-a-date', 'colour=blue']) {
      const res = await app.request('GET', `/audit-logs?${q}`, { token: owner.accessToken });
      expectProblem(res, 400, 'VALIDATION_FAILED');
    }
  });

  describe('in the database', () => {
    let client: pg.Client;
    beforeAll(async () => {
      client = await appClient();
    });
    afterAll(async () => {
      await client.end();
    });

    const asRuntimeRole = async (sql: string): Promise<{ code?: string }> => {
      await client.query('BEGIN');
      try {
        await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [owner.tenant.id]);
        const visible = await client.query('SELECT count(*)::int AS n FROM governance.audit_logs');
        expect(visible.rows[0].n).toBeGreaterThan(0);
        await client.query(sql);
        return {};
      } catch (err) {
        return err as { code?: string };
      } finally {
        await client.query('ROLLBACK');
      }
    };

    /** As the worker runs it: the runtime role, in a transaction for this tenant (or none), committed. */
    const commitAs = async (tenantId: string | null, sql: string): Promise<{ rows?: Record<string, unknown>[]; code?: string }> => {
      await client.query('BEGIN');
      try {
        if (tenantId) await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
        const res = await client.query(sql);
        await client.query('COMMIT');
        return { rows: res.rows };
      } catch (err) {
        await client.query('ROLLBACK');
        return { code: (err as { code?: string }).code };
      }
    };

    describe('retention (governance.purge_audit_logs)', () => {
      let db: pg.Client;
      let other: Session;
      const counts = async () => {
        const res = await db.query(`SELECT tenant_id, count(*)::int AS n FROM governance.audit_logs WHERE tenant_id = ANY($1::uuid[]) GROUP BY tenant_id`, [[owner.tenant.id, other.tenant.id]]);
        return Object.fromEntries(res.rows.map((r) => [r.tenant_id === owner.tenant.id ? 'mine' : 'theirs', r.n]));
      };

      beforeAll(async () => {
        db = await ownerClient();
        other = await register(app, 'Audit Neighbour');
        await db.query(
          `INSERT INTO governance.audit_logs (tenant_id, occurred_at, actor_type, actor_label, action, entity_type)
           VALUES ($1, now() - interval '3 days', 'system', 'test', 'old.entry', 'test'), ($2, now() - interval '3 days', 'system', 'test', 'old.entry', 'test')`,
          [owner.tenant.id, other.tenant.id],
        );
      });
      afterAll(() => db.end());

      it('refuses another tenant, a retention under a day and a caller with no tenant, changing nothing', async () => {
        const before = await counts();
        expect(before.theirs).toBeGreaterThanOrEqual(2);
        // The reproduced attack: tenant A's transaction naming B, with a negative retention.
        expect((await commitAs(owner.tenant.id, `SELECT governance.purge_audit_logs('${other.tenant.id}'::uuid, '-1 day')`)).code).toEqual(expect.any(String));
        for (const keep of [`'-1 day'`, `'0'`, `'23 hours 59 minutes'`, `'1 day -25 hours'`, 'NULL']) {
          expect({ keep, code: (await commitAs(owner.tenant.id, `SELECT governance.purge_audit_logs(${keep}::interval)`)).code }).toEqual({ keep, code: '22023' });
        }
        expect((await commitAs(null, `SELECT governance.purge_audit_logs('1 day')`)).code).toBe('42501');
        expect(await counts()).toEqual(before);
      });

      it('removes the current tenant\'s entries older than the retention, and only those', async () => {
        const before = await counts();
        const res = await commitAs(owner.tenant.id, `SELECT governance.purge_audit_logs('2 days') AS n`);
        expect(res.rows).toEqual([{ n: '1' }]);
        expect(await counts()).toEqual({ mine: before.mine - 1, theirs: before.theirs });
        const left = await db.query(`SELECT tenant_id FROM governance.audit_logs WHERE action = 'old.entry'`);
        expect(left.rows).toEqual([{ tenant_id: other.tenant.id }]);
      });
    });

    it('the runtime role cannot UPDATE, DELETE or TRUNCATE audit rows (42501)', async () => {
      const before = (await logs('?limit=200')).items;
      expect((await asRuntimeRole(`UPDATE governance.audit_logs SET action = 'tampered'`)).code).toBe('42501');
      expect((await asRuntimeRole('DELETE FROM governance.audit_logs')).code).toBe('42501');
      expect((await asRuntimeRole('TRUNCATE governance.audit_logs')).code).toBe('42501');
      const after = (await logs('?limit=200')).items;
      expect(after).toEqual(before);
    });
  });
});
