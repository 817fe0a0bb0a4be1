// Lead CSV import of a generated 1M-row file: ours (HTTP upload → job → every row upserted,
// queryable and searchable) vs `psql \copy` of the same file into a copy of crm.leads with the
// same indexes (no validation), and into a bare table without indexes. Also prints the peak
// RSS of each process involved.
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, readFileSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { OWNER_URL, benchEnv, fmt, freshDatabase, serverNodeArgs, startProcess } from './support.mjs';
import { ownerPool } from './crm-data.mjs';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const FILE = `/tmp/lynara-bench-leads-${ROWS}.csv`;
const FIRST = ['Camille', 'Louis', 'Chloé', 'Hugo', 'Léa', 'Lucas', 'Manon', 'Jules', 'Inès', 'Arthur'];
const LAST = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau'];
const TITLES = ['Directeur commercial', 'Directrice marketing', 'Gérant', 'Assistant', 'CEO'];

async function generate() {
  const out = createWriteStream(FILE);
  out.write('email,first_name,last_name,phone,company,job_title,source\n');
  for (let i = 1; i <= ROWS; i++) {
    const line = `lead${i}@exemple${i % 97}.fr,${FIRST[i % 10]},${LAST[(i / 10) % 10 | 0]}${i % 1000},0612${String(i % 1000000).padStart(6, '0')},Société ${i % 5000},${TITLES[i % 5]},salon\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const peakRss = (pid) => {
  try {
    return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return NaN;
  }
};

await freshDatabase();
let t0 = Date.now();
await generate();
console.log(`generated ${fmt(ROWS)} rows (${fmt(statSync(FILE).size / 1048576, 1)} MB) in ${fmt((Date.now() - t0) / 1000, 1)} s`);

const pool = await ownerPool();
const { rows } = await pool.query(`INSERT INTO tenancy.tenants (name, slug) VALUES ('Copy floor', 'copy-floor') RETURNING id`);
const floorTenant = rows[0].id;
await pool.query(`CREATE TABLE public.bench_indexed (LIKE crm.leads INCLUDING ALL)`);
await pool.query(`CREATE TABLE public.bench_bare (LIKE crm.leads INCLUDING DEFAULTS)`);
for (const t of ['bench_indexed', 'bench_bare']) await pool.query(`ALTER TABLE public.${t} ALTER COLUMN tenant_id SET DEFAULT '${floorTenant}'`);
const copy = (table) => {
  const started = Date.now();
  execFileSync('psql', [OWNER_URL, '-q', '-c', `\\copy public.${table} (email, first_name, last_name, phone, company, job_title, source) FROM '${FILE}' WITH (FORMAT csv, HEADER true)`], { stdio: 'inherit' });
  return (Date.now() - started) / 1000;
};
const bareSeconds = copy('bench_bare');
const indexedSeconds = copy('bench_indexed');

const app = startProcess('node', [...serverNodeArgs(), 'dist/main.js', 'all'], benchEnv({ PORT: '3421', DATA_DIR: '/tmp/lynara-bench-data', IMPORT_MAX_BYTES: String(2 * 1024 ** 3) }), 'http://127.0.0.1:3421/health');
try {
  await app.ready;
  const reg = await fetch('http://127.0.0.1:3421/auth/register', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `bench.${Date.now()}@example.test`, password: 'benchmark password', name: 'Bench', tenantName: 'Bench Import' }),
  }).then((r) => r.json());
  const auth = { authorization: `Bearer ${reg.accessToken}` };
  t0 = Date.now();
  const uploaded = await fetch('http://127.0.0.1:3421/leads/imports?fileName=bench.csv', {
    method: 'POST',
    headers: { ...auth, 'content-type': 'text/csv' },
    body: Readable.toWeb(createReadStream(FILE)),
    duplex: 'half',
  }).then((r) => r.json());
  const uploadSeconds = (Date.now() - t0) / 1000;
  const started = await fetch(`http://127.0.0.1:3421/leads/imports/${uploaded.id}/start`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' }).then((r) => r.json());
  let job;
  let token = reg.accessToken;
  let refresh = reg.refreshToken;
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    let res = await fetch(`http://127.0.0.1:3421/jobs/${started.jobId}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status === 401) {
      const renewed = await fetch('http://127.0.0.1:3421/auth/refresh', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: refresh }) }).then((r) => r.json());
      token = renewed.accessToken;
      refresh = renewed.refreshToken;
      res = await fetch(`http://127.0.0.1:3421/jobs/${started.jobId}`, { headers: { authorization: `Bearer ${token}` } });
    }
    job = await res.json();
    if (job.state === 'completed' || job.state === 'failed') break;
  }
  const oursSeconds = (Date.now() - t0) / 1000;
  if (job.state !== 'completed') throw new Error(`import failed: ${job.error}`);
  const search = await fetch(`http://127.0.0.1:3421/leads?q=lead${ROWS - 1}%40&limit=5`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json());
  if (!search.items) throw new Error(`search failed: ${JSON.stringify(search)}`);
  const stored = (await pool.query(`SELECT count(*)::int AS n FROM crm.leads WHERE tenant_id = $1`, [reg.tenant.id])).rows[0].n;

  const rate = (s) => ROWS / s;
  console.log(`\n${fmt(ROWS)} rows`);
  console.log(`floor: \\copy into a bare table (no indexes)      ${fmt(bareSeconds, 1).padStart(6)} s  ${fmt(rate(bareSeconds)).padStart(9)} rows/s`);
  console.log(`floor: \\copy into a leads copy with our indexes   ${fmt(indexedSeconds, 1).padStart(6)} s  ${fmt(rate(indexedSeconds)).padStart(9)} rows/s`);
  console.log(`ours: upload (${fmt(uploadSeconds, 1)} s) + job to queryable       ${fmt(oursSeconds, 1).padStart(6)} s  ${fmt(rate(oursSeconds)).padStart(9)} rows/s`);
  console.log(`  result ${JSON.stringify(job.result)}; stored ${fmt(stored)}; search for one lead found ${search.items?.length ?? 0}`);
  console.log(`ratio vs indexed \\copy: ${fmt(oursSeconds ? indexedSeconds / oursSeconds : 0, 2)}x (goal >= 0.5x); vs bare \\copy: ${fmt(bareSeconds / oursSeconds, 2)}x`);
  console.log(`peak RSS: Lynara api+worker process ${fmt(peakRss(app.child.pid))} MB (goal < 400 MB); this benchmark client ${fmt(peakRss(process.pid))} MB`);
} finally {
  app.child.kill('SIGTERM');
  await pool.end();
}
