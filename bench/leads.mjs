// GET /leads with 1M leads: the first page and a name search, 10 concurrent connections,
// through Lynara (auth, RLS, one-trip scoped read) vs a bare Fastify handler running the same
// SQL through pg as the owner. Interleaved rounds; req/s and p99 of each.
import autocannon from 'autocannon';
import { JWT_SECRET, OWNER_URL, benchEnv, fmt, freshDatabase, serverNodeArgs, startProcess } from './support.mjs';
import { ownerPool, seedLeads } from './crm-data.mjs';

const LEADS = Number(process.env.BENCH_LEADS ?? 1_000_000);
const DURATION = Number(process.env.BENCH_DURATION ?? 12);
const CONNECTIONS = 10;

await freshDatabase();
const pool = await ownerPool();
const t0 = Date.now();
const tenantId = await seedLeads(pool, LEADS);
console.log(`seeded ${fmt(LEADS)} leads in ${fmt((Date.now() - t0) / 1000, 1)} s`);
const lynara = startProcess('node', [...serverNodeArgs(), 'dist/main.js', 'api'], benchEnv({ PORT: '3411' }), 'http://127.0.0.1:3411/health');
const floor = startProcess('node', ['bench/leads-floor.mjs'], { ...process.env, PORT: '3412', OWNER_URL, JWT_SECRET }, 'http://127.0.0.1:3412/health');
try {
  await Promise.all([lynara.ready, floor.ready]);
  const reg = await fetch('http://127.0.0.1:3411/auth/register', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `bench.${Date.now()}@example.test`, password: 'benchmark password', name: 'Bench', tenantName: 'Bench Reader' }),
  }).then((r) => r.json());
  // Read the seeded tenant as its member: switch the new user into it through a membership.
  await pool.query(`INSERT INTO auth.memberships (tenant_id, user_id, role) VALUES ($1, $2, 'owner')`, [tenantId, reg.user.id]);
  const switched = await fetch('http://127.0.0.1:3411/auth/switch-tenant', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${reg.accessToken}` },
    body: JSON.stringify({ tenantId }),
  }).then((r) => r.json());
  const headers = { authorization: `Bearer ${switched.accessToken}` };
  // Searches: a common fragment (1% of leads), two words in the other order and without the
  // accent ("Chloé Dubois12…", 0.1%), and rare ones the trigram index must serve (one lead).
  const cases = [
    ['first page', '/leads?limit=50'],
    ['name search "dubois12"', '/leads?limit=50&q=dubois12'],
    ['folded words "dubois12 chloe"', `/leads?limit=50&q=${encodeURIComponent('dubois12 chloe')}`],
    ['email fragment "lead123456@"', `/leads?limit=50&q=${encodeURIComponent('lead123456@')}`],
    ['phone "06 10 12 34 56"', `/leads?limit=50&q=${encodeURIComponent('06 10 12 34 56')}`],
    // The table's header clicks: a name order is its (tenant, name, id) index range.
    ['first page sorted by last name', '/leads?limit=50&sort=lastName'],
    ['first page sorted by company, descending', '/leads?limit=50&sort=-company'],
    // The table's total: all 1M leads and 11,100 of them (estimated beyond 10,000), 1,100 (counted).
    ['count of all leads', '/leads/count?deleted=exclude'],
    ['count of "dubois1" (1.1%, estimated)', '/leads/count?q=dubois1'],
    ['count of "dubois12" (0.1%, counted)', '/leads/count?q=dubois12'],
  ];
  for (const [, path] of cases) {
    for (const port of [3411, 3412]) {
      const r = await fetch(`http://127.0.0.1:${port}${path}&tenantId=${tenantId}`.replace(`&tenantId=${tenantId}`, port === 3412 ? `&tenantId=${tenantId}` : ''), { headers });
      const body = await r.json();
      if (!r.ok || !(body.items?.length || body.count)) throw new Error(`${port}${path}: ${r.status} ${JSON.stringify(body).slice(0, 200)}`);
    }
  }
  console.log(`${CONNECTIONS} connections, ${DURATION} s per case and server in 4 interleaved rounds`);
  for (const [label, path] of cases) {
    const targets = [
      { name: 'floor (Fastify + pg, owner)', url: `http://127.0.0.1:3412${path}&tenantId=${tenantId}`, n: 0, s: 0, p99: [] },
      { name: 'ours (Lynara api)', url: `http://127.0.0.1:3411${path}`, n: 0, s: 0, p99: [] },
    ];
    for (const t of targets) await autocannon({ url: t.url, headers, connections: CONNECTIONS, duration: 2 });
    for (let round = 0; round < 4; round++) {
      for (const t of targets) {
        const r = await autocannon({ url: t.url, headers, connections: CONNECTIONS, duration: DURATION / 4 });
        if (r.non2xx || r.errors) throw new Error(`${t.name} ${label}: ${r.non2xx} non-2xx, ${r.errors} errors`);
        t.n += r.requests.total;
        t.s += r.duration;
        t.p99.push(r.latency.p99);
      }
    }
    console.log(`\n${label}`);
    for (const t of targets) console.log(`  ${t.name.padEnd(30)} ${fmt(t.n / t.s).padStart(7)} req/s   p99 ${Math.max(...t.p99)} ms (worst round)`);
    const [f, o] = targets;
    console.log(`  ratio ours/floor: ${fmt(o.n / o.s / (f.n / f.s), 2)}x req/s (goal >= 0.7x); our p99 ${Math.max(...o.p99)} ms (goal <= 100 ms)`);
  }
} finally {
  lynara.child.kill('SIGTERM');
  floor.child.kill('SIGTERM');
  await pool.end();
}
