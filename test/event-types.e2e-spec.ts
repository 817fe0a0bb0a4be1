import type pg from 'pg';
import { createTestApp, expectProblem, register, type Session, type TestApp } from './support/app.js';
import { appClient, ownerClient } from './support/db.js';

interface EventType {
  type: string;
  events: number;
  lastOccurredAt: string | null;
  platform: boolean;
}

describe('GET /events/types', () => {
  let app: TestApp;
  let owner: pg.Client;
  let a: Session;
  let b: Session;
  let keyA: string;
  let keyB: string;

  beforeAll(async () => {
    app = await createTestApp();
    owner = await ownerClient();
    a = await register(app, 'Types A', 'ta');
    b = await register(app, 'Types B', 'tb');
    const key = async (s: Session, scopes: string[]) => (await app.request('POST', '/api-keys', { token: s.accessToken, body: { name: 'site', scopes } })).body.key as string;
    keyA = await key(a, ['events:write']);
    keyB = await key(b, ['events:write']);
  });
  afterAll(async () => {
    await owner.end();
    await app.close();
  });

  const send = (apiKey: string, events: unknown[]) => app.request('POST', '/events', { apiKey, body: { events } });
  const event = (type: string, occurredAt: string, id?: string) => ({ ...(id && { id }), type, lead: { anonymousId: `visitor-${type}` }, occurredAt });
  const list = async (s: Session, query = '') => {
    const res = await app.request<{ items: EventType[] }>('GET', `/events/types${query}`, { token: s.accessToken });
    expect(res.status).toBe(200);
    return res.body.items;
  };

  it("lists the workspace's own types by frequency with their counts and latest time, then the platform's it has not sent", async () => {
    expect((await send(keyA, [
      event('email.opened', '2026-11-20T10:00:00Z', 'o-1'),
      event('email.opened', '2026-11-21T10:00:00Z', 'o-2'),
      event('email.opened', '2026-11-19T10:00:00Z', 'o-3'),
      event('devis.demande', '2026-11-22T09:30:00Z', 'd-1'),
    ])).body).toMatchObject({ accepted: 4 });
    expect((await send(keyA, [event('visite.agence', '2026-11-23T08:00:00Z', 'v-1'), event('devis.demande', '2026-11-18T09:30:00Z', 'd-2')])).body).toMatchObject({ accepted: 2 });
    // Replays insert nothing, so they count nothing.
    expect((await send(keyA, [event('email.opened', '2026-11-20T10:00:00Z', 'o-1'), event('visite.agence', '2026-11-23T08:00:00Z', 'v-1')])).body).toMatchObject({ accepted: 0, duplicates: 2 });

    const items = await list(a);
    expect(items.slice(0, 3)).toEqual([
      { type: 'email.opened', events: 3, lastOccurredAt: '2026-11-21T10:00:00.000Z', platform: true },
      { type: 'devis.demande', events: 2, lastOccurredAt: '2026-11-22T09:30:00.000Z', platform: false },
      { type: 'visite.agence', events: 1, lastOccurredAt: '2026-11-23T08:00:00.000Z', platform: false },
    ]);
    const rest = items.slice(3);
    expect(rest.every((i) => i.platform && i.events === 0 && i.lastOccurredAt === null)).toBe(true);
    expect(rest.map((i) => i.type)).toEqual(expect.arrayContaining(['email.clicked', 'form.submitted', 'page.viewed', 'purchase', 'sms.sent']));
    expect(rest.map((i) => i.type)).not.toContain('email.opened');
    expect(new Set(items.map((i) => i.type)).size).toBe(items.length);
  });

  it("never lists another workspace's types or counts", async () => {
    expect((await send(keyB, [event('secret.b-only', '2026-11-20T10:00:00Z'), event('email.opened', '2026-11-20T11:00:00Z')])).body).toMatchObject({ accepted: 2 });

    const seenByA = await list(a);
    expect(seenByA.map((i) => i.type)).not.toContain('secret.b-only');
    expect(seenByA.find((i) => i.type === 'email.opened')?.events).toBe(3);
    expect(await list(a, '?q=secret')).toEqual([]);

    const seenByB = await list(b);
    expect(seenByB.slice(0, 2).map((i) => [i.type, i.events])).toEqual([
      ['email.opened', 1],
      ['secret.b-only', 1],
    ]);
    expect(seenByB.map((i) => i.type)).not.toContain('devis.demande');
    // The runtime role, in A's context, can neither read nor write B's counts.
    const runtime = await appClient();
    try {
      await runtime.query('BEGIN');
      await runtime.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.tenant.id]);
      expect((await runtime.query(`SELECT type FROM analytics.event_type_counts WHERE type = 'secret.b-only'`)).rows).toEqual([]);
      expect((await runtime.query(`UPDATE analytics.event_type_counts SET events = 0 WHERE tenant_id = $1`, [b.tenant.id])).rowCount).toBe(0);
      await expect(runtime.query(`INSERT INTO analytics.event_type_counts VALUES ($1, 'forged', 1, now())`, [b.tenant.id])).rejects.toMatchObject({ code: '42501' });
    } finally {
      await runtime.query('ROLLBACK');
      await runtime.end();
    }
    expect((await list(b))[0]).toMatchObject({ type: 'email.opened', events: 1 });
  });

  it('filters by part of the type, case-insensitively, platform types included', async () => {
    expect((await list(a, '?q=DEVIS')).map((i) => i.type)).toEqual(['devis.demande']);
    const email = await list(a, '?q=email.');
    expect(email[0]).toMatchObject({ type: 'email.opened', events: 3 });
    expect(email.every((i) => i.type.startsWith('email.'))).toBe(true);
    expect(email.map((i) => i.type)).toContain('email.bounced');
    expect((await list(a, '?q=_')).map((i) => i.type)).toEqual([]);
    expect((await list(a, '?limit=1')).filter((i) => !i.platform).map((i) => i.type)).toEqual([]);
    expect((await list(a, '?limit=1'))[0]).toMatchObject({ type: 'email.opened', events: 3 });
  });

  it('keeps counts exact when batches of one workspace arrive at once, whatever the order of their types', async () => {
    const types = ['c.alpha', 'c.beta', 'c.gamma', 'c.delta'];
    const batches = Array.from({ length: 8 }, (_, n) =>
      (n % 2 ? [...types].reverse() : types).flatMap((type, i) => Array.from({ length: 5 }, (_, k) => event(type, `2026-11-2${(k % 5) + 1}T0${i}:00:00Z`, `${type}-${n}-${k}`))),
    );
    const results = await Promise.all(batches.map((batch) => send(keyA, batch)));
    expect(results.map((r) => r.status)).toEqual(batches.map(() => 200));
    expect(results.reduce((sum, r) => sum + r.body.accepted, 0)).toBe(8 * 20);
    const counted = (await list(a, '?q=c.')).filter((i) => types.includes(i.type));
    expect(counted.map((i) => [i.type, i.events]).sort()).toEqual(types.map((t) => [t, 40]).sort());
  });

  it('is open to every member and to keys that read leads; bad parameters are 400', async () => {
    const readKey = (await app.request('POST', '/api-keys', { token: a.accessToken, body: { name: 'reader', scopes: ['leads:read'] } })).body.key;
    expect((await app.request('GET', '/events/types', { apiKey: readKey })).status).toBe(200);
    expectProblem(await app.request('GET', '/events/types', { apiKey: keyA }), 403);
    expectProblem(await app.request('GET', '/events/types'), 401);
    for (const query of ['?limit=0', '?limit=501', '?limit=ten', `?q=${'x'.repeat(101)}`]) {
      expectProblem(await app.request('GET', `/events/types${query}`, { token: a.accessToken }), 400);
    }
  });
});
