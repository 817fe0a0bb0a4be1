// RLS overhead: the same tenant-scoped indexed read (first page of a tenant's leads, newest first)
// through our path — PrismaService.scoped() as the runtime role, row-level security deciding —
// vs the same SQL through pg as the owner, without RLS. Sequential calls; latency per read.
import pg from 'pg';
import { APP_URL, OWNER_URL, ROOT, benchEnv, fmt, freshDatabase } from './support.mjs';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 3000);
const TENANTS = 20;
const LEADS_PER_TENANT = 5000;

await freshDatabase();
const owner = new pg.Pool({ connectionString: OWNER_URL, max: 2 });
const tenants = [];
for (let i = 0; i < TENANTS; i++) {
  const { rows } = await owner.query(`INSERT INTO tenancy.tenants (name, slug) VALUES ($1, $2) RETURNING id`, [`Tenant ${i}`, `tenant-${i}`]);
  tenants.push(rows[0].id);
  await owner.query(
    `INSERT INTO crm.leads (tenant_id, email, first_name, last_name, company, created_at)
     SELECT $1, 'lead' || g || '@t' || $2 || '.test', 'First' || g, 'Last' || g, 'Company ' || (g % 50), now() - g * interval '1 minute'
       FROM generate_series(1, $3) g`,
    [rows[0].id, i, LEADS_PER_TENANT],
  );
}
await owner.query('VACUUM ANALYZE crm.leads');
const tenantId = tenants[7];

const SQL = `SELECT id, email, first_name, last_name, phone, company, job_title, source, lifecycle_stage, tags, score, created_at, updated_at
               FROM crm.leads WHERE tenant_id = $1 AND deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 51`;

const env = benchEnv();
Object.assign(process.env, { APP_DATABASE_URL: APP_URL });
const { PrismaService } = await import(`${ROOT}/dist/infra/prisma/prisma.service.js`);
const { LeadsRepository } = await import(`${ROOT}/dist/modules/crm/leads.repository.js`);
const { loadConfig } = await import(`${ROOT}/dist/config/config.js`);
const prisma = new PrismaService(loadConfig({ ...env, DB_POOL_SIZE: '2' }));
const repo = new LeadsRepository();

// The same read as the runtime role with the tenant set per transaction, through pg: isolates
// what RLS + the transaction cost from what Prisma costs.
const appPool = new pg.Pool({ connectionString: APP_URL, max: 2 });
async function rawWithRls() {
  const c = await appPool.connect();
  try {
    await c.query('BEGIN');
    await c.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    const r = await c.query(SQL, [tenantId]);
    await c.query('COMMIT');
    return r.rows;
  } finally {
    c.release();
  }
}

async function timeIt(label, fn) {
  for (let i = 0; i < 300; i++) await fn(); // warm-up
  const samples = new Float64Array(ITERATIONS);
  for (let i = 0; i < ITERATIONS; i++) {
    const t = performance.now();
    const rows = await fn();
    samples[i] = performance.now() - t;
    if (rows.length !== 51) throw new Error(`${label}: expected 51 rows, got ${rows.length}`);
  }
  samples.sort();
  const mean = samples.reduce((a, b) => a + b, 0) / ITERATIONS;
  const p50 = samples[Math.floor(ITERATIONS * 0.5)];
  const p99 = samples[Math.floor(ITERATIONS * 0.99)];
  console.log(`${label.padEnd(44)} mean ${fmt(mean * 1000)} µs   p50 ${fmt(p50 * 1000)} µs   p99 ${fmt(p99 * 1000)} µs`);
  return mean;
}

console.log(`first page (51 rows) of one tenant's leads; ${TENANTS} tenants x ${LEADS_PER_TENANT} leads; ${ITERATIONS} sequential reads each`);
const floor = await timeIt('floor: pg as owner, no RLS', () => owner.query(SQL, [tenantId]).then((r) => r.rows));
const rls = await timeIt('pg as runtime role, RLS + tx + set_config', rawWithRls);
const ours = await timeIt('ours: PrismaService.scoped + repository', () => prisma.scoped({ tenantId }, (tx) => repo.list(tx, tenantId, 50)));
console.log(`ratio (ours / floor): ${fmt(ours / floor, 2)}x latency   (goal <= 1.3x)`);
console.log(`  of which RLS + transaction (pg, runtime role / floor): ${fmt(rls / floor, 2)}x; Prisma on top: ${fmt(ours / rls, 2)}x`);

await prisma.$disconnect();
await appPool.end();
await owner.end();
