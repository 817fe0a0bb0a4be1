import type pg from 'pg';
import { createTestApp, expectProblem, register, type Session, type TestApp } from './support/app.js';
import { ownerClient } from './support/db.js';

describe('POST /events', () => {
  let app: TestApp;
  let owner: pg.Client;
  let a: Session;
  let b: Session;
  let key: string;
  const at = () => new Date().toISOString();

  beforeAll(async () => {
    app = await createTestApp();
    owner = await ownerClient();
    a = await register(app, 'Events A', 'ea');
    b = await register(app, 'Events B', 'eb');
    key = (await app.request('POST', '/api-keys', { token: a.accessToken, body: { name: 'site', scopes: ['events:write'] } })).body.key;
  });
  afterAll(async () => {
    await owner.end();
    await app.close();
  });

  const send = (events: unknown[], auth: { token?: string; apiKey?: string } = { apiKey: key }) => app.request('POST', '/events', { ...auth, body: { events } });

  it('stores a batch, creating leads for new emails, and is idempotent by event id', async () => {
    const id = '7d1f3c2a-0000-4000-8000-000000000001';
    const email = `events.${Date.now()}@exemple.fr`;
    const first = await send([
      { id, type: 'email.clicked', lead: { email: email.toUpperCase() }, occurredAt: '2026-11-20T10:00:00.000Z', properties: { link: 'offre' } },
      { type: 'page.viewed', lead: { email }, occurredAt: at() },
    ]);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ accepted: 2, duplicates: 0, rejected: [], leadsCreated: 1 });
    const lead = (await owner.query(`SELECT id, source FROM crm.leads WHERE tenant_id = $1 AND email = $2`, [a.tenant.id, email])).rows[0];
    expect(lead.source).toBe('events');

    const replay = await send([{ id, type: 'email.clicked', lead: { email }, occurredAt: '2026-11-20T10:00:00.000Z' }]);
    expect(replay.body).toMatchObject({ accepted: 0, duplicates: 1, leadsCreated: 0 });
    const stored = await owner.query(`SELECT count(*)::int AS n FROM analytics.events WHERE tenant_id = $1 AND lead_id = $2`, [a.tenant.id, lead.id]);
    expect(stored.rows[0].n).toBe(2);

    const timeline = await app.request('GET', `/leads/${lead.id}/timeline`, { token: a.accessToken });
    expect(timeline.body.items.map((i: { title: string }) => i.title)).toEqual(expect.arrayContaining(['email.clicked', 'page.viewed']));
  });

  it('keeps event ids per workspace: the same id from two workspaces, in either order, is two events', async () => {
    const keyB = (await app.request('POST', '/api-keys', { token: b.accessToken, body: { name: 'site', scopes: ['events:write'] } })).body.key;
    const occurredAt = '2026-11-20T11:00:00.000Z';
    const event = (id: string) => ({ id, type: 'page.viewed', lead: { anonymousId: `shared-${id}` }, occurredAt });
    const stored = async (tenantId: string, id: string) =>
      (await owner.query(`SELECT count(*)::int AS n FROM analytics.events WHERE tenant_id = $1 AND external_id = $2`, [tenantId, id])).rows[0].n;

    // A first, then B: B learns nothing about A's event and its own is kept.
    const first = '7d1f3c2a-0000-4000-8000-0000000000a1';
    expect((await send([event(first)])).body).toMatchObject({ accepted: 1, duplicates: 0 });
    expect((await send([event(first)], { apiKey: keyB })).body).toMatchObject({ accepted: 1, duplicates: 0 });
    // B first, then A: A's event is not silently dropped.
    const second = '7d1f3c2a-0000-4000-8000-0000000000b1';
    expect((await send([event(second)], { apiKey: keyB })).body).toMatchObject({ accepted: 1, duplicates: 0 });
    expect((await send([event(second)])).body).toMatchObject({ accepted: 1, duplicates: 0 });
    for (const id of [first, second]) {
      expect(await stored(a.tenant.id, id)).toBe(1);
      expect(await stored(b.tenant.id, id)).toBe(1);
    }
    // Each workspace still sees its own replays as duplicates.
    expect((await send([event(first)], { apiKey: keyB })).body).toMatchObject({ accepted: 0, duplicates: 1 });
    expect((await send([event(second)])).body).toMatchObject({ accepted: 0, duplicates: 1 });
  });

  it('accepts integrators\' own event ids (Segment or RudderStack messageIds), idempotent within the workspace', async () => {
    const ids = [`ajs-next-${Date.now()}-4f1b2c3d-9e8f`, `rudder:${Date.now()}:évènement/ü`, 'x', 'y'.repeat(200)];
    const occurredAt = '2026-11-20T12:00:00.000Z';
    const batch = ids.map((id) => ({ id, type: 'email.opened', lead: { anonymousId: 'msg-ids' }, occurredAt }));
    expect((await send(batch)).body).toEqual({ accepted: 4, duplicates: 0, rejected: [], leadsCreated: 0 });
    expect((await send(batch)).body).toEqual({ accepted: 0, duplicates: 4, rejected: [], leadsCreated: 0 });
    // The same id twice in one batch is stored once.
    const twice = `twice-${Date.now()}`;
    expect((await send([{ ...batch[0], id: twice }, { ...batch[0], id: twice }])).body).toMatchObject({ accepted: 1, duplicates: 1 });
    // The id goes with its time: the same id at another time is another event.
    expect((await send([{ ...batch[0], occurredAt: '2026-11-20T12:00:01.000Z' }])).body).toMatchObject({ accepted: 1, duplicates: 0 });
    const rows = await owner.query(`SELECT external_id, id FROM analytics.events WHERE tenant_id = $1 AND external_id = ANY($2::text[])`, [a.tenant.id, ids]);
    expect(rows.rows.map((r) => r.external_id).sort()).toEqual([...ids, ids[0]].sort());
    // Internal ids stay our own time-ordered UUIDs (timeline cursors compare them).
    expect(rows.rows.every((r) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/.test(r.id))).toBe(true);
  });

  it('refuses unusable event ids and dates outside years 1 to 9999 or not in strict ISO 8601, storing nothing', async () => {
    const ok = { type: 'a.b', lead: { anonymousId: 'strict' }, occurredAt: at() };
    const before = (await owner.query(`SELECT count(*)::int AS n FROM analytics.events WHERE tenant_id = $1`, [a.tenant.id])).rows[0].n;
    for (const id of ['', 'z'.repeat(201), 'tab\there', 'line\nbreak', 42]) {
      const res = await send([{ ...ok, id }]);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('events.0.id');
    }
    for (const occurredAt of [
      '-100000-01-01T00:00:00.000Z', '+010000-01-01T00:00:00.000Z', '10000-01-01T00:00:00Z', '0000-12-31T23:59:59Z',
      '0001-01-01T00:30:00+01:00', '9999-12-31T23:00:00-05:00', '2026-02-30T10:00:00Z', '2026-11-20T24:00:00Z', '2026-11-20',
      '2026-11-20T10:00:00', '20261120T100000Z', 'Fri, 20 Nov 2026 10:00:00 GMT', '2026-11-20T10:00:00Z trailing', 1_700_000_000_000, null,
    ]) {
      const res = await send([{ ...ok, occurredAt }]);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('events.0.occurredAt');
    }
    expect((await owner.query(`SELECT count(*)::int AS n FROM analytics.events WHERE tenant_id = $1`, [a.tenant.id])).rows[0].n).toBe(before);

    // The edges of the range, offsets and fractions are fine.
    const edges = await send([
      { ...ok, occurredAt: '0001-01-01T00:00:00Z' },
      { ...ok, occurredAt: '1999-12-31T23:59:59.123456+02:00' },
      { ...ok, occurredAt: '2024-02-29T12:00:00.5-03:30' },
      { ...ok, occurredAt: '9999-12-31T23:59:59.999Z' },
    ]);
    expect(edges.status).toBe(200);
    expect(edges.body).toMatchObject({ accepted: 3, rejected: [{ index: 3, code: 'OCCURRED_IN_FUTURE' }] });
    const times = await owner.query(`SELECT occurred_at FROM analytics.events WHERE tenant_id = $1 AND anonymous_id = 'strict' ORDER BY occurred_at`, [a.tenant.id]);
    expect(times.rows.map((r) => (r.occurred_at as Date).toISOString())).toEqual(['0001-01-01T00:00:00.000Z', '1999-12-31T21:59:59.123Z', '2024-02-29T15:30:00.500Z']);
  });

  it('links an anonymous visitor\'s earlier events to the lead once identified, and later ones too', async () => {
    const anon = `anon-${Date.now()}`;
    const email = `identified.${Date.now()}@exemple.fr`;
    await send([{ type: 'page.viewed', lead: { anonymousId: anon }, occurredAt: '2026-11-21T09:00:00.000Z' }]);
    expect((await owner.query(`SELECT lead_id FROM analytics.events WHERE anonymous_id = $1`, [anon])).rows[0].lead_id).toBeNull();
    await send([{ type: 'form.submitted', lead: { anonymousId: anon, email }, occurredAt: '2026-11-21T09:05:00.000Z' }]);
    await send([{ type: 'page.viewed', lead: { anonymousId: anon }, occurredAt: '2026-11-21T09:10:00.000Z' }]);
    const leadId = (await owner.query(`SELECT id FROM crm.leads WHERE email = $1`, [email])).rows[0].id;
    const events = await owner.query(`SELECT lead_id FROM analytics.events WHERE anonymous_id = $1`, [anon]);
    expect(events.rows).toHaveLength(3);
    expect(events.rows.every((r) => r.lead_id === leadId)).toBe(true);
  });

  it('rejects bad events one by one and stores the rest', async () => {
    const res = await send([
      { type: 'ok.event', lead: { anonymousId: 'x1' }, occurredAt: at() },
      { type: 'no.lead', lead: {}, occurredAt: at() },
      { type: 'future', lead: { anonymousId: 'x2' }, occurredAt: new Date(Date.now() + 3_600_000).toISOString() },
      { type: 'bad.email', lead: { email: 'nope' }, occurredAt: at() },
      { type: 'ghost', lead: { id: '7d1f3c2a-0000-4000-8000-00000000dead' }, occurredAt: at() },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(1);
    expect(res.body.rejected.map((r: { index: number; code: string }) => [r.index, r.code])).toEqual([
      [1, 'LEAD_REQUIRED'],
      [2, 'OCCURRED_IN_FUTURE'],
      [3, 'INVALID_EMAIL'],
      [4, 'LEAD_NOT_FOUND'],
    ]);
  });

  it('refuses malformed batches whole: bad types, unknown fields, too many events', async () => {
    expectProblem(await send([{ type: 'Bad Type!', lead: { anonymousId: 'x' }, occurredAt: at() }]), 400, 'VALIDATION_FAILED');
    expectProblem(await send([{ type: 'a', lead: { anonymousId: 'x' }, occurredAt: 'yesterday' }]), 400, 'VALIDATION_FAILED');
    expectProblem(await send([]), 400, 'VALIDATION_FAILED');
    const many = Array.from({ length: 1001 }, () => ({ type: 'a', lead: { anonymousId: 'x' }, occurredAt: at() }));
    expectProblem(await send(many), 400, 'VALIDATION_FAILED');
  });

  it('needs the events:write scope, and viewers cannot send events', async () => {
    const readOnly = (await app.request('POST', '/api-keys', { token: a.accessToken, body: { name: 'ro', scopes: ['leads:read'] } })).body.key;
    expectProblem(await send([{ type: 'a', lead: { anonymousId: 'x' }, occurredAt: at() }], { apiKey: readOnly }), 403, 'INSUFFICIENT_SCOPE');
    expect((await send([{ type: 'a', lead: { anonymousId: 'x' }, occurredAt: at() }], { token: a.accessToken })).status).toBe(200);
  });

  it('never attaches an event to another tenant\'s lead, even by id or email', async () => {
    const email = `a-only.${Date.now()}@exemple.fr`;
    const created = await app.request('POST', '/leads', { token: a.accessToken, body: { email } });
    expect(created.status).toBe(201);
    const res = await send([{ type: 'sneaky', lead: { id: created.body.id }, occurredAt: at() }], { token: b.accessToken });
    expect(res.body.rejected).toEqual([{ index: 0, code: 'LEAD_NOT_FOUND', message: expect.any(String) }]);
    const byEmail = await send([{ type: 'sneaky', lead: { email }, occurredAt: at() }], { token: b.accessToken });
    expect(byEmail.body.leadsCreated).toBe(1);
    const aEvents = await owner.query(`SELECT count(*)::int AS n FROM analytics.events WHERE lead_id = $1`, [created.body.id]);
    expect(aEvents.rows[0].n).toBe(0);
    const bLead = await owner.query(`SELECT tenant_id FROM crm.leads WHERE email = $1 AND tenant_id = $2`, [email, b.tenant.id]);
    expect(bLead.rows).toHaveLength(1);
  });
});
