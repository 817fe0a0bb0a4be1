// HTTP overhead: authenticated GET /auth/me through Lynara (NestJS on Fastify: guard, passport-jwt,
// revocation check in Redis, RLS-scoped transaction, DTO) vs a bare Fastify server doing the same
// JWT verification and the same indexed query through pg. Both measured here with autocannon.
import autocannon from 'autocannon';
import { JWT_SECRET, OWNER_URL, benchEnv, fmt, freshDatabase, startProcess } from './support.mjs';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

await freshDatabase();
const lynara = startProcess('node', ['dist/main.js', 'api'], benchEnv({ PORT: '3401' }), 'http://127.0.0.1:3401/health');
const floor = startProcess('node', ['bench/http-floor.mjs'], { ...process.env, PORT: '3402', OWNER_URL, JWT_SECRET }, 'http://127.0.0.1:3402/health');
try {
  await Promise.all([lynara.ready, floor.ready]);
  const reg = await fetch('http://127.0.0.1:3401/auth/register', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `bench.${Date.now()}@example.test`, password: 'benchmark password', name: 'Bench', tenantName: 'Bench Co' }),
  }).then((r) => r.json());
  const headers = { authorization: `Bearer ${reg.accessToken}` };
  for (const port of [3401, 3402]) {
    const res = await fetch(`http://127.0.0.1:${port}/auth/me`, { headers });
    if (!res.ok) throw new Error(`GET /auth/me on ${port} answered ${res.status}`);
  }

  const measure = async (label, url) => {
    await autocannon({ url, headers, connections: CONNECTIONS, duration: 2 }); // warm-up (JIT, pools)
    const r = await autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION });
    if (r.non2xx || r.errors) throw new Error(`${label}: ${r.non2xx} non-2xx, ${r.errors} errors`);
    console.log(`${label.padEnd(34)} ${fmt(r.requests.average).padStart(8)} req/s   p50 ${r.latency.p50} ms   p99 ${r.latency.p99} ms`);
    return r.requests.average;
  };
  console.log(`GET /auth/me, ${CONNECTIONS} connections, ${DURATION} s each, 2 cores shared with the load generator`);
  const floorRps = await measure('floor: bare Fastify + jwt + pg', 'http://127.0.0.1:3402/auth/me');
  const oursRps = await measure('ours: Lynara api mode', 'http://127.0.0.1:3401/auth/me');
  console.log(`ratio (ours / floor): ${fmt(oursRps / floorRps, 2)}x   (goal >= 0.6x)`);
} finally {
  lynara.child.kill('SIGTERM');
  floor.child.kill('SIGTERM');
}
