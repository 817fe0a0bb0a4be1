import type pg from 'pg';
import { createTestApp, register, type Session, type TestApp } from './support/app.js';
import { createLead } from './support/crm.js';
import { appClient, ownerClient } from './support/db.js';

/**
 * Per-lead behaviour counters (analytics.lead_event_counts), kept by PostgreSQL in the statement
 * that writes analytics.events, as the API writes them: ingestion, replays, anonymous visitors
 * identified later, merges. Segment conditions on event counts read them.
 */
describe('per-lead event counters', () => {
  let app: TestApp;
  let db: pg.Client;
  let a: Session;
  let b: Session;
  let n = 0;
  const email = (name: string) => `${name}.${process.pid}.${++n}@counts.test`;
  const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

  beforeAll(async () => {
    app = await createTestApp();
    db = await ownerClient();
    a = await register(app, 'Counts A', 'counts-a');
    b = await register(app, 'Counts B', 'counts-b');
  });
  afterAll(async () => {
    await db.end();
    await app.close();
  });

  const send = async (s: Session, events: unknown[]) => {
    const res = await app.request('POST', '/events', { token: s.accessToken, body: { events } });
    expect(res.status).toBe(200);
    return res.body;
  };
  const counters = async (tenantId: string, leadId: string) =>
    (
      await db.query(`SELECT type, count, first_at AS "firstAt", last_at AS "lastAt" FROM analytics.lead_event_counts WHERE tenant_id = $1 AND lead_id = $2 ORDER BY type`, [
        tenantId,
        leadId,
      ])
    ).rows.map((r) => ({ ...r, firstAt: r.firstAt.toISOString(), lastAt: r.lastAt.toISOString() }));
  const leadIdOf = async (tenantId: string, address: string) =>
    (await db.query(`SELECT id FROM crm.leads WHERE tenant_id = $1 AND email = $2`, [tenantId, address])).rows[0].id as string;
  const segment = async (s: Session, conditions: unknown[]) => {
    const res = await app.request('POST', '/segments/preview', { token: s.accessToken, body: { rules: { op: 'and', conditions } } });
    expect(res.status).toBe(200);
    return (res.body.sample as { email: string }[]).map((l) => l.email).sort();
  };
  const clicked = (operator: string, count?: number, withinDays?: number) => ({
    type: 'event',
    eventType: 'email.clicked',
    operator,
    ...(count === undefined ? {} : { count }),
    ...(withinDays === undefined ? {} : { withinDays }),
  });

  it('count what ingestion stores, a replayed event once, with the first and last time', async () => {
    const who = email('claire');
    const events = [
      { id: 'click-1', type: 'email.clicked', lead: { email: who }, occurredAt: ago(40) },
      { id: 'click-2', type: 'email.clicked', lead: { email: who }, occurredAt: ago(2) },
      { type: 'email.clicked', lead: { email: who }, occurredAt: ago(1) },
      { type: 'page.viewed', lead: { email: who }, occurredAt: ago(3) },
    ];
    expect(await send(a, events)).toMatchObject({ accepted: 4, duplicates: 0 });
    const lead = await leadIdOf(a.tenant.id, who);
    const expected = [
      { type: 'email.clicked', count: 3, firstAt: ago(40).slice(0, 16), lastAt: ago(1).slice(0, 16) },
      { type: 'page.viewed', count: 1, firstAt: ago(3).slice(0, 16), lastAt: ago(3).slice(0, 16) },
    ];
    const minutes = (rows: Awaited<ReturnType<typeof counters>>) => rows.map((r) => ({ ...r, firstAt: r.firstAt.slice(0, 16), lastAt: r.lastAt.slice(0, 16) }));
    expect(minutes(await counters(a.tenant.id, lead))).toEqual(expected);
    // The same two events sent again (a retried batch) are duplicates: nothing more is counted.
    expect(await send(a, events.slice(0, 2))).toMatchObject({ accepted: 0, duplicates: 2 });
    expect(minutes(await counters(a.tenant.id, lead))).toEqual(expected);

    expect(await segment(a, [clicked('exactly', 3)])).toContain(who);
    expect(await segment(a, [clicked('atLeast', 4)])).not.toContain(who);
    expect(await segment(a, [clicked('exactly', 2, 30)])).toContain(who);
    expect(await segment(a, [clicked('never', undefined, 1)])).toContain(who);
  });

  it("count an anonymous visitor's earlier events once they are identified", async () => {
    const who = email('visitor');
    const anonymousId = `anon-${process.pid}-${n}`;
    const rows = async () => (await db.query(`SELECT count(*)::int AS n FROM analytics.lead_event_counts WHERE tenant_id = $1`, [a.tenant.id])).rows[0].n;
    const before = await rows();
    await send(a, [
      { type: 'email.clicked', lead: { anonymousId }, occurredAt: ago(5) },
      { type: 'email.clicked', lead: { anonymousId }, occurredAt: ago(4) },
    ]);
    // No lead yet: nothing to count.
    expect(await rows()).toBe(before);
    await send(a, [{ type: 'form.submitted', lead: { email: who, anonymousId }, occurredAt: ago(0) }]);
    const lead = await leadIdOf(a.tenant.id, who);
    expect((await counters(a.tenant.id, lead)).map((c) => [c.type, c.count])).toEqual([
      ['email.clicked', 2],
      ['form.submitted', 1],
    ]);
    expect(await segment(a, [clicked('atLeast', 2, 7)])).toContain(who);
  });

  it('move to the surviving lead on a merge, adding up', async () => {
    const keep = email('keep');
    const dup = email('dup');
    await send(a, [
      { type: 'email.clicked', lead: { email: keep }, occurredAt: ago(10) },
      { type: 'email.clicked', lead: { email: keep }, occurredAt: ago(9) },
      { type: 'email.clicked', lead: { email: dup }, occurredAt: ago(60) },
      { type: 'email.clicked', lead: { email: dup }, occurredAt: ago(1) },
      { type: 'email.opened', lead: { email: dup }, occurredAt: ago(2) },
    ]);
    const [keepId, dupId] = [await leadIdOf(a.tenant.id, keep), await leadIdOf(a.tenant.id, dup)];
    expect(await segment(a, [clicked('atLeast', 4)])).not.toContain(keep);

    const res = await app.request('POST', `/leads/${keepId}/merge`, { token: a.accessToken, body: { sourceIds: [dupId] } });
    expect(res.status).toBe(200);
    const merged = await counters(a.tenant.id, keepId);
    expect(merged.map((c) => [c.type, c.count])).toEqual([
      ['email.clicked', 4],
      ['email.opened', 1],
    ]);
    expect(merged[0]!.firstAt.slice(0, 16)).toBe(ago(60).slice(0, 16));
    expect(merged[0]!.lastAt.slice(0, 16)).toBe(ago(1).slice(0, 16));
    expect(await counters(a.tenant.id, dupId)).toEqual([]);
    expect(await segment(a, [clicked('exactly', 4)])).toEqual([keep]);
    expect(await segment(a, [clicked('exactly', 3, 30)])).toEqual([keep]);
  });

  it('are per tenant: the same person in two workspaces has two sets, each invisible to the other', async () => {
    const who = email('both');
    await send(a, [{ type: 'email.clicked', lead: { email: who }, occurredAt: ago(1) }]);
    await send(b, [1, 2, 3].map((d) => ({ type: 'email.clicked', lead: { email: who }, occurredAt: ago(d) })));
    const [inA, inB] = [await leadIdOf(a.tenant.id, who), await leadIdOf(b.tenant.id, who)];
    expect((await counters(a.tenant.id, inA)).map((c) => c.count)).toEqual([1]);
    expect((await counters(b.tenant.id, inB)).map((c) => c.count)).toEqual([3]);
    expect(await segment(a, [clicked('atLeast', 2)])).not.toContain(who);
    expect(await segment(b, [clicked('atLeast', 3)])).toEqual([who]);

    // The runtime role, scoped to B, neither reads A's counters nor writes one for A.
    const runtime = await appClient();
    try {
      await runtime.query('BEGIN');
      await runtime.query(`SELECT set_config('app.tenant_id', $1, true)`, [b.tenant.id]);
      expect((await runtime.query(`SELECT count(*)::int AS n FROM analytics.lead_event_counts WHERE lead_id = $1`, [inA])).rows[0].n).toBe(0);
      await expect(
        runtime.query(`INSERT INTO analytics.lead_event_counts (tenant_id, lead_id, type, count, first_at, last_at) VALUES ($1, $2, 'email.clicked', 99, now(), now())`, [a.tenant.id, inA]),
      ).rejects.toMatchObject({ code: '42501' });
      await runtime.query('ROLLBACK');
    } finally {
      await runtime.end();
    }
    expect((await counters(a.tenant.id, inA)).map((c) => c.count)).toEqual([1]);
  });

  it('follow a lead created through the API too', async () => {
    const lead = await createLead(app, a, { email: email('api'), firstName: 'Api' });
    await send(a, [{ type: 'email.clicked', lead: { id: lead.id }, occurredAt: ago(0) }]);
    expect((await counters(a.tenant.id, lead.id)).map((c) => [c.type, c.count])).toEqual([['email.clicked', 1]]);
  });
});
