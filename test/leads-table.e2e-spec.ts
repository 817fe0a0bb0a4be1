import type pg from 'pg';
import { createTestApp, expectProblem, register, type Session, type TestApp } from './support/app.js';
import { createField } from './support/crm.js';
import { ownerClient } from './support/db.js';
import { addMember, waitFor } from './support/team.js';

/** The leads table: count, sorts, filters, saved views and bulk actions on every matching lead. */
describe('leads table', () => {
  let app: TestApp;
  let db: pg.Client;
  let a: Session;
  let b: Session;

  const get = (s: Session, path: string) => app.request('GET', path, { token: s.accessToken });
  const filterParam = (rules: object) => `filter=${encodeURIComponent(JSON.stringify(rules))}`;
  const and = (...conditions: object[]) => ({ op: 'and', conditions });

  beforeAll(async () => {
    app = await createTestApp({}, 'all');
    db = await ownerClient();
    a = await register(app, 'Table A', 'ta');
    b = await register(app, 'Table B', 'tb');
  });
  afterAll(async () => {
    await db.end();
    await app.close();
  });

  describe('GET /leads/count', () => {
    it('counts exactly up to 10,000, with the same filters as the list', async () => {
      const s = await register(app, 'Count small', 'cs');
      await db.query(
        `INSERT INTO crm.leads (tenant_id, email, last_name, tags, score) SELECT $1, 'c' || g || '@exemple.fr', 'Nom' || g, CASE WHEN g % 3 = 0 THEN '{salon}'::text[] ELSE '{}' END, g
           FROM generate_series(1, 30) g`,
        [s.tenant.id],
      );
      expect((await get(s, '/leads/count')).body).toEqual({ count: 30, exact: true });
      expect((await get(s, '/leads/count?tag=salon')).body).toEqual({ count: 10, exact: true });
      expect((await get(s, `/leads/count?scoreMin=11&${filterParam(and({ type: 'tag', operator: 'has', value: 'salon' }))}`)).body).toEqual({ count: 7, exact: true });
      expect((await get(s, '/leads/count?q=nom1')).body).toEqual({ count: 11, exact: true });
      expect((await get(s, '/leads/count?deleted=only')).body).toEqual({ count: 0, exact: true });
      // Another workspace counts its own.
      expect((await get(b, '/leads/count')).body).toEqual({ count: 0, exact: true });
    });

    it('beyond 10,000 gives the planner\'s estimate, never below what was counted, and says so', async () => {
      const s = await register(app, 'Count big', 'cb');
      await db.query(`INSERT INTO crm.leads (tenant_id, email) SELECT $1, 'big' || g || '@exemple.fr' FROM generate_series(1, 12000) g`, [s.tenant.id]);
      await db.query('ANALYZE crm.leads');
      const res = await get(s, '/leads/count');
      expect(res.status).toBe(200);
      expect(res.body.exact).toBe(false);
      expect(res.body.count).toBeGreaterThan(10_000);
      expect(res.body.count).toBeLessThan(40_000);
    });

    it('refuses a bad filter (400 naming it)', async () => {
      expectProblem(await get(a, '/leads/count?filter=%7Bnot-json'), 400, 'VALIDATION_FAILED');
      const bad = await get(a, `/leads/count?${filterParam(and({ type: 'field', field: 'score', operator: 'contains', value: 'x' }))}`);
      expectProblem(bad, 400, 'VALIDATION_FAILED');
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'filter.conditions[0].operator', code: 'invalid_operator' })]);
    });
  });

  describe('sorting', () => {
    let s: Session;
    const N = 45;

    beforeAll(async () => {
      s = await register(app, 'Sorts', 'so');
      // Names people sort by hand: accents, case, particles; nulls; many ties so the id tie-break matters.
      const last = ['Zoé', 'Élodie', 'de Gaulle', 'Durand', 'abel', 'Émile', 'Martin', null, 'martin', 'Ösel', 'Eve'];
      const companies = ['Acme', 'acme', null, 'Éts Dupont', 'Zèbre', 'Bâtiment'];
      const cities = ['Lyon', 'Saint-Étienne', null, 'Paris', 'lyon', 'Évry'];
      for (let i = 0; i < N; i++) {
        await db.query(
          `INSERT INTO crm.leads (tenant_id, email, first_name, last_name, company, city, postal_code, score, lifecycle_stage, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now() - make_interval(secs => $10), now() - make_interval(secs => $11))`,
          [
            s.tenant.id,
            i % 9 === 4 ? null : `s${i}@exemple.fr`,
            i % 2 ? 'Anne' : null,
            last[i % last.length],
            companies[i % companies.length],
            cities[i % cities.length],
            i % 4 ? `690${String(i % 10).padStart(2, '0')}` : null,
            i % 7,
            ['lead', 'customer', 'subscriber', 'mql'][i % 4],
            i % 5,
            i % 3,
          ],
        );
      }
      // Leads without email need a phone (the API's rule), the database does not insist.
    });

    const walk = async (sort: string, limit: number) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: any = await get(s, `/leads?sort=${sort}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        seen.push(...res.body.items.map((l: { id: string }) => l.id));
        cursor = res.body.nextCursor;
        if (++pages > 100) throw new Error('no end');
      } while (cursor);
      return seen;
    };

    const ICU = (c: string) => `${c} COLLATE "und-x-icu"`;
    it.each([
      ['lastName', `${ICU('last_name')} ASC NULLS LAST, id ASC`],
      ['-lastName', `${ICU('last_name')} DESC NULLS LAST, id DESC`],
      ['firstName', `${ICU('first_name')} ASC NULLS LAST, id ASC`],
      ['company', `${ICU('company')} ASC NULLS LAST, id ASC`],
      ['-company', `${ICU('company')} DESC NULLS LAST, id DESC`],
      ['city', `${ICU('city')} ASC NULLS LAST, id ASC`],
      ['-email', 'email DESC NULLS LAST, id DESC'],
      ['postalCode', 'postal_code ASC NULLS LAST, id ASC'],
      ['score', 'score ASC, id ASC'],
      ['-score', 'score DESC, id DESC'],
      ['createdAt', 'created_at ASC, id ASC'],
      ['-createdAt', 'created_at DESC, id DESC'],
      ['-updatedAt', 'updated_at DESC, id DESC'],
      ['lifecycleStage', 'lifecycle_stage ASC, id ASC'],
    ])('sort=%s walks every page in order, nulls last, without duplicates or gaps', async (sort, order) => {
      const expected = (await db.query(`SELECT id FROM crm.leads WHERE tenant_id = $1 AND deleted_at IS NULL ORDER BY ${order}`, [s.tenant.id])).rows.map((r) => r.id);
      expect(expected).toHaveLength(N);
      expect(await walk(sort, 7)).toEqual(expected);
      expect(await walk(sort, 45)).toEqual(expected);
    });

    it('sorts names as people read them: accents and case do not push a name to the end', async () => {
      const res = await get(s, '/leads?sort=lastName&limit=200');
      const names = [...new Set(res.body.items.map((l: { lastName: string | null }) => l.lastName))];
      expect(names).toEqual(['abel', 'de Gaulle', 'Durand', 'Élodie', 'Émile', 'Eve', 'martin', 'Martin', 'Ösel', 'Zoé', null]);
    });

    it('refuses an unknown sort, and a cursor of another sort or a forged one (400)', async () => {
      expectProblem(await get(s, '/leads?sort=password'), 400, 'VALIDATION_FAILED');
      expectProblem(await get(s, '/leads?sort=--lastName'), 400, 'VALIDATION_FAILED');
      const byName = await get(s, '/leads?sort=lastName&limit=5');
      expectProblem(await get(s, `/leads?sort=-lastName&cursor=${byName.body.nextCursor}`), 400, 'VALIDATION_FAILED');
      for (const forged of [
        ['score', 'x', 0, '00000000-0000-4000-8000-000000000000'],
        ['lifecycleStage', 'king', 0, '00000000-0000-4000-8000-000000000000'],
        ['createdAt', '', 1, '00000000-0000-4000-8000-000000000000'],
        ['lastName', 'a'.repeat(1001), 0, '00000000-0000-4000-8000-000000000000'],
      ]) {
        const cursor = Buffer.from(JSON.stringify(forged)).toString('base64url');
        expectProblem(await get(s, `/leads?sort=${forged[0]}&cursor=${cursor}`), 400, 'VALIDATION_FAILED');
      }
    });
  });

  describe('filters (segment rules) on GET /leads', () => {
    let s: Session;
    beforeAll(async () => {
      s = await register(app, 'Filters', 'fi');
      await createField(app, s, { key: 'budget', label: 'Budget', type: 'number' });
      await createField(app, s, { key: 'ville_natale', label: 'Ville natale', type: 'text' });
      const leads = [
        { email: 'helene@exemple.fr', firstName: 'Hélène', lastName: 'Lefèvre', customFields: { budget: 300000, ville_natale: 'Saint-Étienne' }, tags: ['salon'] },
        { email: 'marc@exemple.fr', firstName: 'Marc', lastName: 'Lefèvre', customFields: { budget: 150000, ville_natale: 'Lyon' }, tags: ['salon'] },
        { email: 'paul@exemple.fr', firstName: 'Paul', lastName: 'Durand', customFields: { budget: 500000, ville_natale: 'saint-etienne' } },
      ];
      for (const body of leads) expect((await app.request('POST', '/leads', { token: s.accessToken, body })).status).toBe(201);
    });
    const emails = async (query: string) => ((await get(s, `/leads?${query}`)).body.items as { email: string }[]).map((l) => l.email).sort();

    it('filters on custom fields as segments do (folded text, typed numbers), combined with q and the other filters', async () => {
      const rich = and({ type: 'customField', key: 'budget', valueType: 'number', operator: 'gte', value: 200000 });
      expect(await emails(filterParam(rich))).toEqual(['helene@exemple.fr', 'paul@exemple.fr']);
      const town = and({ type: 'customField', key: 'ville_natale', valueType: 'text', operator: 'eq', value: 'SAINT-ETIENNE' });
      expect(await emails(filterParam(town))).toEqual(['helene@exemple.fr', 'paul@exemple.fr']);
      expect(await emails(`q=lefevre&${filterParam(town)}`)).toEqual(['helene@exemple.fr']);
      expect(await emails(`tag=salon&${filterParam(rich)}`)).toEqual(['helene@exemple.fr']);
      const either = { op: 'or', conditions: [{ type: 'field', field: 'firstName', operator: 'eq', value: 'helene' }, { type: 'field', field: 'lastName', operator: 'eq', value: 'durand' }] };
      expect(await emails(`sort=lastName&${filterParam(either)}`)).toEqual(['helene@exemple.fr', 'paul@exemple.fr']);
      expect((await get(s, `/leads/count?${filterParam(town)}`)).body).toEqual({ count: 2, exact: true });
    });

    it('refuses rules the compiler refuses: unknown custom field, wrong type, bad JSON (400, nothing leaks)', async () => {
      const unknown = await get(s, `/leads?${filterParam(and({ type: 'customField', key: 'nope', valueType: 'text', operator: 'isSet' }))}`);
      expectProblem(unknown, 400, 'VALIDATION_FAILED');
      expect(unknown.body.errors[0]).toMatchObject({ field: 'filter.conditions[0].key', code: 'unknown_custom_field' });
      // Another workspace's custom field is unknown here.
      expectProblem(await get(b, `/leads?${filterParam(and({ type: 'customField', key: 'budget', valueType: 'number', operator: 'isSet' }))}`), 400, 'VALIDATION_FAILED');
      expectProblem(await get(s, '/leads?filter=%5B1%2C2'), 400, 'VALIDATION_FAILED');
      expectProblem(await get(s, `/leads?${filterParam({ op: 'xor', conditions: [] })}`), 400, 'VALIDATION_FAILED');
    });
  });

  describe('saved views', () => {
    let admin: Session;
    let m1: Session;
    let m2: Session;
    const view = { name: 'Lyon, clients', q: 'lefevre', criteria: { lifecycleStage: ['customer'], tag: 'salon' }, filter: and({ type: 'field', field: 'lastName', operator: 'isSet' }), columns: ['name', 'email', 'city', 'custom.budget'], sort: '-score' };

    beforeAll(async () => {
      admin = await addMember(app, a, 'admin', 'va');
      m1 = await addMember(app, a, 'marketer', 'vm1');
      m2 = await addMember(app, a, 'viewer', 'vm2');
    });
    const names = async (s: Session) => ((await get(s, '/lead-views')).body.items as { name: string }[]).map((v) => v.name);

    it('a member\'s views are their own until shared; shared ones are seen by all, changed by their owner or an admin', async () => {
      const created = await app.request('POST', '/lead-views', { token: m1.accessToken, body: view });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ ...view, shared: false, mine: true, editable: true, ownerId: expect.any(String) });
      const id = created.body.id;
      expect(await names(m1)).toEqual(['Lyon, clients']);
      expect(await names(m2)).toEqual([]);
      // Private: another member, even an admin, does not see it at all.
      expectProblem(await get(m2, `/lead-views/${id}`), 404, 'LEAD_VIEW_NOT_FOUND');
      expectProblem(await get(admin, `/lead-views/${id}`), 404, 'LEAD_VIEW_NOT_FOUND');
      expectProblem(await app.request('PATCH', `/lead-views/${id}`, { token: admin.accessToken, body: { name: 'Pris' } }), 404, 'LEAD_VIEW_NOT_FOUND');

      const shared = await app.request('PATCH', `/lead-views/${id}`, { token: m1.accessToken, body: { shared: true } });
      expect(shared.status).toBe(200);
      expect(await names(m2)).toEqual(['Lyon, clients']);
      expect((await get(m2, `/lead-views/${id}`)).body).toMatchObject({ mine: false, editable: false, shared: true });
      expectProblem(await app.request('PATCH', `/lead-views/${id}`, { token: m2.accessToken, body: { name: 'Mine now' } }), 403, 'LEAD_VIEW_NOT_YOURS');
      expectProblem(await app.request('DELETE', `/lead-views/${id}`, { token: m2.accessToken }), 403, 'LEAD_VIEW_NOT_YOURS');
      expect((await get(admin, `/lead-views/${id}`)).body.editable).toBe(true);
      const renamed = await app.request('PATCH', `/lead-views/${id}`, { token: admin.accessToken, body: { name: 'Lyon', filter: null, columns: ['name'] } });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ name: 'Lyon', filter: null, columns: ['name'], q: 'lefevre', sort: '-score' });

      // Audited, naming the view.
      const audit = await db.query(`SELECT action, metadata->>'name' AS name FROM governance.audit_logs WHERE entity_id = $1 ORDER BY occurred_at, id`, [id]);
      expect(audit.rows).toEqual([
        { action: 'lead_view.created', name: 'Lyon, clients' },
        { action: 'lead_view.updated', name: 'Lyon, clients' },
        { action: 'lead_view.updated', name: 'Lyon' },
      ]);

      expect((await app.request('DELETE', `/lead-views/${id}`, { token: admin.accessToken })).status).toBe(204);
      expect(await names(m1)).toEqual([]);
    });

    it('names are unique per member (409); bad input is a 400 naming the field', async () => {
      expect((await app.request('POST', '/lead-views', { token: m1.accessToken, body: { name: 'Mes leads' } })).status).toBe(201);
      expectProblem(await app.request('POST', '/lead-views', { token: m1.accessToken, body: { name: 'Mes leads' } }), 409, 'LEAD_VIEW_NAME_TAKEN');
      expect((await app.request('POST', '/lead-views', { token: m2.accessToken, body: { name: 'Mes leads' } })).status).toBe(201);
      for (const body of [
        { name: '' },
        { name: 'x', sort: 'password' },
        { name: 'x', columns: ['name; DROP'] },
        { name: 'x', criteria: { lifecycleStage: ['king'] } },
        { name: 'x', filter: and({ type: 'field', field: 'nope', operator: 'isSet' }) },
        { name: 'x', extra: 1 },
      ]) {
        expectProblem(await app.request('POST', '/lead-views', { token: m1.accessToken, body }), 400, 'VALIDATION_FAILED');
      }
    });

    it('another workspace can neither read nor change a view, even shared (404); API keys are refused (403)', async () => {
      const created = await app.request('POST', '/lead-views', { token: m1.accessToken, body: { name: 'Partagée', shared: true } });
      const id = created.body.id;
      expectProblem(await get(b, `/lead-views/${id}`), 404, 'LEAD_VIEW_NOT_FOUND');
      expectProblem(await app.request('PATCH', `/lead-views/${id}`, { token: b.accessToken, body: { name: 'Volée' } }), 404, 'LEAD_VIEW_NOT_FOUND');
      expectProblem(await app.request('DELETE', `/lead-views/${id}`, { token: b.accessToken }), 404, 'LEAD_VIEW_NOT_FOUND');
      expect(await names(b)).toEqual([]);
      expect((await get(m1, `/lead-views/${id}`)).body.name).toBe('Partagée');
      const key = await app.request('POST', '/api-keys', { token: a.accessToken, body: { name: 'views', scopes: ['leads:read', 'leads:write'] } });
      expectProblem(await app.request('GET', '/lead-views', { apiKey: key.body.key }), 403);
    });
  });

  describe('bulk actions on every matching lead', () => {
    const tagged = async (tenantId: string, tag: string) => (await db.query(`SELECT count(*)::int AS n FROM crm.leads WHERE tenant_id = $1 AND $2 = ANY(tags)`, [tenantId, tag])).rows[0].n as number;

    it('small sets run in the request: only the matching leads of this workspace change', async () => {
      const s = await register(app, 'Bulk small', 'bs');
      const other = await register(app, 'Bulk other', 'bo');
      for (const t of [s, other]) {
        await db.query(
          `INSERT INTO crm.leads (tenant_id, email, last_name, city) SELECT $1, 'bs' || g || '@exemple.fr', CASE WHEN g <= 4 THEN 'Lefèvre' ELSE 'Autre' END, 'Lyon' FROM generate_series(1, 10) g`,
          [t.tenant.id],
        );
      }
      const res = await app.request('POST', '/leads/bulk', {
        token: s.accessToken,
        body: { action: 'addTags', tags: ['relance'], matching: { q: 'lefevre', filter: and({ type: 'field', field: 'email', operator: 'endsWith', value: 'exemple.fr' }) } },
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ affected: 4, matched: 4 });
      expect(await tagged(s.tenant.id, 'relance')).toBe(4);
      expect(await tagged(other.tenant.id, 'relance')).toBe(0);
      // Stage change on everything matching a list filter, then the trash.
      const staged = await app.request('POST', '/leads/bulk', { token: s.accessToken, body: { action: 'update', changes: { lifecycleStage: 'customer' }, matching: { tag: 'relance' } } });
      expect(staged.body).toMatchObject({ affected: 4, matched: 4 });
      const trashed = await app.request('POST', '/leads/bulk', { token: s.accessToken, body: { action: 'delete', matching: { lifecycleStage: ['customer'] } } });
      expect(trashed.body).toMatchObject({ affected: 4 });
      expect((await get(s, '/leads/count')).body.count).toBe(6);
      expect((await get(other, '/leads/count')).body.count).toBe(10);
    });

    it('refuses ids with matching, neither, a bad filter or a bad action input (400, nothing changes)', async () => {
      const s = await register(app, 'Bulk bad', 'bb');
      await db.query(`INSERT INTO crm.leads (tenant_id, email) SELECT $1, 'bb' || g || '@exemple.fr' FROM generate_series(1, 3) g`, [s.tenant.id]);
      const post = (body: object) => app.request('POST', '/leads/bulk', { token: s.accessToken, body });
      expectProblem(await post({ action: 'addTags', tags: ['x'], ids: ['00000000-0000-4000-8000-000000000000'], matching: {} }), 400, 'VALIDATION_FAILED');
      expectProblem(await post({ action: 'addTags', tags: ['x'] }), 400, 'VALIDATION_FAILED');
      expectProblem(await post({ action: 'addTags', tags: ['x'], matching: { filter: and({ type: 'tag', operator: 'nope', value: 'x' }) } }), 400, 'VALIDATION_FAILED');
      expectProblem(await post({ action: 'addTags', tags: [], matching: {} }), 400, 'LEAD_INVALID');
      expectProblem(await post({ action: 'update', changes: {}, matching: {} }), 400, 'LEAD_INVALID');
      expectProblem(await post({ action: 'addTags', tags: ['x'], matching: { lifecycleStage: ['king'] } }), 400, 'VALIDATION_FAILED');
      expect(await tagged(s.tenant.id, 'x')).toBe(0);
    });

    it('large sets run as a job, run by the worker, with progress; the other workspace is untouched', async () => {
      const s = await register(app, 'Bulk big', 'bg');
      await db.query(
        `INSERT INTO crm.leads (tenant_id, email, city, created_at) SELECT $1, 'bg' || g || '@exemple.fr', CASE WHEN g % 10 = 0 THEN 'Paris' ELSE 'Lyon' END, now() - interval '1 minute' FROM generate_series(1, 2600) g`,
        [s.tenant.id],
      );
      await db.query(`INSERT INTO crm.leads (tenant_id, email) SELECT $1, 'bgb' || g || '@exemple.fr' FROM generate_series(1, 20) g`, [b.tenant.id]);
      const res = await app.request('POST', '/leads/bulk', {
        token: s.accessToken,
        body: { action: 'addTags', tags: ['campagne-lyon'], matching: { q: 'exemple', filter: and({ type: 'field', field: 'email', operator: 'startsWith', value: 'bg' }) } },
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ affected: null, jobId: expect.any(String) });
      const job = await waitFor(async () => {
        const j = (await get(s, `/jobs/${res.body.jobId}`)).body;
        if (j.state === 'failed') throw new Error(j.error);
        return j.state === 'completed' && j;
      }, 60_000);
      expect(job.result).toEqual({ matched: 2600, affected: 2600 });
      expect(await tagged(s.tenant.id, 'campagne-lyon')).toBe(2600);
      expect(await tagged(b.tenant.id, 'campagne-lyon')).toBe(0);
      // The job is the requester's workspace's: another one cannot read it.
      expectProblem(await get(b, `/jobs/${res.body.jobId}`), 404);
      // One audit entry, once done: who asked, and how many leads changed.
      const audit = await db.query(`SELECT actor_type, actor_label, metadata FROM governance.audit_logs WHERE tenant_id = $1 AND action = 'lead.bulk_addTags'`, [s.tenant.id]);
      expect(audit.rows).toEqual([
        { actor_type: 'user', actor_label: expect.any(String), metadata: expect.objectContaining({ jobId: res.body.jobId, tags: ['campagne-lyon'], matched: 2600, affected: 2600 }) },
      ]);
    });
  });
});
