import type pg from 'pg';
import { createTestApp, expectProblem, register, type Session, type TestApp } from './support/app.js';
import { auditActions, createField, createLead, leadRow } from './support/crm.js';
import { ownerClient } from './support/db.js';
import { addMember } from './support/team.js';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('CRM custom fields', () => {
  let app: TestApp;
  let db: pg.Client;
  let a: Session;
  let b: Session;
  let n = 0;
  const email = (tag = 'cf') => `${tag}.${process.pid}.${++n}@example.test`;

  beforeAll(async () => {
    app = await createTestApp();
    db = await ownerClient();
    a = await register(app, 'Fields A', 'fa');
    b = await register(app, 'Fields B', 'fb');
  });
  afterAll(async () => {
    await db.end();
    await app.close();
  });

  const list = async (s: Session) => {
    const res = await app.request('GET', '/custom-fields', { token: s.accessToken });
    expect(res.status).toBe(200);
    return res.body.items as Array<Record<string, any>>;
  };
  const fieldRow = async (id: string) => (await db.query(`SELECT * FROM crm.custom_field_definitions WHERE id = $1`, [id])).rows[0];

  it('creates (201), lists in position order, updates and deletes (204) a definition, with audit entries', async () => {
    const created = await app.request('POST', '/custom-fields', { token: a.accessToken, body: { key: 'surface_m2', label: '  Surface (m²) ', type: 'number', position: 5 } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), key: 'surface_m2', label: 'Surface (m²)', type: 'number', options: [], position: 5, createdAt: expect.any(String) });
    const first = await createField(app, a, { key: 'rooms_kind', label: 'Kind', type: 'select', options: ['T1', 'T2', 'T2', 'T3'], position: 1 });
    expect(first.options).toEqual(['T1', 'T2', 'T3']);
    const keys = (await list(a)).map((f) => f.key);
    expect(keys.indexOf('rooms_kind')).toBeLessThan(keys.indexOf('surface_m2'));

    const upd = await app.request('PATCH', `/custom-fields/${first.id}`, { token: a.accessToken, body: { label: 'Type de bien', options: ['T1', 'T2', 'T3', 'T4'], position: 9 } });
    expect(upd.status).toBe(200);
    expect(upd.body).toMatchObject({ id: first.id, key: 'rooms_kind', label: 'Type de bien', type: 'select', options: ['T1', 'T2', 'T3', 'T4'], position: 9 });
    expect(await fieldRow(first.id)).toMatchObject({ tenant_id: a.tenant.id, label: 'Type de bien', options: ['T1', 'T2', 'T3', 'T4'] });

    expect((await app.request('DELETE', `/custom-fields/${created.body.id}`, { token: a.accessToken })).status).toBe(204);
    expect((await list(a)).map((f) => f.id)).not.toContain(created.body.id);
    expect(await fieldRow(created.body.id)).toBeUndefined();
    expectProblem(await app.request('DELETE', `/custom-fields/${created.body.id}`, { token: a.accessToken }), 404, 'CUSTOM_FIELD_NOT_FOUND');
    expectProblem(await app.request('PATCH', `/custom-fields/${UNKNOWN}`, { token: a.accessToken, body: { label: 'x' } }), 404, 'CUSTOM_FIELD_NOT_FOUND');
    expectProblem(await app.request('PATCH', '/custom-fields/not-a-uuid', { token: a.accessToken, body: { label: 'x' } }), 400);

    expect(await auditActions(db, a.tenant.id, created.body.id)).toEqual(['custom_field.created', 'custom_field.deleted']);
    expect(await auditActions(db, a.tenant.id, first.id)).toEqual(['custom_field.created', 'custom_field.updated']);
  });

  it('checks the key format (400) and its uniqueness per workspace (409)', async () => {
    const before = (await list(a)).length;
    for (const key of ['Budget', '1budget', 'bud-get', 'budget!', '', 'b'.repeat(41), '_budget', 'budgét']) {
      const res = await app.request('POST', '/custom-fields', { token: a.accessToken, body: { key, label: 'Budget', type: 'number' } });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('key');
    }
    const missing = await app.request('POST', '/custom-fields', { token: a.accessToken, body: {} });
    expectProblem(missing, 400, 'VALIDATION_FAILED');
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['key', 'label', 'type']));
    expectProblem(await app.request('POST', '/custom-fields', { token: a.accessToken, body: { key: 'x1', label: 'X', type: 'json' } }), 400, 'VALIDATION_FAILED');
    expect((await list(a)).length).toBe(before);

    await createField(app, a, { key: 'b'.repeat(40), label: 'Longest key', type: 'text' });
    await createField(app, a, { key: 'budget_2026', label: 'Budget', type: 'number' });
    const dup = await app.request('POST', '/custom-fields', { token: a.accessToken, body: { key: 'budget_2026', label: 'Other', type: 'text' } });
    expectProblem(dup, 409, 'CUSTOM_FIELD_KEY_TAKEN');
    expect((await db.query(`SELECT count(*)::int AS n FROM crm.custom_field_definitions WHERE tenant_id = $1 AND key = 'budget_2026'`, [a.tenant.id])).rows[0].n).toBe(1);
    // The same key in another workspace is fine.
    expect((await app.request('POST', '/custom-fields', { token: b.accessToken, body: { key: 'budget_2026', label: 'Budget B', type: 'text' } })).status).toBe(201);
  });

  it('a select field needs options; other types take none (400 CUSTOM_FIELD_INVALID)', async () => {
    const before = (await list(a)).length;
    const noOptions = await app.request('POST', '/custom-fields', { token: a.accessToken, body: { key: 'stage_x', label: 'Stage', type: 'select' } });
    expectProblem(noOptions, 400, 'CUSTOM_FIELD_INVALID');
    expect(noOptions.body.errors.map((e: { field: string }) => e.field)).toEqual(['options']);
    expectProblem(await app.request('POST', '/custom-fields', { token: a.accessToken, body: { key: 'stage_x', label: 'Stage', type: 'select', options: [] } }), 400, 'CUSTOM_FIELD_INVALID');
    expectProblem(await app.request('POST', '/custom-fields', { token: a.accessToken, body: { key: 'stage_x', label: 'Stage', type: 'select', options: [''] } }), 400, 'VALIDATION_FAILED');
    expectProblem(await app.request('POST', '/custom-fields', { token: a.accessToken, body: { key: 'count_x', label: 'Count', type: 'number', options: ['1'] } }), 400, 'CUSTOM_FIELD_INVALID');
    expect((await list(a)).length).toBe(before);

    const num = await createField(app, a, { key: 'count_y', label: 'Count', type: 'number' });
    expectProblem(await app.request('PATCH', `/custom-fields/${num.id}`, { token: a.accessToken, body: { options: ['1', '2'] } }), 400, 'CUSTOM_FIELD_INVALID');
    const sel = await createField(app, a, { key: 'stage_y', label: 'Stage', type: 'select', options: ['a'] });
    expectProblem(await app.request('PATCH', `/custom-fields/${sel.id}`, { token: a.accessToken, body: { options: [] } }), 400, 'CUSTOM_FIELD_INVALID');
    expect((await fieldRow(sel.id)).options).toEqual(['a']);
    // Key and type are fixed once defined.
    expectProblem(await app.request('PATCH', `/custom-fields/${sel.id}`, { token: a.accessToken, body: { key: 'renamed' } }), 400, 'VALIDATION_FAILED');
    expectProblem(await app.request('PATCH', `/custom-fields/${sel.id}`, { token: a.accessToken, body: { type: 'text' } }), 400, 'VALIDATION_FAILED');
  });

  it('only owners and admins define fields; marketers and viewers can list but get 403 on changes', async () => {
    const admin = await addMember(app, a, 'admin', 'cf-admin');
    const marketer = await addMember(app, a, 'marketer', 'cf-mk');
    const viewer = await addMember(app, a, 'viewer', 'cf-vw');
    const byAdmin = await app.request('POST', '/custom-fields', { token: admin.accessToken, body: { key: 'by_admin', label: 'By admin', type: 'boolean' } });
    expect(byAdmin.status).toBe(201);
    const before = await list(a);
    for (const s of [marketer, viewer]) {
      expect((await list(s)).map((f) => f.id)).toEqual(before.map((f) => f.id));
      expectProblem(await app.request('POST', '/custom-fields', { token: s.accessToken, body: { key: 'nope_x', label: 'Nope', type: 'text' } }), 403, 'FORBIDDEN');
      expectProblem(await app.request('PATCH', `/custom-fields/${byAdmin.body.id}`, { token: s.accessToken, body: { label: 'Hijacked' } }), 403, 'FORBIDDEN');
      expectProblem(await app.request('DELETE', `/custom-fields/${byAdmin.body.id}`, { token: s.accessToken }), 403, 'FORBIDDEN');
    }
    expect(await list(a)).toEqual(before);
    expect((await fieldRow(byAdmin.body.id)).label).toBe('By admin');

    // API keys read the definitions with leads:read, but never define them.
    const key = (await app.request('POST', '/api-keys', { token: a.accessToken, body: { name: 'CF', scopes: ['leads:read', 'leads:write'] } })).body.key;
    const viaKey = await app.request('GET', '/custom-fields', { apiKey: key });
    expect(viaKey.status).toBe(200);
    expect(viaKey.body.items.map((f: { id: string }) => f.id)).toEqual(before.map((f) => f.id));
    expectProblem(await app.request('POST', '/custom-fields', { apiKey: key, body: { key: 'by_key', label: 'By key', type: 'text' } }), 403);
    expectProblem(await app.request('DELETE', `/custom-fields/${byAdmin.body.id}`, { apiKey: key }), 403);
    expect(await list(a)).toEqual(before);
  });

  it('validates lead values against the definitions, following option changes', async () => {
    const plan = await createField(app, a, { key: 'plan_v', label: 'Plan', type: 'select', options: ['basic', 'pro'] });
    await createField(app, a, { key: 'seats_v', label: 'Seats', type: 'number' });
    await createField(app, a, { key: 'renewal_v', label: 'Renewal', type: 'date' });
    await createField(app, a, { key: 'active_v', label: 'Active', type: 'boolean' });
    await createField(app, a, { key: 'memo_v', label: 'Memo', type: 'text' });

    const ok = await createLead(app, a, { email: email(), customFields: { plan_v: 'pro', seats_v: '1 500'.replace(' ', ''), renewal_v: '2027-01-31', active_v: true, memo_v: 'x' } });
    expect(ok.customFields).toEqual({ plan_v: 'pro', seats_v: 1500, renewal_v: '2027-01-31', active_v: true, memo_v: 'x' });
    const decimal = await createLead(app, a, { email: email(), customFields: { seats_v: '12,5' } });
    expect(decimal.customFields.seats_v).toBe(12.5);

    const bad = await app.request('POST', '/leads', {
      token: a.accessToken,
      body: { email: email(), customFields: { plan_v: 'Pro', seats_v: 'many', renewal_v: 'soon', active_v: 'yes', memo_v: 12, nope_v: 'x' } },
    });
    expectProblem(bad, 400, 'LEAD_INVALID');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      ['customFields.active_v', 'customFields.memo_v', 'customFields.nope_v', 'customFields.plan_v', 'customFields.renewal_v', 'customFields.seats_v'].sort(),
    );

    // Options changed: the new one is accepted, a removed one refused for new writes.
    expect((await app.request('PATCH', `/custom-fields/${plan.id}`, { token: a.accessToken, body: { options: ['pro', 'enterprise'] } })).status).toBe(200);
    expect((await app.request('PATCH', `/leads/${ok.id}`, { token: a.accessToken, body: { customFields: { plan_v: 'enterprise' } } })).body.customFields.plan_v).toBe('enterprise');
    expectProblem(await app.request('PATCH', `/leads/${ok.id}`, { token: a.accessToken, body: { customFields: { plan_v: 'basic' } } }), 400, 'LEAD_INVALID');
  });

  it('refuses them with LEAD_INVALID', async () => {
    await createField(app, a, { key: 'due_bug', label: 'Due', type: 'date' });
    for (const value of ['2026-02-30', 'foo 2', '12']) {
      const res = await app.request('POST', '/leads', { token: a.accessToken, body: { email: email('date-bug'), customFields: { due_bug: value } } });
      expect({ value, status: res.status, stored: res.body?.customFields?.due_bug }).toEqual({ value, status: 400, stored: undefined });
    }
  });

  it('refuses them with LEAD_INVALID', async () => {
    await createField(app, a, { key: 'qty_bug', label: 'Qty', type: 'number' });
    for (const value of ['0x1A', '0b11']) {
      const res = await app.request('POST', '/leads', { token: a.accessToken, body: { email: email('num-bug'), customFields: { qty_bug: value } } });
      expect({ value, status: res.status, stored: res.body?.customFields?.qty_bug }).toEqual({ value, status: 400, stored: undefined });
    }
  });

  it('deleting a definition removes its values from every lead of the workspace (trash too), and no other workspace\'s', async () => {
    const fa = await createField(app, a, { key: 'budget_del', label: 'Budget', type: 'number' });
    await createField(app, a, { key: 'kept_del', label: 'Kept', type: 'text' });
    const fb = await createField(app, b, { key: 'budget_del', label: 'Budget B', type: 'number' });
    const l1 = await createLead(app, a, { email: email(), customFields: { budget_del: 100, kept_del: 'yes' } });
    const l2 = await createLead(app, a, { email: email(), customFields: { budget_del: '7,5' } });
    await app.request('DELETE', `/leads/${l2.id}`, { token: a.accessToken });
    const lb = await createLead(app, b, { email: email(), customFields: { budget_del: 55 } });

    expect((await app.request('DELETE', `/custom-fields/${fa.id}`, { token: a.accessToken })).status).toBe(204);
    expect((await leadRow(db, l1.id)).custom_fields).toEqual({ kept_del: 'yes' });
    expect((await leadRow(db, l2.id)).custom_fields).toEqual({});
    expect((await app.request('GET', `/leads/${l1.id}`, { token: a.accessToken })).body.customFields).toEqual({ kept_del: 'yes' });
    expect((await leadRow(db, lb.id)).custom_fields).toEqual({ budget_del: 55 });
    expect(await fieldRow(fb.id)).toBeDefined();

    // The key is unknown now; defining it again starts empty.
    const unknown = await app.request('PATCH', `/leads/${l1.id}`, { token: a.accessToken, body: { customFields: { budget_del: 1 } } });
    expectProblem(unknown, 400, 'LEAD_INVALID');
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'customFields.budget_del', code: 'unknownField' })]);
    await createField(app, a, { key: 'budget_del', label: 'Budget again', type: 'text' });
    expect((await app.request('PATCH', `/leads/${l1.id}`, { token: a.accessToken, body: { customFields: { budget_del: 'big' } } })).body.customFields).toEqual({ kept_del: 'yes', budget_del: 'big' });
  });

  describe('tenant B against tenant A\'s custom fields', () => {
    it('cannot list, change or delete them (404), nor use them on its leads; A\'s definitions and values unchanged', async () => {
      const field = await createField(app, a, { key: 'secret_a', label: 'Secret', type: 'select', options: ['x', 'y'] });
      const lead = await createLead(app, a, { email: email('cf-cross'), customFields: { secret_a: 'x' } });
      const fieldBefore = await fieldRow(field.id);
      const leadBefore = await leadRow(db, lead.id);

      expect((await list(b)).map((f) => f.id)).not.toContain(field.id);
      expect((await list(b)).map((f) => f.key)).not.toContain('secret_a');
      expectProblem(await app.request('PATCH', `/custom-fields/${field.id}`, { token: b.accessToken, body: { label: 'Hijacked', options: ['z'] } }), 404, 'CUSTOM_FIELD_NOT_FOUND');
      expectProblem(await app.request('DELETE', `/custom-fields/${field.id}`, { token: b.accessToken }), 404, 'CUSTOM_FIELD_NOT_FOUND');
      const useIt = await app.request('POST', '/leads', { token: b.accessToken, body: { email: email('cf-b'), customFields: { secret_a: 'x' } } });
      expectProblem(useIt, 400, 'LEAD_INVALID');
      expect(useIt.body.errors).toEqual([expect.objectContaining({ field: 'customFields.secret_a', code: 'unknownField' })]);
      expectProblem(await app.request('PATCH', `/leads/${lead.id}`, { token: b.accessToken, body: { customFields: { secret_a: null } } }), 404, 'LEAD_NOT_FOUND');
      const keyB = (await app.request('POST', '/api-keys', { token: b.accessToken, body: { name: 'B', scopes: ['leads:read'] } })).body.key;
      expect((await app.request('GET', '/custom-fields', { apiKey: keyB })).body.items.map((f: { id: string }) => f.id)).not.toContain(field.id);

      expect(await fieldRow(field.id)).toEqual(fieldBefore);
      expect(await leadRow(db, lead.id)).toEqual(leadBefore);
      expect(await auditActions(db, b.tenant.id, field.id)).toEqual([]);
    });
  });
});
