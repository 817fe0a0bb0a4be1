// RLS overhead: the same tenant-scoped indexed read (first page of a tenant's leads, newest first)
// through our path — LeadsRepository.list as the runtime role, row-level security deciding, the
// tenant set per transaction — vs the same SQL through pg as the owner, without RLS.
// Sequential calls; latency per read. Also prints the Prisma interactive-transaction variant.
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


const env = benchEnv();
Object.assign(process.env, { APP_DATABASE_URL: APP_URL });
const { PrismaService } = await import(`${ROOT}/dist/infra/prisma/prisma.service.js`);
const { ScopedSql } = await import(`${ROOT}/dist/infra/database/scoped-sql.js`);
const { LeadsRepository, leadColumns } = await import(`${ROOT}/dist/modules/crm/leads.repository.js`);
// The same SQL as LeadsRepository.list's first page.
const SQL = `SELECT ${leadColumns()} FROM crm.leads WHERE tenant_id = $1 AND deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 51`;
const { loadConfig } = await import(`${ROOT}/dist/config/config.js`);
const config = loadConfig({ ...env, DB_POOL_SIZE: '2' });
const prisma = new PrismaService(config);
const scopedSql = new ScopedSql(config);
const repo = new LeadsRepository(scopedSql);

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

/** Runs the variants in interleaved rounds, so a busy moment of the machine hits all of them alike. */
async function compare(variants) {
  const ROUNDS = 10;
  const perRound = Math.ceil(ITERATIONS / ROUNDS);
  const samples = variants.map(() => []);
  for (const v of variants) for (let i = 0; i < 200; i++) await v.fn(); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    for (const [k, v] of variants.entries()) {
      for (let i = 0; i < perRound; i++) {
        const t = performance.now();
        const rows = await v.fn();
        samples[k].push(performance.now() - t);
        if (rows.length !== 51) throw new Error(`${v.label}: expected 51 rows, got ${rows.length}`);
      }
    }
  }
  return variants.map((v, k) => {
    const s = samples[k].sort((a, b) => a - b);
    const stats = { mean: s.reduce((a, b) => a + b, 0) / s.length, p50: s[Math.floor(s.length * 0.5)], p99: s[Math.floor(s.length * 0.99)] };
    console.log(`${v.label.padEnd(46)} mean ${fmt(stats.mean * 1000).padStart(6)} µs   p50 ${fmt(stats.p50 * 1000).padStart(6)} µs   p99 ${fmt(stats.p99 * 1000).padStart(7)} µs`);
    return stats;
  });
}

console.log(`first page (51 rows) of one tenant's leads; ${TENANTS} tenants x ${LEADS_PER_TENANT} leads; ${ITERATIONS} sequential reads each, interleaved`);
const [floor, rls, viaPrisma, ours] = await compare([
  { label: 'floor: pg as owner, no RLS', fn: () => owner.query(SQL, [tenantId]).then((r) => r.rows) },
  { label: 'pg as runtime role, BEGIN/set_config/COMMIT', fn: rawWithRls },
  {
    label: 'Prisma interactive transaction (scoped)',
    fn: () => prisma.scoped({ tenantId }, (tx) => tx.lead.findMany({ where: { tenantId, deletedAt: null }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 51 })),
  },
  { label: 'ours: LeadsRepository.list (GET /leads path)', fn: () => repo.list(tenantId, { deleted: 'exclude' }, { field: 'createdAt', descending: true }, 50) },
]);
console.log(`ratio (ours / floor): ${fmt(ours.mean / floor.mean, 2)}x mean latency, ${fmt(ours.p50 / floor.p50, 2)}x median   (goal <= 1.3x)`);
console.log(`  reference: RLS with explicit BEGIN/COMMIT via pg ${fmt(rls.mean / floor.mean, 2)}x; through a Prisma interactive transaction ${fmt(viaPrisma.mean / floor.mean, 2)}x`);

await prisma.$disconnect();
await scopedSql.onModuleDestroy();
await appPool.end();
await owner.end();
