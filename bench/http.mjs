// HTTP overhead: authenticated GET /auth/me through Lynara (NestJS on Fastify: guard, passport-jwt,
// revocation check in Redis, RLS-scoped transaction, DTO) vs a bare Fastify server doing the same
// JWT verification and the same indexed query through pg. Both measured here with autocannon.
import autocannon from 'autocannon';
import { JWT_SECRET, OWNER_URL, benchEnv, fmt, freshDatabase, serverNodeArgs, startProcess } from './support.mjs';

const DURATION = Number(process.env.BENCH_DURATION ?? 12);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

await freshDatabase();
const lynara = startProcess('node', [...serverNodeArgs(), 'dist/main.js', 'api'], benchEnv({ PORT: '3401' }), 'http://127.0.0.1:3401/health');
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

  // Interleaved rounds, so a busy moment of the machine hits both servers alike.
  const ROUNDS = 4;
  const targets = [
    { label: 'floor: bare Fastify + jwt + pg', url: 'http://127.0.0.1:3402/auth/me', requests: 0, seconds: 0, p99: [] },
    { label: 'ours: Lynara api mode', url: 'http://127.0.0.1:3401/auth/me', requests: 0, seconds: 0, p99: [] },
  ];
  for (const t of targets) await autocannon({ url: t.url, headers, connections: CONNECTIONS, duration: 2 }); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    for (const t of targets) {
      const r = await autocannon({ url: t.url, headers, connections: CONNECTIONS, duration: DURATION / ROUNDS });
      if (r.non2xx || r.errors) throw new Error(`${t.label}: ${r.non2xx} non-2xx, ${r.errors} errors`);
      t.requests += r.requests.total;
      t.seconds += r.duration;
      t.p99.push(r.latency.p99);
    }
  }
  console.log(`GET /auth/me, ${CONNECTIONS} connections, ${DURATION} s each in ${ROUNDS} interleaved rounds, 2 cores shared with the load generator`);
  for (const t of targets) {
    t.rps = t.requests / t.seconds;
    console.log(`${t.label.padEnd(34)} ${fmt(t.rps).padStart(8)} req/s   p99 (worst round) ${Math.max(...t.p99)} ms`);
  }
  console.log(`ratio (ours / floor): ${fmt(targets[1].rps / targets[0].rps, 2)}x   (goal >= 0.6x)`);
} finally {
  lynara.child.kill('SIGTERM');
  floor.child.kill('SIGTERM');
}
