// Runs compiled segments against a real PostgreSQL (a throw-away database migrated with the
// committed migrations, so crm.fold, the per-lead event counters and their triggers are the real
// ones) and checks the exact lead ids returned.
import pg from 'pg';
import { pino } from 'pino';
import { migrate } from '../../../../infra/database/migrator.js';
import { compileSegment, countSql, sampleSql, type SegmentRules } from './index.js';

const ADMIN = { host: process.env.PGHOST ?? '127.0.0.1', port: Number(process.env.PGPORT ?? 5432), user: process.env.PGUSER ?? 'postgres' };
const DB = `lynara_segc_${process.pid}`;
const NOW = new Date('2026-06-15T12:00:00.000Z');
const T1 = '0191f0a0-0000-7000-8000-0000000000f1';
const T2 = '0191f0a0-0000-7000-8000-0000000000f2';
const O1 = '0191f0a0-0000-7000-8000-00000000001a';
const O2 = '0191f0a0-0000-7000-8000-00000000002a';
const id = (n: string) => `0191f0a0-0000-7000-8000-0000000000${n}`;
const A1 = id('a1'), A2 = id('a2'), A3 = id('a3'), A4 = id('a4'), A5 = id('a5'), A6 = id('a6');
const B1 = id('b1'), B2 = id('b2');
const T3 = '0191f0a0-0000-7000-8000-0000000000f3';
const C1 = id('c1'), C2 = id('c2'), C3 = id('c3'), C4 = id('c4');
const NAMES: Record<string, string> = {
  [A1]: 'a1', [A2]: 'a2', [A3]: 'a3', [A4]: 'a4', [A5]: 'a5', [A6]: 'a6', [B1]: 'b1', [B2]: 'b2', [C1]: 'c1', [C2]: 'c2', [C3]: 'c3', [C4]: 'c4',
};
const CUSTOM = { plan: 'select', seats: 'number', renewal: 'date', vip: 'boolean', industry: 'text', ville: 'text', statut: 'select' } as const;
const ago = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

let client: pg.Client;

interface LeadRow {
  id: string; tenant: string; email?: string | null; first?: string; company?: string | null; stage: string; owner?: string | null;
  tags: string[]; cf: Record<string, unknown>; email_c?: string; sms_c?: string; wa_c?: string; score: number; created: string; deleted?: string;
}
const LEADS: LeadRow[] = [
  { id: A1, tenant: T1, email: 'ann@acme.io', first: 'Ann', company: 'Acme', stage: 'mql', owner: O1, tags: ['vip', 'newsletter'],
    cf: { plan: 'pro', seats: 12, renewal: '2026-09-01', vip: true, industry: 'Banking' }, email_c: 'granted', score: 40, created: '2026-01-10T09:00:00Z' },
  { id: A2, tenant: T1, email: 'bob@globex.com', first: 'Bob', company: 'Globex', stage: 'lead', tags: ['newsletter'],
    cf: { plan: 'Team', seats: 'n/a', renewal: '2025-02-30', vip: 'maybe' }, email_c: 'denied', sms_c: 'granted', score: 5, created: '2026-03-01T09:00:00Z' },
  { id: A3, tenant: T1, email: 'cara@shop.io', first: 'Cara', company: '100%_Off', stage: 'customer', owner: O2, tags: ['VIP'],
    cf: { seats: 3, renewal: '2026-06-01T10:00:00+02:00', vip: false, industry: 'retail' }, wa_c: 'granted', score: 80, created: '2026-05-20T09:00:00Z' },
  { id: A4, tenant: T1, email: null, first: 'Dan', company: null, stage: 'subscriber', tags: [], cf: {}, score: 0, created: '2026-06-10T09:00:00Z' },
  { id: A5, tenant: T1, email: 'eve@acme.io', first: 'Eve', company: 'ACME Corp', stage: 'opportunity', tags: ['vip', 'partner'],
    cf: { seats: 250.5 }, email_c: 'granted', score: 15, created: '2025-11-01T09:00:00Z', deleted: '2026-06-01T00:00:00Z' },
  { id: A6, tenant: T1, email: 'fay@initech.com', first: 'Fay', company: 'Initech', stage: 'lead', tags: ['newsletter', 'partner'],
    cf: { seats: '7', renewal: '2026-12-31', plan: { nested: true } }, score: 22, created: '2026-06-14T09:00:00Z' },
  // Tenant 2 mirrors tenant 1's best matches: it must never show up in tenant 1's results.
  { id: B1, tenant: T2, email: 'ann@acme.io', first: 'Ann', company: 'Acme', stage: 'mql', owner: O1, tags: ['vip', 'partner'],
    cf: { seats: 12, vip: true }, email_c: 'granted', wa_c: 'granted', score: 40, created: '2026-06-01T09:00:00Z' },
  { id: B2, tenant: T2, email: 'zed@acme.io', first: 'Zed', company: 'Acme', stage: 'customer', tags: ['newsletter'], cf: {}, score: 25, created: '2026-06-12T09:00:00Z' },
  // Tenant 3: text written every which way, for folded comparisons.
  { id: C1, tenant: T3, first: 'Hélène', company: 'Saint-Étienne Habitat', stage: 'lead', tags: [], cf: { ville: 'Saint-Étienne', statut: 'Propriétaire' }, score: 0, created: '2026-06-01T09:00:00Z' },
  { id: C2, tenant: T3, first: 'HELENE', company: 'Cœur de Ville', stage: 'lead', tags: [], cf: { ville: 'SAINT-ETIENNE', statut: 'locataire' }, score: 0, created: '2026-06-02T09:00:00Z' },
  { id: C3, tenant: T3, first: 'Zoë', company: 'Straße GmbH', stage: 'lead', tags: [], cf: { ville: 'Lyon' }, score: 0, created: '2026-06-03T09:00:00Z' },
  { id: C4, tenant: T3, first: 'Åsa', company: null, stage: 'lead', tags: [], cf: {}, score: 0, created: '2026-06-04T09:00:00Z' },
];

const EVENTS: [string, string, string, string, Record<string, unknown>?][] = [
  // tenant, lead, type, occurred_at, properties
  [T1, A1, 'email.clicked', ago(2)],
  [T1, A1, 'email.clicked', ago(10), { campaign: 'spring', n: 1 }],
  [T1, A1, 'email.clicked', ago(40)],
  [T1, A1, 'page.viewed', ago(1), { path: '/pricing' }],
  [T1, A2, 'email.clicked', ago(5), { campaign: 'summer' }],
  [T1, A2, 'email.clicked', ago(100)],
  [T1, A2, 'form.submitted', ago(3)],
  [T1, A3, 'email.clicked', ago(1), { campaign: 'spring', n: 2 }],
  [T1, A3, 'email.clicked', ago(3), { campaign: 'spring' }],
  [T1, A3, 'email.clicked', ago(20), { campaign: 'summer' }],
  [T1, A5, 'email.clicked', ago(1)],
  [T1, A5, 'email.clicked', ago(2)],
  [T1, A5, 'form.submitted', ago(2)],
  [T1, A6, 'page.viewed', ago(400), { path: '/pricing' }],
  [T1, A6, 'email.opened', ago(1)],
  [T2, B1, 'email.clicked', ago(1)],
  [T2, B1, 'email.clicked', ago(2)],
  [T2, B1, 'form.submitted', ago(2)],
  // A tenant-2 event naming a tenant-1 lead must not count for it.
  [T2, A4, 'form.submitted', ago(2)],
  [T2, A4, 'email.clicked', ago(2)],
  [T2, A4, 'email.clicked', ago(3)],
];

/** Lead names the rule selects, checked to agree between count and sample and between both event-count strategies. */
async function ids(rules: unknown, tenantId = T1): Promise<string[]> {
  const results: string[][] = [];
  for (const eventCounts of ['correlated', 'grouped'] as const) {
    const compiled = compileSegment(rules as SegmentRules, { tenantId, now: NOW, customFields: { ...CUSTOM }, eventCounts });
    const { text, params } = sampleSql(compiled, 100);
    const rows = (await client.query<{ id: string }>(text, params)).rows.map((r) => NAMES[r.id] ?? r.id);
    const count = (await client.query<{ count: number }>(countSql(compiled).text, countSql(compiled).params)).rows[0].count;
    expect(count).toBe(rows.length);
    results.push(rows.sort());
  }
  expect(results[1]).toEqual(results[0]);
  return results[0];
}
const and = (...conditions: unknown[]) => ({ op: 'and', conditions });
const or = (...conditions: unknown[]) => ({ op: 'or', conditions });

beforeAll(async () => {
  const admin = new pg.Client({ ...ADMIN, database: 'postgres' });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
  await admin.end();
  const url = (user: string) => `postgresql://${user}@${ADMIN.host}:${ADMIN.port}/${DB}`;
  await migrate({ ownerUrl: url(ADMIN.user), appUrl: url('lynara_app:lynara_app'), logger: pino({ level: 'silent' }) });
  client = new pg.Client({ ...ADMIN, database: DB });
  await client.connect();
  // Monthly partitions around NOW (the migrations create them around today's date).
  await client.query(`
    DO $$ DECLARE m date := date '2025-01-01'; BEGIN
      WHILE m < date '2027-01-01' LOOP
        IF to_regclass('analytics.events_' || to_char(m, 'YYYY_MM')) IS NULL THEN
          EXECUTE format('CREATE TABLE analytics.%I PARTITION OF analytics.events FOR VALUES FROM (%L) TO (%L)',
            'events_' || to_char(m, 'YYYY_MM'), m::timestamptz, (m + interval '1 month')::timestamptz);
        END IF;
        m := m + interval '1 month';
      END LOOP; END $$`);
  for (const [tenant, name] of [[T1, 'one'], [T2, 'two'], [T3, 'three']]) {
    await client.query('INSERT INTO tenancy.tenants (id, name, slug) VALUES ($1, $2, $3)', [tenant, `Segments ${name}`, `segments-${name}`]);
  }
  for (const l of LEADS) {
    await client.query(
      `INSERT INTO crm.leads (id, tenant_id, email, first_name, company, lifecycle_stage, owner_id, tags, custom_fields,
         email_consent, sms_consent, whatsapp_consent, score, created_at, deleted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [l.id, l.tenant, l.email ?? null, l.first ?? null, l.company ?? null, l.stage, l.owner ?? null, l.tags, JSON.stringify(l.cf),
        l.email_c ?? 'unknown', l.sms_c ?? 'unknown', l.wa_c ?? 'unknown', l.score, l.created, l.deleted ?? null],
    );
  }
  for (const [tenant, lead, type, at, props] of EVENTS) {
    await client.query('INSERT INTO analytics.events (tenant_id, lead_id, type, occurred_at, properties) VALUES ($1, $2, $3, $4, $5)', [
      tenant, lead, type, at, JSON.stringify(props ?? {}),
    ]);
  }
  // Filler: 60k events of other leads over 18 months, so the planner has a real choice to make.
  await client.query(`
    INSERT INTO analytics.events (tenant_id, lead_id, type, occurred_at, properties)
    SELECT CASE WHEN g % 2 = 0 THEN $1::uuid ELSE $2::uuid END,
           ('0191f0a0-0000-7000-8000-' || lpad(to_hex(g % 5000 + 4096), 12, '0'))::uuid,
           (ARRAY['email.clicked', 'email.opened', 'page.viewed', 'form.submitted'])[g % 4 + 1],
           $3::timestamptz - (g % 540) * interval '1 day', '{}'
    FROM generate_series(1, 60000) g`, [T1, T2, NOW.toISOString()]);
  await client.query('ANALYZE');
}, 60_000);

afterAll(async () => {
  await client?.end();
  const admin = new pg.Client({ ...ADMIN, database: 'postgres' });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.end();
});

describe('compiled segments on PostgreSQL', () => {
  it('did email.clicked at least 2 times in the last 30 days', async () => {
    const rule = and({ type: 'event', eventType: 'email.clicked', operator: 'atLeast', count: 2, withinDays: 30 });
    expect(await ids(rule)).toEqual(['a1', 'a3']);
    expect(await ids(rule, T2)).toEqual(['b1']);
  });

  it('never did form.submitted (other tenants’ events ignored, deleted leads excluded)', async () => {
    expect(await ids(and({ type: 'event', eventType: 'form.submitted', operator: 'never' }))).toEqual(['a1', 'a3', 'a4', 'a6']);
  });

  it('event properties and windows', async () => {
    expect(await ids(and({ type: 'event', eventType: 'email.clicked', operator: 'atLeast', count: 1, withinDays: 30, properties: { campaign: 'spring' } }))).toEqual(['a1', 'a3']);
    expect(await ids(and({ type: 'event', eventType: 'email.clicked', operator: 'atLeast', count: 2, properties: { campaign: 'spring' } }))).toEqual(['a3']);
    expect(await ids(and({ type: 'event', eventType: 'email.clicked', operator: 'exactly', count: 1, properties: { n: 2 } }))).toEqual(['a3']);
    expect(await ids(and({ type: 'event', eventType: 'page.viewed', operator: 'atLeast', count: 1, withinDays: 365, properties: { path: '/pricing' } }))).toEqual(['a1']);
    expect(await ids(and({ type: 'event', eventType: 'email.clicked', operator: 'exactly', count: 1, withinDays: 30 }))).toEqual(['a2']);
    expect(await ids(and({ type: 'event', eventType: 'email.clicked', operator: 'atMost', count: 1 }))).toEqual(['a4', 'a6']);
    expect(await ids(and({ type: 'event', eventType: 'email.clicked', operator: 'exactly', count: 3 }))).toEqual(['a1', 'a3']);
  });

  it('custom fields with malformed stored values neither match nor fail', async () => {
    const cf = (valueType: string, key: string, operator: string, value?: unknown) => and({ type: 'customField', key, valueType, operator, ...(value === undefined ? {} : { value }) });
    expect(await ids(cf('number', 'seats', 'gt', 5))).toEqual(['a1', 'a6']);
    expect(await ids(cf('number', 'seats', 'isNotSet'))).toEqual(['a2', 'a4']);
    expect(await ids(cf('number', 'seats', 'between', [3, 7]))).toEqual(['a3', 'a6']);
    expect(await ids(cf('date', 'renewal', 'before', '2026-07-01'))).toEqual(['a3']);
    expect(await ids(cf('date', 'renewal', 'after', '2026-06-01'))).toEqual(['a1', 'a6']);
    expect(await ids(cf('date', 'renewal', 'isSet'))).toEqual(['a1', 'a3', 'a6']);
    expect(await ids(cf('boolean', 'vip', 'eq', true))).toEqual(['a1']);
    expect(await ids(cf('boolean', 'vip', 'neq', true))).toEqual(['a2', 'a3', 'a4', 'a6']);
    expect(await ids(cf('select', 'plan', 'in', ['team', 'PRO']))).toEqual(['a1', 'a2']);
    expect(await ids(cf('text', 'industry', 'contains', 'ank'))).toEqual(['a1']);
  });

  it('guarded casts survive arbitrary stored strings', async () => {
    const stored = [
      '2024-02-29', '2025-02-29', '2025-02-30', '2025-04-31', '2025-13-01', '0000-01-01', '2026-06-01T24:00:00', '2026-06-01T10:00:00+99:00',
      '2026-06-01T10:00:00.1234567Z', '2026-06-01 10:00:00+02', 'yesterday', 'infinity', '', '12', '-3.5', '.5', '1e5', '1.2.3', 'NaN', ' 7', '9'.repeat(200),
      'true', 'FALSE', 'yes',
    ];
    const run = async (valueType: string, operator: string, value?: unknown) => {
      const c = compileSegment(and({ type: 'customField', key: 'k', valueType, operator, ...(value === undefined ? {} : { value }) }) as SegmentRules, {
        tenantId: T1,
        customFields: { k: valueType as 'text' },
      });
      const text = `SELECT l.v FROM (SELECT $1::uuid AS tenant_id, NULL::timestamptz AS deleted_at, jsonb_build_object('k', v) AS custom_fields, v
                     FROM unnest($${c.params.length + 1}::text[]) v) l WHERE ${c.where} ORDER BY 1`;
      return (await client.query<{ v: string }>(text, [...c.params, stored])).rows.map((r) => r.v);
    };
    expect(await run('date', 'isSet')).toEqual(['2024-02-29', '2026-06-01 10:00:00+02'].sort());
    expect(await run('date', 'after', '2026-01-01')).toEqual(['2026-06-01 10:00:00+02']);
    expect((await run('number', 'isSet')).sort()).toEqual(['-3.5', '.5', '12'].sort());
    expect(await run('number', 'lt', 0)).toEqual(['-3.5']);
    expect((await run('boolean', 'isSet')).sort()).toEqual(['FALSE', 'true']);
    expect(await run('boolean', 'eq', false)).toEqual(['FALSE']);
  });

  it('OR groups and nesting', async () => {
    expect(await ids(or({ type: 'field', field: 'company', operator: 'contains', value: 'acme' }, { type: 'tag', operator: 'has', value: 'partner' }))).toEqual(['a1', 'a6']);
    expect(
      await ids(
        and(
          { type: 'field', field: 'lifecycleStage', operator: 'in', value: ['mql', 'customer'] },
          or({ type: 'consent', channel: 'email', status: 'granted' }, { type: 'consent', channel: 'whatsapp', status: 'granted' }),
        ),
      ),
    ).toEqual(['a1', 'a3']);
  });

  it('five conditions including a behavioural one', async () => {
    const rule = and(
      { type: 'field', field: 'lifecycleStage', operator: 'neq', value: 'subscriber' },
      { type: 'consent', channel: 'email', status: 'granted' },
      { type: 'field', field: 'score', operator: 'gte', value: 10 },
      { type: 'event', eventType: 'email.clicked', operator: 'atLeast', count: 2, withinDays: 30 },
      { type: 'tag', operator: 'has', value: 'vip' },
    );
    expect(await ids(rule)).toEqual(['a1']);
    expect(await ids(rule, T2)).toEqual(['b1']);
  });

  it('text, number, date, owner and tag operators', async () => {
    expect(await ids(and({ type: 'field', field: 'company', operator: 'neq', value: 'ACME' }))).toEqual(['a2', 'a3', 'a4', 'a6']);
    expect(await ids(and({ type: 'field', field: 'email', operator: 'isNotSet' }))).toEqual(['a4']);
    expect(await ids(and({ type: 'field', field: 'email', operator: 'startsWith', value: 'BO' }))).toEqual(['a2']);
    expect(await ids(and({ type: 'field', field: 'firstName', operator: 'in', value: ['ANN', 'cara'] }))).toEqual(['a1', 'a3']);
    expect(await ids(and({ type: 'field', field: 'score', operator: 'between', value: [10, 40] }))).toEqual(['a1', 'a6']);
    expect(await ids(and({ type: 'field', field: 'score', operator: 'gt', value: 39.5 }))).toEqual(['a1', 'a3']);
    expect(await ids(and({ type: 'field', field: 'createdAt', operator: 'withinLastDays', value: 30 }))).toEqual(['a3', 'a4', 'a6']);
    expect(await ids(and({ type: 'field', field: 'createdAt', operator: 'between', value: ['2026-01-10', '2026-03-01'] }))).toEqual(['a1', 'a2']);
    expect(await ids(and({ type: 'field', field: 'ownerId', operator: 'eq', value: O1 }))).toEqual(['a1']);
    expect(await ids(and({ type: 'field', field: 'ownerId', operator: 'isNotSet' }))).toEqual(['a2', 'a4', 'a6']);
    expect(await ids(and({ type: 'tag', operator: 'hasAny', value: ['vip', 'partner'] }))).toEqual(['a1', 'a6']);
    expect(await ids(and({ type: 'tag', operator: 'hasAll', value: ['vip', 'newsletter'] }))).toEqual(['a1']);
    expect(await ids(and({ type: 'tag', operator: 'hasNot', value: 'newsletter' }))).toEqual(['a3', 'a4']);
  });

  it('LIKE metacharacters and quotes in values match literally', async () => {
    expect(await ids(and({ type: 'field', field: 'company', operator: 'contains', value: '%_' }))).toEqual(['a3']);
    expect(await ids(and({ type: 'field', field: 'company', operator: 'contains', value: 'a%e' }))).toEqual([]);
    expect(await ids(and({ type: 'field', field: 'company', operator: 'endsWith', value: '_off' }))).toEqual(['a3']);
    expect(await ids(and({ type: 'field', field: 'company', operator: 'contains', value: '\\' }))).toEqual([]);
    expect(await ids(or({ type: 'field', field: 'company', operator: 'eq', value: "x'); DROP TABLE crm.leads; --" }, { type: 'tag', operator: 'has', value: "'" }))).toEqual([]);
    const key = "seats'); DROP TABLE crm.leads; --";
    const compiled = compileSegment(and({ type: 'customField', key, valueType: 'number', operator: 'isSet' }) as SegmentRules, { tenantId: T1, now: NOW, customFields: { [key]: 'number' } });
    expect((await client.query(countSql(compiled).text, countSql(compiled).params)).rows[0].count).toBe(0);
    expect((await client.query('SELECT count(*)::int AS n FROM crm.leads')).rows[0].n).toBe(LEADS.length);
  });

  it('sample is newest first with the documented columns; tenant 2 never appears', async () => {
    const compiled = compileSegment(and({ type: 'field', field: 'score', operator: 'gte', value: 0 }) as SegmentRules, { tenantId: T1, now: NOW });
    const { rows } = await client.query(sampleSql(compiled, 10).text, sampleSql(compiled, 10).params);
    expect(rows.map((r) => NAMES[r.id])).toEqual(['a6', 'a4', 'a3', 'a2', 'a1']);
    expect(Object.keys(rows[0]).sort()).toEqual(['city', 'civility', 'company', 'email', 'firstName', 'id', 'lastName', 'score']);
    const t2 = compileSegment(and({ type: 'field', field: 'company', operator: 'eq', value: 'acme' }) as SegmentRules, { tenantId: T2, now: NOW });
    expect((await client.query(sampleSql(t2).text, sampleSql(t2).params)).rows.map((r) => NAMES[r.id]).sort()).toEqual(['b1', 'b2']);
  });

  it('uses the (tenant_id, lead_id, type, occurred_at) index and prunes months outside the window', async () => {
    const compiled = compileSegment(
      and({ type: 'event', eventType: 'email.clicked', operator: 'atLeast', count: 2, withinDays: 30 }, { type: 'event', eventType: 'form.submitted', operator: 'never' }) as SegmentRules,
      { tenantId: T1, now: NOW },
    );
    const { text, params } = countSql(compiled);
    const plan = (await client.query(`EXPLAIN ${text}`, params)).rows.map((r) => r['QUERY PLAN'] as string).join('\n');
    expect(plan).toMatch(/Index (Only )?Scan using events_\d{4}_\d{2}_tenant_id_lead_id_type_occurred_at_idx/);
    // Only the empty future partitions (no pages yet) may be read sequentially.
    expect(plan).not.toMatch(/Seq Scan on events_(2025_\d\d|2026_0[1-6]|default)\b/);
    // withinDays 30 from 2026-06-15: only May 2026 onwards (and the default partition) are read;
    // older months are pruned at plan time.
    const window = compileSegment(and({ type: 'event', eventType: 'email.clicked', operator: 'atLeast', count: 2, withinDays: 30 }) as SegmentRules, {
      tenantId: T1,
      now: NOW,
    });
    const windowPlan = (await client.query(`EXPLAIN ${countSql(window).text}`, countSql(window).params)).rows.map((r) => r['QUERY PLAN'] as string).join('\n');
    const scanned = [...windowPlan.matchAll(/ on (events_\w+)/g)].map((m) => m[1]);
    expect(scanned).toEqual(expect.arrayContaining(['events_2026_05', 'events_2026_06', 'events_default']));
    expect(scanned.filter((name) => /events_(2025_|2026_0[1-4])/.test(name))).toEqual([]);
  });

  it('compares text folded: case, accents and ligatures, in stored values and rule values alike', async () => {
    const t = (field: string, operator: string, value?: unknown) => ids(and({ type: 'field', field, operator, ...(value === undefined ? {} : { value }) }), T3);
    const cf = (key: string, valueType: string, operator: string, value?: unknown) =>
      ids(and({ type: 'customField', key, valueType, operator, ...(value === undefined ? {} : { value }) }), T3);
    // Ville = "saint-etienne" matches "Saint-Étienne" and "SAINT-ETIENNE".
    expect(await cf('ville', 'text', 'eq', 'saint-etienne')).toEqual(['c1', 'c2']);
    expect(await cf('ville', 'text', 'eq', 'SAINT-ÉTIENNE')).toEqual(['c1', 'c2']);
    expect(await cf('ville', 'text', 'neq', 'saint-etienne')).toEqual(['c3', 'c4']);
    expect(await cf('ville', 'text', 'contains', 'ÉTIEN')).toEqual(['c1', 'c2']);
    expect(await cf('ville', 'text', 'notContains', 'etien')).toEqual(['c3', 'c4']);
    expect(await cf('ville', 'text', 'startsWith', 'saint-é')).toEqual(['c1', 'c2']);
    expect(await cf('ville', 'text', 'endsWith', 'Etienne')).toEqual(['c1', 'c2']);
    expect(await cf('ville', 'text', 'in', ['lyon', 'saint-étienne'])).toEqual(['c1', 'c2', 'c3']);
    expect(await cf('ville', 'text', 'notIn', ['LYON', 'saint-etienne'])).toEqual(['c4']);
    expect(await cf('statut', 'select', 'eq', 'proprietaire')).toEqual(['c1']);
    expect(await cf('statut', 'select', 'in', ['PROPRIÉTAIRE', 'Locataire'])).toEqual(['c1', 'c2']);
    expect(await t('firstName', 'eq', 'helene')).toEqual(['c1', 'c2']);
    expect(await t('firstName', 'eq', 'zoe')).toEqual(['c3']);
    expect(await t('firstName', 'eq', 'asa')).toEqual(['c4']);
    expect(await t('company', 'contains', 'coeur')).toEqual(['c2']);
    expect(await t('company', 'contains', 'CŒUR DE')).toEqual(['c2']);
    expect(await t('company', 'contains', 'strasse')).toEqual(['c3']);
    expect(await t('company', 'startsWith', 'saint-etienne h')).toEqual(['c1']);
    expect(await t('company', 'notContains', 'coeur')).toEqual(['c1', 'c3', 'c4']);
    // Folding happens before LIKE escaping: a fullwidth ％ is a literal %, not a wildcard.
    expect(await t('company', 'contains', 'Habitat％')).toEqual([]);
    // Tenant 1's leads never match tenant 3's rule.
    expect(await ids(and({ type: 'field', field: 'firstName', operator: 'eq', value: 'hélène' }))).toEqual([]);
  });

  describe('per-lead event counters', () => {
    const TYPES = ['email.clicked', 'form.submitted', 'page.viewed', 'email.opened', 'never.seen'];
    const OPERATORS: [string, number | undefined][] = [['atLeast', 1], ['atLeast', 2], ['atLeast', 3], ['atMost', 1], ['atMost', 2], ['exactly', 1], ['exactly', 2], ['never', undefined]];
    const WINDOWS = [undefined, 1, 3, 7, 30, 365, 3650];
    const cmp: Record<string, string> = { atLeast: '>=', atMost: '<=', exactly: '=', never: '=' };

    /** The same question answered from the events alone, by brute force. */
    async function bruteForce(tenant: string, type: string, operator: string, count: number | undefined, withinDays: number | undefined): Promise<string[]> {
      const since = withinDays === undefined ? null : new Date(NOW.getTime() - withinDays * 86_400_000).toISOString();
      const { rows } = await client.query<{ id: string }>(
        `SELECT l.id FROM crm.leads l WHERE l.tenant_id = $1 AND l.deleted_at IS NULL
            AND (SELECT count(*) FROM analytics.events e WHERE e.tenant_id = $1 AND e.lead_id = l.id AND e.type = $2
                   AND ($3::timestamptz IS NULL OR e.occurred_at >= $3)) ${cmp[operator]} $4`,
        [tenant, type, since, count ?? 0],
      );
      return rows.map((r) => NAMES[r.id] ?? r.id).sort();
    }

    async function expectAllAgree(tenants = [T1, T2]): Promise<void> {
      for (const tenant of tenants) {
        for (const type of TYPES) {
          for (const [operator, count] of OPERATORS) {
            for (const withinDays of WINDOWS) {
              const rule = { type: 'event', eventType: type, operator, ...(count === undefined ? {} : { count }), ...(withinDays === undefined ? {} : { withinDays }) };
              const got = await ids(and(rule), tenant);
              expect({ rule, tenant, got }).toEqual({ rule, tenant, got: await bruteForce(tenant, type, operator, count, withinDays) });
            }
          }
        }
      }
    }

    /** Counters as the events say they should be: count exact, first/last at least as wide as the events'. */
    async function expectCountersMatchEvents(exactBounds: boolean): Promise<void> {
      const { rows } = await client.query(`
        SELECT coalesce(c.tenant_id, e.tenant_id) AS tenant_id, coalesce(c.lead_id, e.lead_id) AS lead_id, coalesce(c.type, e.type) AS type,
               c.count AS counted, e.n AS actual, c.first_at <= e.first_at AS first_ok, c.last_at >= e.last_at AS last_ok,
               c.first_at = e.first_at AND c.last_at = e.last_at AS exact
          FROM analytics.lead_event_counts c
          FULL JOIN (SELECT tenant_id, lead_id, type, count(*)::int AS n, min(occurred_at) AS first_at, max(occurred_at) AS last_at
                       FROM analytics.events WHERE lead_id IS NOT NULL GROUP BY 1, 2, 3) e
            ON (c.tenant_id, c.lead_id, c.type) = (e.tenant_id, e.lead_id, e.type)
         WHERE c.count IS DISTINCT FROM e.n OR NOT (c.first_at <= e.first_at AND c.last_at >= e.last_at)
            OR ($1 AND NOT (c.first_at = e.first_at AND c.last_at = e.last_at))`, [exactBounds]);
      expect(rows).toEqual([]);
    }

    /** Runs `change` in a transaction that is rolled back, so the other tests keep their data. */
    async function inRolledBack(change: () => Promise<void>): Promise<void> {
      await client.query('BEGIN');
      try {
        await change();
      } finally {
        await client.query('ROLLBACK');
      }
    }

    it('match the events they count, and answer every operator and window as the events would', async () => {
      await expectCountersMatchEvents(true);
      await expectAllAgree();
    });

    it('stay right when events move between leads (a merge) or are deleted', async () => {
      await inRolledBack(async () => {
        // A merge: every event of a2 and a5 to a1.
        await client.query(`UPDATE analytics.events SET lead_id = $1 WHERE tenant_id = $2 AND lead_id = ANY($3::uuid[])`, [A1, T1, [A2, A5]]);
        await expectCountersMatchEvents(true);
        expect((await client.query(`SELECT count(*)::int AS n FROM analytics.lead_event_counts WHERE lead_id = ANY($1::uuid[])`, [[A2, A5]])).rows[0].n).toBe(0);
        await expectAllAgree([T1]);
        // Some of a lead's events moved away or deleted: counts stay exact, times become bounds.
        await client.query(`UPDATE analytics.events SET lead_id = $1 WHERE tenant_id = $2 AND lead_id = $3 AND type = 'email.clicked' AND occurred_at > $4`, [A6, T1, A1, ago(3)]);
        await client.query(`DELETE FROM analytics.events WHERE tenant_id = $1 AND lead_id = $2 AND type = 'email.clicked' AND occurred_at < $3`, [T1, A3, ago(15)]);
        await expectCountersMatchEvents(false);
        await expectAllAgree([T1]);
        // Deleting a lead's last events of a type removes its counter row.
        await client.query(`DELETE FROM analytics.events WHERE tenant_id = $1 AND lead_id = $2`, [T1, A3]);
        expect((await client.query(`SELECT count(*)::int AS n FROM analytics.lead_event_counts WHERE lead_id = $1`, [A3])).rows[0].n).toBe(0);
        await expectCountersMatchEvents(false);
      });
    });

    it('count a replayed event once, and anonymous events once linked to the lead', async () => {
      await inRolledBack(async () => {
        const replay = `INSERT INTO analytics.events (tenant_id, external_id, lead_id, type, occurred_at) VALUES ($1, 'evt-1', $2, 'email.clicked', $3)
                        ON CONFLICT (tenant_id, external_id, occurred_at) WHERE external_id IS NOT NULL DO NOTHING`;
        for (let i = 0; i < 3; i++) await client.query(replay, [T1, A4, ago(1)]);
        await client.query(`INSERT INTO analytics.events (tenant_id, anonymous_id, type, occurred_at) VALUES ($1, 'visitor-9', 'page.viewed', $2), ($1, 'visitor-9', 'page.viewed', $3)`, [T1, ago(2), ago(50)]);
        expect(await ids(and({ type: 'event', eventType: 'email.clicked', operator: 'exactly', count: 1 }))).toEqual(['a4']);
        expect(await ids(and({ type: 'event', eventType: 'page.viewed', operator: 'atLeast', count: 2 }))).toEqual([]);
        await client.query(`UPDATE analytics.events SET lead_id = $1 WHERE tenant_id = $2 AND anonymous_id = 'visitor-9' AND lead_id IS NULL`, [A4, T1]);
        expect(await ids(and({ type: 'event', eventType: 'page.viewed', operator: 'atLeast', count: 2 }))).toEqual(['a4']);
        expect(await ids(and({ type: 'event', eventType: 'page.viewed', operator: 'exactly', count: 1, withinDays: 30 }))).toEqual(['a1', 'a4']);
        await expectCountersMatchEvents(true);
      });
    });

    it('are per tenant: a tenant-2 event naming a tenant-1 lead counts for tenant 2 only', async () => {
      const { rows } = await client.query(`SELECT tenant_id, type, count FROM analytics.lead_event_counts WHERE lead_id = $1 ORDER BY tenant_id, type`, [A4]);
      expect(rows).toEqual([
        { tenant_id: T2, type: 'email.clicked', count: 2 },
        { tenant_id: T2, type: 'form.submitted', count: 1 },
      ]);
      expect(await ids(and({ type: 'event', eventType: 'email.clicked', operator: 'atLeast', count: 1 }))).not.toContain('a4');
    });

    it('are read through their primary key, and the events only within the window', async () => {
      const compiled = compileSegment(and({ type: 'event', eventType: 'email.clicked', operator: 'atLeast', count: 2, withinDays: 30 }) as SegmentRules, { tenantId: T1, now: NOW });
      await client.query('BEGIN');
      try {
        await client.query('SET LOCAL enable_seqscan = off');
        const plan = (await client.query(`EXPLAIN ${countSql(compiled).text}`, countSql(compiled).params)).rows.map((r) => r['QUERY PLAN'] as string).join('\n');
        expect(plan).toMatch(/Index (Only )?Scan using lead_event_counts_pkey on lead_event_counts c/);
        expect(plan).not.toMatch(/ on events_(2025_\d\d|2026_0[1-4])\b/);
      } finally {
        await client.query('ROLLBACK');
      }
    });
  });
});
