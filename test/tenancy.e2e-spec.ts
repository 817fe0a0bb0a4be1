import type pg from 'pg';
import { PrismaService } from '../src/infra/prisma/prisma.service.js';
import { createTestApp, expectProblem, register, type Session, type TestApp, testConfig } from './support/app.js';
import { appClient, insertLeads, ownerClient } from './support/db.js';

/**
 * Isolation is PostgreSQL's job: these tests check the database's own guarantees, then a second
 * tenant tries to read, change and delete the first one's things by id and through lists.
 * Later modules add their endpoints to the cross-tenant section.
 */
describe('tenancy enforced by PostgreSQL', () => {
  let app: TestApp;
  let owner: pg.Client;
  let a: Session;
  let b: Session;

  beforeAll(async () => {
    app = await createTestApp();
    owner = await ownerClient();
    a = await register(app, 'Tenant A', 'a');
    b = await register(app, 'Tenant B', 'b');
  });
  afterAll(async () => {
    await owner.end();
    await app.close();
  });

  describe('the database', () => {
    it('runs the app as a role that is not superuser, cannot bypass RLS and owns no table', async () => {
      const role = await owner.query(`SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = 'lynara_app'`);
      expect(role.rows[0]).toEqual({ rolsuper: false, rolbypassrls: false });
      const owned = await owner.query(
        `SELECT count(*)::int AS n FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = 'lynara_app'`,
      );
      expect(owned.rows[0].n).toBe(0);
    });

    it('has row-level security enabled and forced, with a policy, on every table that has tenant_id', async () => {
      const res = await owner.query(`
        SELECT format('%I.%I', n.nspname, c.relname) AS name, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
               (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid)::int AS policies
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
           AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)`);
      expect(res.rows.length).toBeGreaterThanOrEqual(22);
      const unprotected = res.rows.filter((r) => !r.enabled || !r.forced || r.policies === 0).map((r) => r.name);
      expect(unprotected).toEqual([]);
      const tenants = await owner.query(`SELECT relrowsecurity AND relforcerowsecurity AS ok FROM pg_class WHERE oid = 'tenancy.tenants'::regclass`);
      expect(tenants.rows[0].ok).toBe(true);
    });

    it('gives the runtime role no rights on event partitions directly, only through the parent', async () => {
      const app = await appClient();
      try {
        await expect(app.query('SELECT 1 FROM analytics.events_default LIMIT 1')).rejects.toMatchObject({ code: '42501' });
      } finally {
        await app.end();
      }
    });

    it('shows the runtime role no tenant rows when no tenant is set', async () => {
      await insertLeads(owner, a.tenant.id, 3, 'nobody-sees');
      const c = await appClient();
      try {
        for (const table of ['crm.leads', 'tenancy.tenants', 'auth.memberships', 'governance.audit_logs', 'auth.refresh_tokens']) {
          const res = await c.query(`SELECT count(*)::int AS n FROM ${table}`);
          expect({ table, n: res.rows[0].n }).toEqual({ table, n: 0 });
        }
      } finally {
        await c.end();
      }
    });

    it('refuses to write a row for another tenant than the one set', async () => {
      const c = await appClient();
      try {
        await c.query('BEGIN');
        await c.query(`SELECT set_config('app.tenant_id', $1, true)`, [b.tenant.id]);
        await expect(c.query(`INSERT INTO crm.leads (tenant_id, email) VALUES ($1, 'x@example.test')`, [a.tenant.id])).rejects.toMatchObject({ code: '42501' });
        await c.query('ROLLBACK');
        await c.query('BEGIN');
        await c.query(`SELECT set_config('app.tenant_id', $1, true)`, [b.tenant.id]);
        const moved = await c.query(`UPDATE crm.leads SET company = 'hijacked' WHERE tenant_id = $1`, [a.tenant.id]);
        expect(moved.rowCount).toBe(0);
        const deleted = await c.query(`DELETE FROM crm.leads WHERE tenant_id = $1`, [a.tenant.id]);
        expect(deleted.rowCount).toBe(0);
        await c.query('ROLLBACK');
      } finally {
        await c.end();
      }
      const still = await owner.query(`SELECT count(*)::int AS n FROM crm.leads WHERE tenant_id = $1 AND company = 'hijacked'`, [a.tenant.id]);
      expect(still.rows[0].n).toBe(0);
    });

    it('never carries one tenant\'s setting into the next query on a pooled connection (pool of 1)', async () => {
      const prisma = new PrismaService(testConfig({ DB_POOL_SIZE: '1' }));
      try {
        await insertLeads(owner, b.tenant.id, 2, 'pool-b');
        const seenByA = await prisma.scoped({ tenantId: a.tenant.id }, (tx) => tx.lead.findMany({ select: { tenantId: true } }));
        expect(seenByA.length).toBeGreaterThan(0);
        expect(new Set(seenByA.map((l) => l.tenantId))).toEqual(new Set([a.tenant.id]));
        // Same single connection, nothing set: nothing visible.
        expect(await prisma.lead.count()).toBe(0);
        expect(await prisma.scoped({}, (tx) => tx.lead.count())).toBe(0);
        const seenByB = await prisma.scoped({ tenantId: b.tenant.id }, (tx) => tx.lead.findMany({ select: { tenantId: true } }));
        expect(new Set(seenByB.map((l) => l.tenantId))).toEqual(new Set([b.tenant.id]));
        // A failed transaction doesn't leak its setting either.
        await expect(prisma.scoped({ tenantId: a.tenant.id }, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
        expect(await prisma.lead.count()).toBe(0);
      } finally {
        await prisma.$disconnect();
      }
    });
  });

  describe('functions the runtime role may call', () => {
    let app: pg.Client;
    beforeAll(async () => {
      app = await appClient();
    });
    afterAll(() => app.end());

    /** The runtime role, committing (as the worker's jobs do), with no tenant set unless given. */
    const commitAs = async (sql: string, tenantId?: string): Promise<{ code?: string; rows?: Record<string, unknown>[] }> => {
      await app.query('BEGIN');
      try {
        if (tenantId) await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
        const res = await app.query(sql);
        await app.query('COMMIT');
        return { rows: res.rows };
      } catch (err) {
        await app.query('ROLLBACK');
        return { code: (err as { code?: string }).code };
      }
    };

    it('are exactly those the application calls: policies, the doors through RLS, and the worker\'s maintenance', async () => {
      const res = await owner.query(
        `SELECT p.oid::regprocedure::text AS fn FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
          WHERE n.nspname IN ('tenancy','auth','crm','entities','campaigns','conversations','analytics','governance')
            AND has_function_privilege('lynara_app', p.oid, 'EXECUTE') ORDER BY 1`,
      );
      expect(res.rows.map((r) => r.fn)).toEqual([
        'analytics.ensure_event_partitions(integer,integer)',
        'auth.purge_expired_tokens(interval)',
        'auth.reset_password(text,text)',
        'auth.sign_in_credentials(text)',
        'auth.tenant_of_invitation(text)',
        'auth.tenant_of_refresh_token(text)',
        'campaigns.campaigns_with_due_enrollments(timestamp with time zone,integer)',
        'campaigns.late_joiner_campaigns(integer)',
        'campaigns.unfinished_admissions(timestamp with time zone,integer)',
        'campaigns.untried_webhook_calls(timestamp with time zone,integer)',
        'crm.fold(text)',
        'crm.lead_search_text(text,text,text,text,text)',
        'crm.unaccent_immutable(regdictionary,text)',
        'governance.purge_audit_logs(interval)',
        'governance.tenant_of_api_key(text)',
        'governance.waiting_jobs_created_before(timestamp with time zone,integer)',
        'tenancy.all_tenant_ids()',
        'tenancy.current_tenant_id()',
        'tenancy.current_user_id()',
        'tenancy.slug_taken(text)',
      ]);
      expect((await commitAs(`SELECT tenancy.isolate_tenant_table('crm.leads')`)).code).toBe('42501');
    });

    it('auth.purge_expired_tokens refuses a retention under a day and never touches live tokens', async () => {
      const live = async () => (await owner.query(`SELECT count(*)::int AS n FROM auth.refresh_tokens WHERE revoked_at IS NULL AND expires_at > now()`)).rows[0].n;
      await owner.query(
        `INSERT INTO auth.refresh_tokens (tenant_id, user_id, family_id, token_hash, expires_at)
         VALUES ($1, $2, gen_random_uuid(), 'purge-test-' || gen_random_uuid(), now() - interval '2 days')`,
        [a.tenant.id, a.user.id],
      );
      const before = await live();
      expect(before).toBeGreaterThanOrEqual(2);
      // The reproduced call, then its variants, with and without a tenant set.
      for (const keep of [`'-100 years'`, `'-1 day'`, `'1 hour'`, `'0'`, 'NULL']) {
        expect({ keep, code: (await commitAs(`SELECT auth.purge_expired_tokens(${keep}::interval)`)).code }).toEqual({ keep, code: '22023' });
        expect({ keep, code: (await commitAs(`SELECT auth.purge_expired_tokens(${keep}::interval)`, b.tenant.id)).code }).toEqual({ keep, code: '22023' });
      }
      expect(await live()).toBe(before);
      expect((await owner.query(`SELECT count(*)::int AS n FROM auth.refresh_tokens WHERE token_hash LIKE 'purge-test-%'`)).rows[0].n).toBe(1);

      const done = await commitAs(`SELECT auth.purge_expired_tokens('1 day') AS n`);
      expect(Number(done.rows![0]!.n)).toBeGreaterThanOrEqual(1);
      expect((await owner.query(`SELECT count(*)::int AS n FROM auth.refresh_tokens WHERE token_hash LIKE 'purge-test-%'`)).rows[0].n).toBe(0);
      expect(await live()).toBe(before);
    });

    it('analytics.ensure_event_partitions refuses ranges beyond what the worker asks for', async () => {
      const partitions = async () => (await owner.query(`SELECT count(*)::int AS n FROM pg_inherits WHERE inhparent = 'analytics.events'::regclass`)).rows[0].n;
      const before = await partitions();
      for (const args of ['0, 100000', '-1, 12', '1000, 0', 'NULL, 12']) {
        expect({ args, code: (await commitAs(`SELECT analytics.ensure_event_partitions(${args})`)).code }).toEqual({ args, code: '22023' });
      }
      expect(await partitions()).toBe(before);
      expect((await commitAs('SELECT analytics.ensure_event_partitions(1, 12) AS n')).rows).toEqual([{ n: 0 }]);
    });
  });

  describe('tenant B against tenant A through the API', () => {
    it('cannot see A\'s leads in its list', async () => {
      const aIds = await insertLeads(owner, a.tenant.id, 3, 'a-leads');
      const res = await app.request('GET', '/leads?limit=200', { token: b.accessToken });
      expect(res.status).toBe(200);
      const ids = res.body.items.map((l: { id: string }) => l.id);
      expect(ids.filter((id: string) => aIds.includes(id))).toEqual([]);
      const mine = await app.request('GET', '/leads?limit=200', { token: a.accessToken });
      expect(mine.body.items.map((l: { id: string }) => l.id)).toEqual(expect.arrayContaining(aIds));
    });

    it('cannot list, revoke or use A\'s API keys', async () => {
      const created = await app.request('POST', '/api-keys', { token: a.accessToken, body: { name: 'A key', scopes: ['leads:read'] } });
      expect(created.status).toBe(201);
      const listB = await app.request('GET', '/api-keys', { token: b.accessToken });
      expect(listB.body.items.map((k: { id: string }) => k.id)).not.toContain(created.body.id);
      expectProblem(await app.request('DELETE', `/api-keys/${created.body.id}`, { token: b.accessToken }), 404, 'NOT_FOUND');
      // A's key still works, and only ever on A's data.
      const withKey = await app.request('GET', '/leads?limit=200', { apiKey: created.body.key });
      expect(withKey.status).toBe(200);
      const aLeadIds = (await owner.query(`SELECT id FROM crm.leads WHERE tenant_id = $1`, [a.tenant.id])).rows.map((r) => r.id);
      expect(withKey.body.items.map((l: { id: string }) => l.id).every((id: string) => aLeadIds.includes(id))).toBe(true);
    });

    it('cannot see, change or remove A\'s members or invitations', async () => {
      const membersB = await app.request('GET', '/members', { token: b.accessToken });
      expect(membersB.body.items.map((m: { userId: string }) => m.userId)).toEqual([b.user.id]);
      expectProblem(await app.request('PATCH', `/members/${a.user.id}`, { token: b.accessToken, body: { role: 'viewer' } }), 404);
      expectProblem(await app.request('DELETE', `/members/${a.user.id}`, { token: b.accessToken }), 404);
      const inv = await app.request('POST', '/invitations', { token: a.accessToken, body: { email: 'guest@example.test', role: 'viewer' } });
      expect(inv.status).toBe(201);
      const invB = await app.request('GET', '/invitations', { token: b.accessToken });
      expect(invB.body.items.map((i: { id: string }) => i.id)).not.toContain(inv.body.id);
      expectProblem(await app.request('DELETE', `/invitations/${inv.body.id}`, { token: b.accessToken }), 404);
      const meA = await app.request('GET', '/auth/me', { token: a.accessToken });
      expect(meA.body.role).toBe('owner');
    });

    it('cannot read A\'s audit log', async () => {
      const res = await app.request('GET', '/audit-logs?limit=200', { token: b.accessToken });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeGreaterThan(0);
      expect(res.body.items.some((e: { entityId: string }) => e.entityId === a.tenant.id)).toBe(false);
      const own = await owner.query(`SELECT count(*)::int AS n FROM governance.audit_logs WHERE tenant_id = $1`, [b.tenant.id]);
      expect(res.body.items.length).toBe(own.rows[0].n);
    });

    it('cannot switch into A\'s workspace', async () => {
      expectProblem(await app.request('POST', '/auth/switch-tenant', { token: b.accessToken, body: { tenantId: a.tenant.id } }), 403, 'AUTH_NOT_A_MEMBER');
    });

    it('cannot read A\'s jobs', async () => {
      const jobId = (await owner.query(`INSERT INTO governance.jobs (id, tenant_id, queue, name) VALUES (gen_random_uuid(), $1, 'governance', 'audit-retention') RETURNING id`, [a.tenant.id])).rows[0].id;
      expect((await app.request('GET', `/jobs/${jobId}`, { token: a.accessToken })).status).toBe(200);
      expectProblem(await app.request('GET', `/jobs/${jobId}`, { token: b.accessToken }), 404, 'NOT_FOUND');
    });
  });
});
