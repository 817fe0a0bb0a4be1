// Segment count over 1M leads and 10M events, five conditions including a behavioural one:
// our path (rules → compileSegment → one parameterised query, as the runtime role under RLS,
// SegmentsRepository.count) vs the same question written by hand as SQL, run as the owner.
// The events are written by one INSERT, as ingestion would write them: the per-lead counters
// (analytics.lead_event_counts) are kept by the triggers on analytics.events, seeding included.
import pg from 'pg';
import { APP_URL, ROOT, benchEnv, fmt, freshDatabase } from './support.mjs';
import { ownerPool, seedLeads } from './crm-data.mjs';

const LEADS = Number(process.env.BENCH_LEADS ?? 1_000_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

await freshDatabase();
const pool = await ownerPool();
let t0 = Date.now();
const tenantId = await seedLeads(pool, LEADS, { events: EVENTS });
console.log(`seeded ${fmt(LEADS)} leads and ${fmt(EVENTS)} events in ${fmt((Date.now() - t0) / 1000, 1)} s`);

const rules = {
  op: 'and',
  conditions: [
    { type: 'field', field: 'jobTitle', operator: 'contains', value: 'directeur' },
    { type: 'field', field: 'lifecycleStage', operator: 'in', value: ['mql', 'sql'] },
    { type: 'consent', channel: 'email', status: 'granted' },
    { type: 'field', field: 'score', operator: 'gte', value: 20 },
    { type: 'event', eventType: 'email.clicked', operator: 'atLeast', count: 2, withinDays: 30 },
  ],
};
// Two ways an expert writes the behavioural part; the faster one is the floor.
const HAND_WRITTEN_CORRELATED = `
  SELECT count(*)::int AS count FROM crm.leads l
   WHERE l.tenant_id = $1 AND l.deleted_at IS NULL
     AND lower(l.job_title) LIKE '%directeur%' AND l.lifecycle_stage IN ('mql', 'sql')
     AND l.email_consent = 'granted' AND l.score >= 20
     AND (SELECT count(*) FROM (SELECT 1 FROM analytics.events e
                                  WHERE e.tenant_id = $1 AND e.lead_id = l.id AND e.type = 'email.clicked'
                                    AND e.occurred_at >= now() - interval '30 days' LIMIT 2) x) >= 2`;
const HAND_WRITTEN = `
  SELECT count(*)::int AS count FROM crm.leads l
   WHERE l.tenant_id = $1 AND l.deleted_at IS NULL
     AND lower(l.job_title) LIKE '%directeur%' AND l.lifecycle_stage IN ('mql', 'sql')
     AND l.email_consent = 'granted' AND l.score >= 20
     AND l.id IN (SELECT e.lead_id FROM analytics.events e
                   WHERE e.tenant_id = $1 AND e.type = 'email.clicked' AND e.occurred_at >= now() - interval '30 days'
                   GROUP BY e.lead_id HAVING count(*) >= 2)`;

Object.assign(process.env, benchEnv());
const { loadConfig } = await import(`${ROOT}/dist/config/config.js`);
const { ScopedSql } = await import(`${ROOT}/dist/infra/database/scoped-sql.js`);
const { SegmentsRepository } = await import(`${ROOT}/dist/modules/crm/segments/segments.repository.js`);
const { parseSegmentRules, compileSegment } = await import(`${ROOT}/dist/modules/crm/segments/compiler/index.js`);
const { eventCountsFor } = await import(`${ROOT}/dist/modules/crm/segments/segments.service.js`);
const sql = new ScopedSql(loadConfig({ ...benchEnv(), APP_DATABASE_URL: APP_URL, DB_POOL_SIZE: '2' }));
const repo = new SegmentsRepository(sql);

const ours = async () => {
  const parsed = parseSegmentRules(rules);
  return repo.count(tenantId, compileSegment(parsed, { tenantId, customFields: {}, eventCounts: eventCountsFor(parsed) }));
};
const grouped = async () => (await pool.query(HAND_WRITTEN, [tenantId])).rows[0].count;
const correlated = async () => (await pool.query(HAND_WRITTEN_CORRELATED, [tenantId])).rows[0].count;

const counts = [await ours(), await grouped(), await correlated()];
if (new Set(counts).size !== 1) throw new Error(`counts differ: ours/grouped/correlated ${counts.join('/')}`);
if (!counts[0]) throw new Error('the segment is empty: the benchmark data does not exercise the query');
console.log(`segment size: ${fmt(counts[0])} leads`);
const times = { ours: [], grouped: [], correlated: [] };
for (let i = 0; i < RUNS; i++) {
  for (const [name, fn] of [['grouped', grouped], ['correlated', correlated], ['ours', ours]]) {
    t0 = performance.now();
    await fn();
    times[name].push(performance.now() - t0);
  }
}
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const floorMs = Math.min(median(times.grouped), median(times.correlated));
console.log(`hand-written, GROUP BY/HAVING (owner, no RLS)    median ${fmt(median(times.grouped))} ms over ${RUNS} runs`);
console.log(`hand-written, correlated LIMIT (owner, no RLS)   median ${fmt(median(times.correlated))} ms`);
console.log(`ours (compiled rules, runtime role under RLS)    median ${fmt(median(times.ours))} ms`);
console.log(`ratio (ours / faster hand-written): ${fmt(median(times.ours) / floorMs, 2)}x   (goal <= 1.0x)`);
await sql.onApplicationShutdown();
await pool.end();
