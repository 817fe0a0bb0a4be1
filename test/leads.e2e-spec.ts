import type pg from 'pg';
import { createTestApp, expectProblem, register, type Session, type TestApp } from './support/app.js';
import {
  auditActions,
  createField,
  createLead,
  ids,
  insertCampaign,
  insertEvent,
  insertInbox,
  insertLead,
  insertMessage,
  insertNote,
  insertScore,
  leadRow,
  leadRows,
} from './support/crm.js';
import { ownerClient } from './support/db.js';
import { addMember, sleep } from './support/team.js';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('CRM leads', () => {
  let app: TestApp;
  let db: pg.Client;
  /** Main workspace, with custom fields defined. */
  let a: Session;
  /** Another workspace. */
  let b: Session;
  let tag = 0;
  const email = (name = 'lead') => `${name}.${process.pid}.${++tag}@example.test`;

  beforeAll(async () => {
    app = await createTestApp();
    db = await ownerClient();
    a = await register(app, 'Leads A', 'la');
    b = await register(app, 'Leads B', 'lb');
    await createField(app, a, { key: 'budget', label: 'Budget', type: 'number' });
    await createField(app, a, { key: 'vip', label: 'VIP', type: 'boolean' });
    await createField(app, a, { key: 'signed_on', label: 'Signed on', type: 'date' });
    await createField(app, a, { key: 'plan', label: 'Plan', type: 'select', options: ['basic', 'pro'] });
    await createField(app, a, { key: 'remark', label: 'Remark', type: 'text' });
  });
  afterAll(async () => {
    await db.end();
    await app.close();
  });

  const count = async (tenantId: string) => (await db.query(`SELECT count(*)::int AS n FROM crm.leads WHERE tenant_id = $1`, [tenantId])).rows[0].n as number;

  describe('create', () => {
    it('normalises email, French national and +44 phones, names, tags; stamps consent; coerces custom fields (201)', async () => {
      const before = Date.now();
      const res = await app.request('POST', '/leads', {
        token: a.accessToken,
        body: {
          email: '  Camille.MARTIN@Exemple.FR ',
          firstName: ' Camille ',
          lastName: 'Martin',
          phone: '06 12 34 56 78',
          company: 'Agence   Horizon',
          tags: [' salon-2026 ', 'VIP', 'vip', '', 'salon-2026'],
          consent: { email: { status: 'granted', source: 'web-form' }, sms: { status: 'denied' } },
          customFields: { budget: '12,5', vip: true, signed_on: '2026-11-02', plan: 'pro', remark: 'met at the fair' },
          language: 'fr-FR',
          timezone: 'Europe/Paris',
          lifecycleStage: 'mql',
          source: 'website',
        },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        email: 'camille.martin@exemple.fr',
        firstName: 'Camille',
        lastName: 'Martin',
        phone: '+33612345678',
        company: 'Agence Horizon',
        tags: ['salon-2026', 'VIP'],
        customFields: { budget: 12.5, vip: true, signed_on: '2026-11-02', plan: 'pro', remark: 'met at the fair' },
        language: 'fr',
        timezone: 'Europe/Paris',
        lifecycleStage: 'mql',
        source: 'website',
        score: 0,
        deletedAt: null,
        mergedIntoId: null,
      });
      expect(res.body.consent.email).toMatchObject({ status: 'granted', source: 'web-form' });
      expect(res.body.consent.sms).toMatchObject({ status: 'denied', source: 'api' });
      expect(res.body.consent.whatsapp).toEqual({ status: 'unknown', at: null, source: null });
      for (const c of ['email', 'sms'] as const) {
        const at = new Date(res.body.consent[c].at).getTime();
        expect(at).toBeGreaterThanOrEqual(before - 1000);
        expect(at).toBeLessThanOrEqual(Date.now() + 1000);
      }
      const row = await leadRow(db, res.body.id);
      expect(row).toMatchObject({ tenant_id: a.tenant.id, email: 'camille.martin@exemple.fr', phone: '+33612345678', email_consent: 'granted' });
      expect(row.custom_fields).toEqual({ budget: 12.5, vip: true, signed_on: '2026-11-02', plan: 'pro', remark: 'met at the fair' });
    });

    it('stores an international +44 number in E.164 and accepts a phone-only lead', async () => {
      const res = await app.request('POST', '/leads', { token: a.accessToken, body: { phone: '+44 7400 123456', firstName: 'Oliver' } });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ phone: '+447400123456', email: null });
    });

    it('needs an email or a phone (400 LEAD_INVALID)', async () => {
      const before = await count(a.tenant.id);
      const res = await app.request('POST', '/leads', { token: a.accessToken, body: { firstName: 'Nobody', company: 'Ghost Inc' } });
      expectProblem(res, 400, 'LEAD_INVALID');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('email');
      expectProblem(await app.request('POST', '/leads', { token: a.accessToken, body: { email: '', phone: ' ' } }), 400, 'LEAD_INVALID');
      expect(await count(a.tenant.id)).toBe(before);
    });

    it('lists every bad field in one 400 LEAD_INVALID and creates nothing', async () => {
      const before = await count(a.tenant.id);
      const res = await app.request('POST', '/leads', {
        token: a.accessToken,
        body: {
          email: 'not-an-email',
          phone: '12345',
          timezone: 'Mars/Olympus_Mons',
          language: 'klingon',
          customFields: { nope: 1, plan: 'enterprise', budget: 'lots', vip: 'maybe', signed_on: 'someday' },
        },
      });
      expectProblem(res, 400, 'LEAD_INVALID');
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(
        expect.arrayContaining([
          'email',
          'phone',
          'timezone',
          'language',
          'customFields.nope',
          'customFields.plan',
          'customFields.budget',
          'customFields.vip',
          'customFields.signed_on',
        ]),
      );
      expect(res.body.errors.find((e: { field: string }) => e.field === 'customFields.plan').message).toContain('basic');
      expect(await count(a.tenant.id)).toBe(before);
    });

    it('refuses an email another lead has (409 LEAD_EMAIL_TAKEN), whatever its case, also when that lead is in the trash', async () => {
      const mail = email('dup');
      const first = await createLead(app, a, { email: mail });
      const res = await app.request('POST', '/leads', { token: a.accessToken, body: { email: mail.toUpperCase() } });
      expectProblem(res, 409, 'LEAD_EMAIL_TAKEN');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['email']);

      expect((await app.request('DELETE', `/leads/${first.id}`, { token: a.accessToken })).status).toBe(204);
      expectProblem(await app.request('POST', '/leads', { token: a.accessToken, body: { email: mail } }), 409, 'LEAD_EMAIL_TAKEN');
      expect((await db.query(`SELECT count(*)::int AS n FROM crm.leads WHERE tenant_id = $1 AND email = $2`, [a.tenant.id, mail])).rows[0].n).toBe(1);

      // Another workspace may have a lead with the same email.
      expect((await app.request('POST', '/leads', { token: b.accessToken, body: { email: mail } })).status).toBe(201);
    });

    it('gives one 201 and 409s when the same email is created concurrently', async () => {
      const mail = email('race');
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => app.request('POST', '/leads', { token: a.accessToken, body: { email: i % 2 ? mail.toUpperCase() : mail } })));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      for (const r of results.filter((x) => x.status === 409)) expectProblem(r, 409, 'LEAD_EMAIL_TAKEN');
      expect((await db.query(`SELECT count(*)::int AS n FROM crm.leads WHERE tenant_id = $1 AND email = $2`, [a.tenant.id, mail])).rows[0].n).toBe(1);
    });

    it('takes an ownerId only if that person is a member of the workspace (else 400)', async () => {
      const marketer = await addMember(app, a, 'marketer', 'owner-mk');
      const ok = await app.request('POST', '/leads', { token: a.accessToken, body: { email: email('owned'), ownerId: marketer.user.id } });
      expect(ok.status).toBe(201);
      expect(ok.body.ownerId).toBe(marketer.user.id);
      const before = await count(a.tenant.id);
      for (const ownerId of [b.user.id, UNKNOWN]) {
        const res = await app.request('POST', '/leads', { token: a.accessToken, body: { email: email('owned'), ownerId } });
        expectProblem(res, 400, 'LEAD_INVALID');
        expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['ownerId']);
      }
      expect(await count(a.tenant.id)).toBe(before);
    });

    it('rejects unknown properties and malformed types at the edge (400 VALIDATION_FAILED)', async () => {
      expectProblem(await app.request('POST', '/leads', { token: a.accessToken, body: { email: email(), password: 'x' } }), 400, 'VALIDATION_FAILED');
      expectProblem(await app.request('POST', '/leads', { token: a.accessToken, body: { email: email(), lifecycleStage: 'king' } }), 400, 'VALIDATION_FAILED');
      expectProblem(await app.request('POST', '/leads', { token: a.accessToken, body: { email: email(), tags: 'vip' } }), 400, 'VALIDATION_FAILED');
      expectProblem(await app.request('POST', '/leads', { token: a.accessToken, body: { email: email(), consent: { email: { status: 'yes' } } } }), 400, 'VALIDATION_FAILED');
    });
  });

  describe('read and update', () => {
    it('reads one lead; unknown id 404, malformed id 400', async () => {
      const lead = await createLead(app, a, { email: email('read'), firstName: 'Read' });
      const res = await app.request('GET', `/leads/${lead.id}`, { token: a.accessToken });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(lead);
      expectProblem(await app.request('GET', `/leads/${UNKNOWN}`, { token: a.accessToken }), 404, 'LEAD_NOT_FOUND');
      expectProblem(await app.request('GET', '/leads/not-a-uuid', { token: a.accessToken }), 400);
    });

    it('updates given fields only; null clears a field; custom fields are merged and null removes one', async () => {
      const lead = await createLead(app, a, {
        email: email('upd'),
        phone: '0612345679',
        company: 'Old Co',
        jobTitle: 'CTO',
        customFields: { budget: 10, plan: 'basic' },
      });
      const res = await app.request('PATCH', `/leads/${lead.id}`, {
        token: a.accessToken,
        body: { company: null, phone: null, firstName: 'Nouveau', customFields: { budget: '3,75', plan: null, vip: false } },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ company: null, phone: null, firstName: 'Nouveau', jobTitle: 'CTO', email: lead.email, customFields: { budget: 3.75, vip: false } });
      expect(res.body.customFields).not.toHaveProperty('plan');
      expect(new Date(res.body.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(lead.updatedAt).getTime());
      const row = await leadRow(db, lead.id);
      expect(row).toMatchObject({ company: null, phone: null, job_title: 'CTO', custom_fields: { budget: 3.75, vip: false } });

      // Clearing the email too would leave neither email nor phone.
      const none = await app.request('PATCH', `/leads/${lead.id}`, { token: a.accessToken, body: { email: null } });
      expectProblem(none, 400, 'LEAD_INVALID');
      expect((await leadRow(db, lead.id)).email).toBe(lead.email);
    });

    it('validates on update like on create, listing every bad field, and changes nothing', async () => {
      const lead = await createLead(app, a, { email: email('upd-bad'), timezone: 'Europe/Paris' });
      const before = await leadRow(db, lead.id);
      const res = await app.request('PATCH', `/leads/${lead.id}`, {
        token: a.accessToken,
        body: { email: 'nope@', timezone: 'Nowhere/Town', customFields: { plan: 'gold', ghost: 'x' } },
      });
      expectProblem(res, 400, 'LEAD_INVALID');
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['customFields.ghost', 'customFields.plan', 'email', 'timezone']);
      expect(await leadRow(db, lead.id)).toEqual(before);
    });

    it('refuses to take another lead\'s email on update (409)', async () => {
      const one = await createLead(app, a, { email: email('one') });
      const two = await createLead(app, a, { email: email('two') });
      expectProblem(await app.request('PATCH', `/leads/${two.id}`, { token: a.accessToken, body: { email: one.email.toUpperCase() } }), 409, 'LEAD_EMAIL_TAKEN');
      // Re-sending its own email (other case) is fine.
      const same = await app.request('PATCH', `/leads/${two.id}`, { token: a.accessToken, body: { email: two.email.toUpperCase() } });
      expect(same.status).toBe(200);
      expect(same.body.email).toBe(two.email);
    });

    it('restamps consent when its status changes, not when it is re-sent unchanged', async () => {
      const lead = await createLead(app, a, { email: email('consent'), consent: { email: { status: 'granted', source: 'web-form' } } });
      const firstAt = lead.consent.email.at;
      await sleep(20);
      const same = await app.request('PATCH', `/leads/${lead.id}`, { token: a.accessToken, body: { consent: { email: { status: 'granted', source: 'again' } } } });
      expect(same.status).toBe(200);
      expect(same.body.consent.email).toEqual({ status: 'granted', at: firstAt, source: 'web-form' });
      await sleep(20);
      const changed = await app.request('PATCH', `/leads/${lead.id}`, { token: a.accessToken, body: { consent: { email: { status: 'denied', source: 'unsubscribe-link' } } } });
      expect(changed.status).toBe(200);
      expect(changed.body.consent.email.status).toBe('denied');
      expect(changed.body.consent.email.source).toBe('unsubscribe-link');
      expect(new Date(changed.body.consent.email.at).getTime()).toBeGreaterThan(new Date(firstAt).getTime());
      const row = await leadRow(db, lead.id);
      expect(row).toMatchObject({ email_consent: 'denied', email_consent_source: 'unsubscribe-link' });
    });

    it('answers 404 for an unknown lead and for a lead in the trash', async () => {
      expectProblem(await app.request('PATCH', `/leads/${UNKNOWN}`, { token: a.accessToken, body: { company: 'X' } }), 404, 'LEAD_NOT_FOUND');
      const lead = await createLead(app, a, { email: email('trashed'), company: 'Before' });
      expect((await app.request('DELETE', `/leads/${lead.id}`, { token: a.accessToken })).status).toBe(204);
      expectProblem(await app.request('PATCH', `/leads/${lead.id}`, { token: a.accessToken, body: { company: 'After' } }), 404, 'LEAD_NOT_FOUND');
      expect((await leadRow(db, lead.id)).company).toBe('Before');
    });
  });

  describe('trash', () => {
    it('delete moves to the trash (hidden from the list, shown by deleted=only), restore brings it back', async () => {
      const lead = await createLead(app, a, { email: email('bin') });
      expect((await app.request('DELETE', `/leads/${lead.id}`, { token: a.accessToken })).status).toBe(204);
      expect((await leadRow(db, lead.id)).deleted_at).not.toBeNull();
      const list = await app.request('GET', '/leads?limit=200', { token: a.accessToken });
      expect(ids(list)).not.toContain(lead.id);
      const trash = await app.request('GET', '/leads?deleted=only&limit=200', { token: a.accessToken });
      expect(trash.status).toBe(200);
      expect(ids(trash)).toContain(lead.id);
      expect(trash.body.items.every((l: { deletedAt: string | null }) => l.deletedAt !== null)).toBe(true);
      expect((await app.request('GET', `/leads/${lead.id}`, { token: a.accessToken })).body.deletedAt).not.toBeNull();

      const restored = await app.request('POST', `/leads/${lead.id}/restore`, { token: a.accessToken });
      expect(restored.status).toBe(200);
      expect(restored.body).toMatchObject({ id: lead.id, deletedAt: null });
      expect(ids(await app.request('GET', '/leads?limit=200', { token: a.accessToken }))).toContain(lead.id);
      expect(ids(await app.request('GET', '/leads?deleted=only&limit=200', { token: a.accessToken }))).not.toContain(lead.id);
      expectProblem(await app.request('DELETE', `/leads/${UNKNOWN}`, { token: a.accessToken }), 404, 'LEAD_NOT_FOUND');
      expectProblem(await app.request('POST', `/leads/${UNKNOWN}/restore`, { token: a.accessToken }), 404, 'LEAD_NOT_FOUND');
    });
  });

  describe('bulk', () => {
    let mine: string[];
    let theirs: string[];
    let theirsBefore: Record<string, any>[];

    beforeAll(async () => {
      mine = [];
      for (let i = 0; i < 3; i++) mine.push((await createLead(app, a, { email: email('bulk'), tags: ['keep'] })).id);
      theirs = [];
      for (let i = 0; i < 2; i++) theirs.push((await createLead(app, b, { email: email('bulk-b'), tags: ['theirs'], lifecycleStage: 'lead' })).id);
      theirsBefore = await leadRows(db, theirs);
    });
    afterEach(async () => {
      // Ids of another workspace are never touched.
      expect(await leadRows(db, theirs)).toEqual(theirsBefore);
    });

    const bulk = (body: Record<string, unknown>, s: Session = a) => app.request('POST', '/leads/bulk', { token: s.accessToken, body });

    it('deletes and restores many leads; ids of another workspace are silently not affected', async () => {
      const del = await bulk({ ids: [...mine, ...theirs, UNKNOWN], action: 'delete' });
      expect(del.status).toBe(200);
      expect(del.body).toEqual({ affected: 3 });
      expect((await leadRows(db, mine)).every((r) => r.deleted_at !== null)).toBe(true);
      expect((await bulk({ ids: mine, action: 'delete' })).body).toEqual({ affected: 0 });
      const res = await bulk({ ids: [...theirs, ...mine], action: 'restore' });
      expect(res.body).toEqual({ affected: 3 });
      expect((await leadRows(db, mine)).every((r) => r.deleted_at === null)).toBe(true);
    });

    it('adds and removes tags', async () => {
      const add = await bulk({ ids: [...mine, ...theirs], action: 'addTags', tags: [' hot ', 'salon'] });
      expect(add.body).toEqual({ affected: 3 });
      for (const r of await leadRows(db, mine)) expect([...r.tags].sort()).toEqual(['hot', 'keep', 'salon']);
      expect((await bulk({ ids: mine, action: 'addTags', tags: ['hot', 'salon'] })).body).toEqual({ affected: 0 });
      const rm = await bulk({ ids: [...mine, ...theirs], action: 'removeTags', tags: ['hot', 'theirs'] });
      expect(rm.body).toEqual({ affected: 3 });
      for (const r of await leadRows(db, mine)) expect([...r.tags].sort()).toEqual(['keep', 'salon']);
      expectProblem(await bulk({ ids: mine, action: 'addTags', tags: [] }), 400, 'LEAD_INVALID');
      expectProblem(await bulk({ ids: mine, action: 'addTags', tags: ['x'.repeat(51)] }), 400, 'LEAD_INVALID');
    });

    it('adding "KEEP" to leads tagged "keep" leaves one tag', async () => {
      await bulk({ ids: mine, action: 'addTags', tags: ['KEEP'] });
      const rows = await leadRows(db, mine);
      await bulk({ ids: mine, action: 'removeTags', tags: ['KEEP'] }); // leave the fixture as it was
      for (const r of rows) expect(r.tags.filter((t: string) => t.toLowerCase() === 'keep')).toHaveLength(1);
    });

    it('updates lifecycle stage, owner and source', async () => {
      const marketer = await addMember(app, a, 'marketer', 'bulk-owner');
      const res = await bulk({ ids: [...mine, ...theirs], action: 'update', changes: { lifecycleStage: 'customer', ownerId: marketer.user.id, source: 'fair' } });
      expect(res.body).toEqual({ affected: 3 });
      for (const r of await leadRows(db, mine)) expect(r).toMatchObject({ lifecycle_stage: 'customer', owner_id: marketer.user.id, source: 'fair' });
      const notMember = await bulk({ ids: mine, action: 'update', changes: { ownerId: b.user.id } });
      expectProblem(notMember, 400, 'LEAD_INVALID');
      expect((await leadRows(db, mine)).every((r) => r.owner_id === marketer.user.id)).toBe(true);
      expectProblem(await bulk({ ids: mine, action: 'update' }), 400, 'LEAD_INVALID');
      expectProblem(await bulk({ ids: mine, action: 'update', changes: { lifecycleStage: 'king' } }), 400, 'VALIDATION_FAILED');
      // null clears the owner
      expect((await bulk({ ids: mine, action: 'update', changes: { ownerId: null } })).body).toEqual({ affected: 3 });
      expect((await leadRows(db, mine)).every((r) => r.owner_id === null)).toBe(true);
    });

    it('answers 400 LEAD_INVALID and writes nothing', async () => {
      const before = await leadRows(db, mine);
      const audits = (await db.query(`SELECT count(*)::int AS n FROM governance.audit_logs WHERE tenant_id = $1 AND action = 'lead.bulk_update'`, [a.tenant.id])).rows[0].n;
      const res = await bulk({ ids: mine, action: 'update', changes: {} });
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 400, body: { code: 'LEAD_INVALID' } });
      expect(await leadRows(db, mine)).toEqual(before);
      expect((await db.query(`SELECT count(*)::int AS n FROM governance.audit_logs WHERE tenant_id = $1 AND action = 'lead.bulk_update'`, [a.tenant.id])).rows[0].n).toBe(audits);
    });

    it('takes at most 1,000 ids (400 beyond), at least one, only uuids, a known action', async () => {
      const many = Array.from({ length: 1001 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
      expectProblem(await bulk({ ids: many, action: 'delete' }), 400, 'VALIDATION_FAILED');
      expect((await bulk({ ids: [...mine, ...many.slice(0, 997)], action: 'addTags', tags: ['thousand'] })).body).toEqual({ affected: 3 });
      await bulk({ ids: mine, action: 'removeTags', tags: ['thousand'] });
      expectProblem(await bulk({ ids: [], action: 'delete' }), 400, 'VALIDATION_FAILED');
      expectProblem(await bulk({ ids: ['nope'], action: 'delete' }), 400, 'VALIDATION_FAILED');
      expectProblem(await bulk({ ids: mine, action: 'explode' }), 400, 'VALIDATION_FAILED');
      expect((await leadRows(db, mine)).every((r) => r.deleted_at === null)).toBe(true);
    });
  });

  describe('search and filters', () => {
    let s: Session;
    const L: Record<string, string> = {};

    beforeAll(async () => {
      s = await register(app, 'Search Co', 'search');
      L.elodie = (await createLead(app, s, { firstName: 'Élodie', lastName: 'Durand', email: 'elodie@durand.test', company: 'Acme 50% Off', phone: '06 11 22 33 44', lifecycleStage: 'mql', source: 'website', tags: ['salon'], consent: { email: { status: 'granted' } } })).id;
      L.marc = (await createLead(app, s, { firstName: 'Marc', lastName: 'Under_Score', email: 'marc@x.test', company: 'Widgets', lifecycleStage: 'sql', source: 'fair', tags: ['salon', 'vip'] })).id;
      L.paul = (await createLead(app, s, { firstName: 'Paul', lastName: 'Underxscore', email: 'paul500@y.test', company: 'ACME 500', lifecycleStage: 'customer', source: 'website', consent: { email: { status: 'denied' } } })).id;
      L.back = (await createLead(app, s, { firstName: 'Back', lastName: 'Slash', email: 'back@z.test', company: 'C:\\Temp', lifecycleStage: 'lead' })).id;
      const scores: Record<string, number> = { elodie: 80, marc: 40, paul: 10, back: -5 };
      const ages: Record<string, number> = { elodie: 30, marc: 20, paul: 10, back: 0 };
      for (const k of Object.keys(L)) {
        await db.query(`UPDATE crm.leads SET score = $2, created_at = now() - make_interval(days => $3) WHERE id = $1`, [L[k], scores[k], ages[k]]);
      }
    });

    const find = async (query: string) => {
      const res = await app.request('GET', `/leads?limit=200&${query}`, { token: s.accessToken });
      expect(res.status).toBe(200);
      const names = Object.fromEntries(Object.entries(L).map(([k, v]) => [v, k]));
      return ids(res).map((id) => names[id] ?? id).sort();
    };
    const q = (text: string) => find(`q=${encodeURIComponent(text)}`);

    it('finds by fragments of name, email, company and phone, case-insensitively', async () => {
      expect(await q('durand')).toEqual(['elodie']);
      expect(await q('DURAND')).toEqual(['elodie']);
      expect(await q('élodie')).toEqual(['elodie']);
      expect(await q('ÉLODIE')).toEqual(['elodie']);
      expect(await q('marc')).toEqual(['marc']);
      expect(await q('widg')).toEqual(['marc']);
      expect(await q('acme')).toEqual(['elodie', 'paul']);
      expect(await q('x.test')).toEqual(['marc']);
      expect(await q('611223')).toEqual(['elodie']);
      expect(await q('+336112233')).toEqual(['elodie']);
      expect(await q('zzz-nothing')).toEqual([]);
    });

    it('matches % and _ (and \\) literally', async () => {
      expect(await q('50%')).toEqual(['elodie']);
      expect(await q('%')).toEqual(['elodie']);
      expect(await q('under_')).toEqual(['marc']);
      expect(await q('_')).toEqual(['marc']);
      expect(await q('under')).toEqual(['marc', 'paul']);
      expect(await q('c:\\t')).toEqual(['back']);
      expect(await q('\\')).toEqual(['back']);
    });

    it('filters by lifecycle stages, source, tag, email consent, score range and creation dates, alone and combined', async () => {
      expect(await find('lifecycleStage=mql,sql')).toEqual(['elodie', 'marc']);
      expect(await find('lifecycleStage=customer')).toEqual(['paul']);
      expect(await find('source=website')).toEqual(['elodie', 'paul']);
      expect(await find('tag=salon')).toEqual(['elodie', 'marc']);
      expect(await find('tag=vip')).toEqual(['marc']);
      expect(await find('emailConsent=granted')).toEqual(['elodie']);
      expect(await find('emailConsent=unknown')).toEqual(['back', 'marc']);
      expect(await find('scoreMin=10&scoreMax=40')).toEqual(['marc', 'paul']);
      expect(await find('scoreMax=0')).toEqual(['back']);
      const day = 24 * 3600 * 1000;
      const from = new Date(Date.now() - 25 * day).toISOString();
      const to = new Date(Date.now() - 5 * day).toISOString();
      expect(await find(`createdFrom=${from}&createdTo=${to}`)).toEqual(['marc', 'paul']);
      expect(await find(`createdFrom=${from}`)).toEqual(['back', 'marc', 'paul']);
      expect(await find('source=website&scoreMin=50')).toEqual(['elodie']);
      expect(await find('tag=salon&lifecycleStage=sql,customer')).toEqual(['marc']);
      expect(await find(`q=acme&createdTo=${to}&emailConsent=denied`)).toEqual(['paul']);
      expect(await find('q=under&tag=vip&scoreMin=40&source=fair')).toEqual(['marc']);
    });

    it('rejects malformed filters (400)', async () => {
      for (const bad of ['lifecycleStage=king', 'emailConsent=maybe', 'scoreMin=abc', 'createdFrom=yesterday', 'sort=name', 'deleted=all', 'limit=0', 'limit=201']) {
        expectProblem(await app.request('GET', `/leads?${bad}`, { token: s.accessToken }), 400, 'VALIDATION_FAILED');
      }
    });
  });

  describe('keyset pagination', () => {
    let p: Session;
    const N = 120;

    beforeAll(async () => {
      p = await register(app, 'Pages Co', 'pages');
      // Many ties on both sort keys so the id tie-breaker matters.
      await db.query(
        `INSERT INTO crm.leads (tenant_id, email, first_name, score, created_at)
         SELECT $1, 'page.' || g || '@example.test', 'P' || g, (g * 7) % 13, now() - make_interval(secs => (g % 40))
           FROM generate_series(1, $2) g`,
        [p.tenant.id, N],
      );
    });

    const walk = async (sort: 'createdAt' | 'score', limit: number) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: any = await app.request('GET', `/leads?sort=${sort}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, { token: p.accessToken });
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(limit);
        seen.push(...ids(res));
        cursor = res.body.nextCursor;
        if (++pages > 100) throw new Error('no end');
      } while (cursor);
      return { seen, pages };
    };

    it.each([
      ['createdAt', 'created_at DESC, id DESC'],
      ['score', 'score DESC, id DESC'],
    ] as const)('walks every page sorted by %s without duplicates or gaps', async (sort, order) => {
      const expected = (await db.query(`SELECT id FROM crm.leads WHERE tenant_id = $1 AND deleted_at IS NULL ORDER BY ${order}`, [p.tenant.id])).rows.map((r) => r.id);
      expect(expected).toHaveLength(N);
      const { seen, pages } = await walk(sort, 25);
      expect(pages).toBe(5);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(expected);
      // Exact page boundary: the last page is full and nextCursor ends the walk.
      const exact = await walk(sort, 40);
      expect(exact.seen).toEqual(expected);
    });

    it('refuses a cursor from the other sort, or a forged one (400)', async () => {
      const byDate = await app.request('GET', '/leads?sort=createdAt&limit=10', { token: p.accessToken });
      const byScore = await app.request('GET', '/leads?sort=score&limit=10', { token: p.accessToken });
      expect(byDate.body.nextCursor).toEqual(expect.any(String));
      expectProblem(await app.request('GET', `/leads?sort=score&cursor=${byDate.body.nextCursor}`, { token: p.accessToken }), 400, 'VALIDATION_FAILED');
      expectProblem(await app.request('GET', `/leads?cursor=${byScore.body.nextCursor}`, { token: p.accessToken }), 400, 'VALIDATION_FAILED');
      expectProblem(await app.request('GET', '/leads?cursor=garbage', { token: p.accessToken }), 400, 'VALIDATION_FAILED');
      const forged = Buffer.from(JSON.stringify(['score', "1); DROP TABLE crm.leads; --", UNKNOWN])).toString('base64url');
      expectProblem(await app.request('GET', `/leads?sort=score&cursor=${forged}`, { token: p.accessToken }), 400, 'VALIDATION_FAILED');
    });
  });

  describe('merge', () => {
    it('moves events, messages, conversations, notes and scores to the survivor, fills its gaps, unites tags and trashes the duplicates', async () => {
      const t = a.tenant.id;
      const target = await createLead(app, a, { email: email('survivor'), firstName: 'Target', tags: ['a', 'shared'], customFields: { budget: 1 } });
      const d1 = await createLead(app, a, { email: email('dup1'), firstName: 'Dup', company: 'DupCo', jobTitle: 'CEO', tags: ['b', 'shared'], consent: { email: { status: 'granted', source: 'fair' } } });
      const d2 = await createLead(app, a, { phone: '0699887766', tags: ['c'], customFields: { budget: 2, plan: 'pro' }, timezone: 'Europe/Paris' });
      await db.query(`UPDATE crm.leads SET score = CASE WHEN id = $1 THEN 5 ELSE 42 END WHERE id IN ($1, $2)`, [target.id, d2.id]);

      const now = Date.now();
      const ev = [
        await insertEvent(db, t, target.id, 'page.viewed', new Date(now - 5000)),
        await insertEvent(db, t, d1.id, 'email.opened', new Date(now - 4000)),
        await insertEvent(db, t, d1.id, 'email.clicked', new Date(now - 3000)),
        await insertEvent(db, t, d2.id, 'form.submitted', new Date(now - 2000)),
      ];
      const { campaignId, stepIds } = await insertCampaign(db, t, 3);
      const mTarget = await insertMessage(db, t, target.id, { campaignId, stepId: stepIds[0] });
      const mConflict = await insertMessage(db, t, d1.id, { campaignId, stepId: stepIds[0] });
      const mD1 = await insertMessage(db, t, d1.id, { campaignId, stepId: stepIds[1] });
      const mD2 = await insertMessage(db, t, d2.id, { campaignId, stepId: stepIds[2] });
      const mLoose = await insertMessage(db, t, d1.id, {});
      const inbox = await insertInbox(db, t, d2.id);
      const note = await app.request('POST', `/leads/${d1.id}/notes`, { token: a.accessToken, body: { body: 'Called, wants a demo' } });
      expect(note.status).toBe(201);
      const score = await insertScore(db, t, d2.id, 42, 42);

      const res = await app.request('POST', `/leads/${target.id}/merge`, { token: a.accessToken, body: { sourceIds: [d1.id, d2.id, target.id] } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: target.id,
        email: target.email,
        firstName: 'Target',
        company: 'DupCo',
        jobTitle: 'CEO',
        phone: '+33699887766',
        timezone: 'Europe/Paris',
        customFields: { budget: 1, plan: 'pro' },
        score: 42,
        deletedAt: null,
      });
      expect([...res.body.tags].sort()).toEqual(['a', 'b', 'c', 'shared']);
      expect(res.body.consent.email).toMatchObject({ status: 'granted', source: 'fair' });

      const leadOf = async (table: string, id: string) => (await db.query(`SELECT lead_id FROM ${table} WHERE id = $1`, [id])).rows.map((r) => r.lead_id);
      for (const id of ev) expect(await leadOf('analytics.events', id)).toEqual([target.id]);
      for (const id of [mTarget, mD1, mD2, mLoose]) expect(await leadOf('channels.channel_messages', id)).toEqual([target.id]);
      // One message per (step, lead): the survivor keeps its own; the duplicate's is not lost.
      expect((await db.query(`SELECT count(*)::int AS n FROM channels.channel_messages WHERE step_id = $1 AND lead_id = $2`, [stepIds[0], target.id])).rows[0].n).toBe(1);
      expect((await db.query(`SELECT count(*)::int AS n FROM channels.channel_messages WHERE id = $1`, [mConflict])).rows[0].n).toBe(1);
      expect(await leadOf('conversations.inbox_messages', inbox)).toEqual([target.id]);
      expect(await leadOf('crm.lead_notes', note.body.id)).toEqual([target.id]);
      expect(await leadOf('crm.lead_scores', score)).toEqual([target.id]);

      for (const d of [d1, d2]) {
        const row = await leadRow(db, d.id);
        expect(row.deleted_at).not.toBeNull();
        expect(row.merged_into_id).toBe(target.id);
        expect(row.email).toBeNull();
        const viaApi = await app.request('GET', `/leads/${d.id}`, { token: a.accessToken });
        expect(viaApi.body).toMatchObject({ mergedIntoId: target.id, deletedAt: expect.any(String) });
      }
      expect(ids(await app.request('GET', '/leads?deleted=only&limit=200', { token: a.accessToken }))).toEqual(expect.arrayContaining([d1.id, d2.id]));
      // The duplicate's email is free again.
      expect((await app.request('POST', '/leads', { token: a.accessToken, body: { email: d1.email } })).status).toBe(201);

      // The survivor's timeline now holds the duplicates' history.
      const tl = await app.request('GET', `/leads/${target.id}/timeline?limit=100`, { token: a.accessToken });
      const tlIds = tl.body.items.map((i: { id: string }) => i.id);
      expect(tlIds).toEqual(expect.arrayContaining([...ev, mD1, mD2, note.body.id, score]));

      expect(await auditActions(db, t, target.id)).toContain('lead.merged');
      const audit = (await db.query(`SELECT metadata FROM governance.audit_logs WHERE tenant_id = $1 AND entity_id = $2 AND action = 'lead.merged'`, [t, target.id])).rows[0];
      expect([...audit.metadata.sourceIds].sort()).toEqual([d1.id, d2.id].sort());
    });

    it('a merged duplicate stays in the trash, pointing at the survivor, even when asked to restore it', async () => {
      const target = await createLead(app, a, { email: email('keep-merged') });
      const dup = await createLead(app, a, { email: email('merged-away') });
      expect((await app.request('POST', `/leads/${target.id}/merge`, { token: a.accessToken, body: { sourceIds: [dup.id] } })).status).toBe(200);
      await app.request('POST', `/leads/${dup.id}/restore`, { token: a.accessToken });
      await app.request('POST', '/leads/bulk', { token: a.accessToken, body: { ids: [dup.id], action: 'restore' } });
      const row = await leadRow(db, dup.id);
      expect(row.deleted_at).not.toBeNull();
      expect(row.merged_into_id).toBe(target.id);
      expectProblem(await app.request('PATCH', `/leads/${dup.id}`, { token: a.accessToken, body: { company: 'x' } }), 404, 'LEAD_NOT_FOUND');
    });

    it('takes the email of a duplicate when the survivor has none', async () => {
      const target = await createLead(app, a, { phone: '0611112222' });
      const dup = await createLead(app, a, { email: email('give-email') });
      const res = await app.request('POST', `/leads/${target.id}/merge`, { token: a.accessToken, body: { sourceIds: [dup.id] } });
      expect(res.status).toBe(200);
      expect(res.body.email).toBe(dup.email);
      expect((await leadRow(db, dup.id)).email).toBeNull();
    });

    it('merges them (one message per step kept on the survivor)', async () => {
      const t = a.tenant.id;
      const target = await createLead(app, a, { email: email('st-target') });
      const d1 = await createLead(app, a, { email: email('st-d1') });
      const d2 = await createLead(app, a, { email: email('st-d2') });
      const { campaignId, stepIds } = await insertCampaign(db, t, 1);
      await insertMessage(db, t, d1.id, { campaignId, stepId: stepIds[0] });
      await insertMessage(db, t, d2.id, { campaignId, stepId: stepIds[0] });
      const res = await app.request('POST', `/leads/${target.id}/merge`, { token: a.accessToken, body: { sourceIds: [d1.id, d2.id] } });
      expect(res.status).toBe(200);
      expect((await db.query(`SELECT count(*)::int AS n FROM channels.channel_messages WHERE step_id = $1 AND lead_id = $2`, [stepIds[0], target.id])).rows[0].n).toBe(1);
      expect((await db.query(`SELECT count(*)::int AS n FROM channels.channel_messages WHERE step_id = $1`, [stepIds[0]])).rows[0].n).toBe(2);
    });

    it('refuses nothing-to-merge (400), unknown sources (404) and leads in the trash (400), changing nothing', async () => {
      const target = await createLead(app, a, { email: email('m-target') });
      const dup = await createLead(app, a, { email: email('m-dup') });
      const before = await leadRows(db, [target.id, dup.id]);
      expectProblem(await app.request('POST', `/leads/${target.id}/merge`, { token: a.accessToken, body: { sourceIds: [target.id] } }), 400, 'LEAD_MERGE_INVALID');
      expectProblem(await app.request('POST', `/leads/${target.id}/merge`, { token: a.accessToken, body: { sourceIds: [] } }), 400, 'VALIDATION_FAILED');
      expectProblem(await app.request('POST', `/leads/${target.id}/merge`, { token: a.accessToken, body: { sourceIds: [dup.id, UNKNOWN] } }), 404, 'LEAD_NOT_FOUND');
      expectProblem(await app.request('POST', `/leads/${UNKNOWN}/merge`, { token: a.accessToken, body: { sourceIds: [dup.id] } }), 404, 'LEAD_NOT_FOUND');
      expect(await leadRows(db, [target.id, dup.id])).toEqual(before);
      await app.request('DELETE', `/leads/${dup.id}`, { token: a.accessToken });
      expectProblem(await app.request('POST', `/leads/${target.id}/merge`, { token: a.accessToken, body: { sourceIds: [dup.id] } }), 400, 'LEAD_MERGE_INVALID');
      expect((await leadRow(db, dup.id)).merged_into_id).toBeNull();
    });

    it('merging a lead of another workspace is 404 and nothing changes on either side', async () => {
      const mineLead = await createLead(app, a, { email: email('m-mine'), tags: ['x'] });
      const theirs = await createLead(app, b, { email: email('m-theirs'), company: 'B corp', tags: ['y'] });
      const evB = await insertEvent(db, b.tenant.id, theirs.id, 'email.opened', new Date());
      const before = await leadRows(db, [mineLead.id, theirs.id]);
      expectProblem(await app.request('POST', `/leads/${mineLead.id}/merge`, { token: a.accessToken, body: { sourceIds: [theirs.id] } }), 404, 'LEAD_NOT_FOUND');
      expectProblem(await app.request('POST', `/leads/${theirs.id}/merge`, { token: a.accessToken, body: { sourceIds: [mineLead.id] } }), 404, 'LEAD_NOT_FOUND');
      expect(await leadRows(db, [mineLead.id, theirs.id])).toEqual(before);
      expect((await db.query(`SELECT lead_id FROM analytics.events WHERE id = $1`, [evB])).rows[0].lead_id).toBe(theirs.id);
    });
  });

  describe('timeline and notes', () => {
    it('merges notes, events, messages and score changes newest first, and pages with before/nextBefore', async () => {
      const t = a.tenant.id;
      const lead = await createLead(app, a, { email: email('timeline') });
      const base = Date.now() - 3600_000;
      const at = (m: number) => new Date(base + m * 60_000);
      const expected = [
        { id: await insertEvent(db, t, lead.id, 'email.opened', at(1), { campaign: 'x' }), kind: 'event' },
        { id: await insertMessage(db, t, lead.id, { at: at(2), subject: 'Welcome' }), kind: 'message' },
        { id: await insertScore(db, t, lead.id, 10, 10, at(3), 'job title') , kind: 'score' },
        { id: await insertNote(db, t, lead.id, 'first call', at(4)), kind: 'note' },
        { id: await insertEvent(db, t, lead.id, 'email.clicked', at(5)), kind: 'event' },
        { id: await insertScore(db, t, lead.id, 25, 15, at(6), 'clicked'), kind: 'score' },
        { id: await insertMessage(db, t, lead.id, { at: at(7), subject: 'Follow-up' }), kind: 'message' },
        // Its creation, now: after the items backdated above.
        { id: lead.id, kind: 'created' },
      ].reverse();
      const other = await createLead(app, a, { email: email('timeline-other') });
      await insertEvent(db, t, other.id, 'email.opened', at(3));

      const all = await app.request('GET', `/leads/${lead.id}/timeline`, { token: a.accessToken });
      expect(all.status).toBe(200);
      expect(all.body.items.map((i: { id: string; kind: string }) => ({ id: i.id, kind: i.kind }))).toEqual(expected);
      expect(all.body.nextBefore).toBeNull();
      const score = all.body.items.find((i: { kind: string }) => i.kind === 'score');
      expect(score).toMatchObject({ title: 'clicked', details: { score: 25, delta: 15 } });
      expect(all.body.items.find((i: { kind: string }) => i.kind === 'message')).toMatchObject({ title: 'email · queued', details: { subject: 'Follow-up' } });
      expect(all.body.items.find((i: { kind: string }) => i.kind === 'note')).toMatchObject({ details: { body: 'first call' } });

      const seen: string[] = [];
      let before: string | null = null;
      let pages = 0;
      do {
        const res: any = await app.request('GET', `/leads/${lead.id}/timeline?limit=3${before ? `&before=${encodeURIComponent(before)}` : ''}`, { token: a.accessToken });
        expect(res.status).toBe(200);
        seen.push(...res.body.items.map((i: { id: string }) => i.id));
        before = res.body.nextBefore;
        if (++pages > 10) throw new Error('no end');
      } while (before);
      expect(seen).toEqual(expected.map((e) => e.id));
    });

    it('pages through same-time items without gaps', async () => {
      const t = a.tenant.id;
      const lead = await createLead(app, a, { email: email('timeline-ties') });
      const same = new Date(Date.now() - 60_000);
      const expected = new Set<string>();
      for (let i = 0; i < 5; i++) expected.add(await insertEvent(db, t, lead.id, `batch.${i}`, same));
      expected.add(await insertNote(db, t, lead.id, 'same time', same));
      expected.add(lead.id); // its creation
      const seen: string[] = [];
      let before: string | null = null;
      let pages = 0;
      do {
        const res: any = await app.request('GET', `/leads/${lead.id}/timeline?limit=2${before ? `&before=${encodeURIComponent(before)}` : ''}`, { token: a.accessToken });
        seen.push(...res.body.items.map((i: { id: string }) => i.id));
        before = res.body.nextBefore;
        if (++pages > 10) break;
      } while (before);
      expect(new Set(seen)).toEqual(expected);
    });

    it('adds notes (201) for writers; a viewer gets 403; empty text 400; unknown lead 404', async () => {
      const lead = await createLead(app, a, { email: email('notes') });
      const marketer = await addMember(app, a, 'marketer', 'note-mk');
      const viewer = await addMember(app, a, 'viewer', 'note-vw');
      const res = await app.request('POST', `/leads/${lead.id}/notes`, { token: marketer.accessToken, body: { body: '  Rappeler lundi  ' } });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ kind: 'note', id: expect.any(String), details: { body: 'Rappeler lundi' } });
      const row = (await db.query(`SELECT tenant_id, lead_id, author_id, body FROM crm.lead_notes WHERE id = $1`, [res.body.id])).rows[0];
      expect(row).toEqual({ tenant_id: a.tenant.id, lead_id: lead.id, author_id: marketer.user.id, body: 'Rappeler lundi' });
      expectProblem(await app.request('POST', `/leads/${lead.id}/notes`, { token: viewer.accessToken, body: { body: 'nope' } }), 403, 'FORBIDDEN');
      expectProblem(await app.request('POST', `/leads/${lead.id}/notes`, { token: a.accessToken, body: { body: '   ' } }), 400);
      expectProblem(await app.request('POST', `/leads/${lead.id}/notes`, { token: a.accessToken, body: {} }), 400, 'VALIDATION_FAILED');
      expectProblem(await app.request('POST', `/leads/${UNKNOWN}/notes`, { token: a.accessToken, body: { body: 'x' } }), 404, 'LEAD_NOT_FOUND');
      expect((await db.query(`SELECT count(*)::int AS n FROM crm.lead_notes WHERE lead_id = $1`, [lead.id])).rows[0].n).toBe(1);
      const tl = await app.request('GET', `/leads/${lead.id}/timeline`, { token: viewer.accessToken });
      expect(tl.status).toBe(200);
      expect(tl.body.items.map((i: { id: string }) => i.id)).toEqual([res.body.id, lead.id]);
      expectProblem(await app.request('GET', `/leads/${UNKNOWN}/timeline`, { token: a.accessToken }), 404, 'LEAD_NOT_FOUND');
    });
  });

  describe('roles and API keys', () => {
    it('a viewer reads but cannot write (403); a marketer can write', async () => {
      const viewer = await addMember(app, a, 'viewer', 'role-vw');
      const marketer = await addMember(app, a, 'marketer', 'role-mk');
      const lead = await createLead(app, a, { email: email('roles'), company: 'Untouched' });
      expect((await app.request('GET', '/leads', { token: viewer.accessToken })).status).toBe(200);
      expect((await app.request('GET', `/leads/${lead.id}`, { token: viewer.accessToken })).status).toBe(200);
      const before = await count(a.tenant.id);
      const attempts: Array<[string, string, unknown]> = [
        ['POST', '/leads', { email: email('viewer') }],
        ['PATCH', `/leads/${lead.id}`, { company: 'Changed' }],
        ['DELETE', `/leads/${lead.id}`, undefined],
        ['POST', `/leads/${lead.id}/restore`, undefined],
        ['POST', '/leads/bulk', { ids: [lead.id], action: 'delete' }],
        ['POST', `/leads/${lead.id}/merge`, { sourceIds: [UNKNOWN] }],
      ];
      for (const [method, url, body] of attempts) {
        expectProblem(await app.request(method as 'POST', url, { token: viewer.accessToken, body }), 403, 'FORBIDDEN');
      }
      expect(await count(a.tenant.id)).toBe(before);
      expect(await leadRow(db, lead.id)).toMatchObject({ company: 'Untouched', deleted_at: null });

      const created = await app.request('POST', '/leads', { token: marketer.accessToken, body: { email: email('marketer') } });
      expect(created.status).toBe(201);
      const updated = await app.request('PATCH', `/leads/${lead.id}`, { token: marketer.accessToken, body: { company: 'By marketer' } });
      expect(updated.body.company).toBe('By marketer');
      expect((await app.request('DELETE', `/leads/${created.body.id}`, { token: marketer.accessToken })).status).toBe(204);
    });

    it('API keys: leads:read lists and reads but cannot write (403 INSUFFICIENT_SCOPE); leads:write creates', async () => {
      const lead = await createLead(app, a, { email: email('keyed') });
      const reader = (await app.request('POST', '/api-keys', { token: a.accessToken, body: { name: 'Reader', scopes: ['leads:read'] } })).body.key;
      const writer = (await app.request('POST', '/api-keys', { token: a.accessToken, body: { name: 'Writer', scopes: ['leads:write'] } })).body;
      expect((await app.request('GET', '/leads?limit=200', { apiKey: reader })).status).toBe(200);
      expect((await app.request('GET', `/leads/${lead.id}`, { apiKey: reader })).body.id).toBe(lead.id);
      expect((await app.request('GET', `/leads/${lead.id}/timeline`, { apiKey: reader })).status).toBe(200);
      const before = await count(a.tenant.id);
      expectProblem(await app.request('POST', '/leads', { apiKey: reader, body: { email: email('by-reader') } }), 403, 'INSUFFICIENT_SCOPE');
      expectProblem(await app.request('PATCH', `/leads/${lead.id}`, { apiKey: reader, body: { company: 'x' } }), 403, 'INSUFFICIENT_SCOPE');
      expectProblem(await app.request('POST', '/leads/bulk', { apiKey: reader, body: { ids: [lead.id], action: 'delete' } }), 403, 'INSUFFICIENT_SCOPE');
      expectProblem(await app.request('POST', `/leads/${lead.id}/notes`, { apiKey: reader, body: { body: 'x' } }), 403, 'INSUFFICIENT_SCOPE');
      expect(await count(a.tenant.id)).toBe(before);

      const created = await app.request('POST', '/leads', { apiKey: writer.key, body: { email: email('by-writer'), consent: { email: { status: 'granted' } } } });
      expect(created.status).toBe(201);
      expect(created.body.consent.email.source).toBe('api');
      const entry = (await db.query(`SELECT actor_type, actor_id FROM governance.audit_logs WHERE entity_id = $1 AND action = 'lead.created'`, [created.body.id])).rows[0];
      expect(entry).toEqual({ actor_type: 'api_key', actor_id: writer.id });
      expectProblem(await app.request('GET', '/leads', { apiKey: writer.key }), 403, 'INSUFFICIENT_SCOPE');
    });
  });

  describe('audit', () => {
    it('records create, update, delete, restore and merge with the acting user', async () => {
      const lead = await createLead(app, a, { email: email('audited') });
      await app.request('PATCH', `/leads/${lead.id}`, { token: a.accessToken, body: { company: 'Audited Co' } });
      await app.request('DELETE', `/leads/${lead.id}`, { token: a.accessToken });
      await app.request('POST', `/leads/${lead.id}/restore`, { token: a.accessToken });
      const dup = await createLead(app, a, { email: email('audited-dup') });
      expect((await app.request('POST', `/leads/${lead.id}/merge`, { token: a.accessToken, body: { sourceIds: [dup.id] } })).status).toBe(200);
      expect(await auditActions(db, a.tenant.id, lead.id)).toEqual(['lead.created', 'lead.updated', 'lead.deleted', 'lead.restored', 'lead.merged']);
      const rows = (await db.query(`SELECT actor_type, actor_id, action, metadata FROM governance.audit_logs WHERE entity_id = $1 ORDER BY occurred_at, id`, [lead.id])).rows;
      expect(rows.every((r) => r.actor_type === 'user' && r.actor_id === a.user.id)).toBe(true);
      expect(rows[1].metadata.fields).toEqual(['company']);
      const bulkRow = await app.request('POST', '/leads/bulk', { token: a.accessToken, body: { ids: [lead.id], action: 'addTags', tags: ['audited'] } });
      expect(bulkRow.body.affected).toBe(1);
      const bulkEntry = (await db.query(`SELECT metadata FROM governance.audit_logs WHERE tenant_id = $1 AND action = 'lead.bulk_addTags' ORDER BY occurred_at DESC LIMIT 1`, [a.tenant.id])).rows[0];
      expect(bulkEntry.metadata).toMatchObject({ ids: [lead.id], affected: 1 });
      // Audit entries are visible through the API too.
      const viaApi = await app.request('GET', '/audit-logs?limit=200', { token: a.accessToken });
      expect(viaApi.body.items.filter((e: { entityId: string }) => e.entityId === lead.id).map((e: { action: string }) => e.action)).toEqual(
        expect.arrayContaining(['lead.created', 'lead.merged']),
      );
    });
  });

  describe('tenant B against tenant A\'s leads', () => {
    it('cannot read, change, delete, restore, merge, note, bulk or list them: 404 / not listed, and A\'s rows unchanged', async () => {
      const lead = await createLead(app, a, { email: email('cross'), company: 'A only', tags: ['a'], customFields: { budget: 9 } });
      const trashed = await createLead(app, a, { email: email('cross-trash') });
      await app.request('DELETE', `/leads/${trashed.id}`, { token: a.accessToken });
      await insertEvent(db, a.tenant.id, lead.id, 'email.opened', new Date());
      const theirs = await createLead(app, b, { email: email('cross-b') });
      const before = await leadRows(db, [lead.id, trashed.id]);
      const notesBefore = (await db.query(`SELECT count(*)::int AS n FROM crm.lead_notes WHERE lead_id = ANY($1::uuid[])`, [[lead.id, trashed.id]])).rows[0].n;

      const bt = b.accessToken;
      expectProblem(await app.request('GET', `/leads/${lead.id}`, { token: bt }), 404, 'LEAD_NOT_FOUND');
      expectProblem(await app.request('GET', `/leads/${lead.id}/timeline`, { token: bt }), 404, 'LEAD_NOT_FOUND');
      expectProblem(await app.request('PATCH', `/leads/${lead.id}`, { token: bt, body: { company: 'hijacked' } }), 404, 'LEAD_NOT_FOUND');
      expectProblem(await app.request('DELETE', `/leads/${lead.id}`, { token: bt }), 404, 'LEAD_NOT_FOUND');
      expectProblem(await app.request('POST', `/leads/${trashed.id}/restore`, { token: bt }), 404, 'LEAD_NOT_FOUND');
      expectProblem(await app.request('POST', `/leads/${lead.id}/notes`, { token: bt, body: { body: 'hello from B' } }), 404, 'LEAD_NOT_FOUND');
      expectProblem(await app.request('POST', `/leads/${lead.id}/merge`, { token: bt, body: { sourceIds: [theirs.id] } }), 404, 'LEAD_NOT_FOUND');
      expectProblem(await app.request('POST', `/leads/${theirs.id}/merge`, { token: bt, body: { sourceIds: [lead.id] } }), 404, 'LEAD_NOT_FOUND');
      for (const body of [
        { ids: [lead.id], action: 'delete' },
        { ids: [trashed.id], action: 'restore' },
        { ids: [lead.id], action: 'addTags', tags: ['b'] },
        { ids: [lead.id], action: 'removeTags', tags: ['a'] },
        { ids: [lead.id], action: 'update', changes: { lifecycleStage: 'customer', source: 'b' } },
      ]) {
        const res = await app.request('POST', '/leads/bulk', { token: bt, body });
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ affected: 0 });
      }
      // Nor can B take A's email as "taken" information, nor find A's lead by search, trash or filter.
      expect((await app.request('POST', '/leads', { token: bt, body: { email: lead.email } })).status).toBe(201);
      for (const query of [`q=${encodeURIComponent(lead.email)}`, 'deleted=only', 'tag=a', 'q=a%20only']) {
        const res = await app.request('GET', `/leads?limit=200&${query}`, { token: bt });
        expect(res.status).toBe(200);
        expect(ids(res).filter((id) => id === lead.id || id === trashed.id)).toEqual([]);
      }
      const keyB = (await app.request('POST', '/api-keys', { token: bt, body: { name: 'B', scopes: ['leads:read', 'leads:write'] } })).body.key;
      expectProblem(await app.request('GET', `/leads/${lead.id}`, { apiKey: keyB }), 404, 'LEAD_NOT_FOUND');
      expectProblem(await app.request('PATCH', `/leads/${lead.id}`, { apiKey: keyB, body: { company: 'hijacked' } }), 404, 'LEAD_NOT_FOUND');

      expect(await leadRows(db, [lead.id, trashed.id])).toEqual(before);
      expect((await db.query(`SELECT count(*)::int AS n FROM crm.lead_notes WHERE lead_id = ANY($1::uuid[])`, [[lead.id, trashed.id]])).rows[0].n).toBe(notesBefore);
      expect((await db.query(`SELECT count(*)::int AS n FROM analytics.events WHERE lead_id = $1`, [lead.id])).rows[0].n).toBe(1);
      expect((await leadRow(db, theirs.id)).deleted_at).toBeNull();
      expect(await auditActions(db, b.tenant.id, lead.id)).toEqual([]);
    });
  });
});
