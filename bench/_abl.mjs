import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { benchEnv, freshDatabase } from './support.mjs';
if (!process.env.NOFRESH) await freshDatabase();
const dir = process.env.DIST ?? '/work/main';
const api = spawn('node', ['--max-old-space-size=512', 'dist/main.js', 'api'], { cwd: dir, env: benchEnv({ PORT: '3451', ...(process.env.XENV ? JSON.parse(process.env.XENV) : {}) }), stdio: 'inherit' });
for (let i = 0; i < 100; i++) { try { if ((await fetch(`http://127.0.0.1:3451/health`)).ok) break; } catch {} await new Promise((r) => setTimeout(r, 200)); }
const reg = await fetch('http://127.0.0.1:3451/auth/register', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: `p${Date.now()}@example.test`, password: 'benchmark password', name: 'B', tenantName: 'B Co' }) }).then((r) => r.json());
const cpu = (pid) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const path = process.env.P ?? '/auth/me';
await autocannon({ url: `http://127.0.0.1:3451${path}`, headers: { authorization: `Bearer ${reg.accessToken}` }, connections: 10, amount: 3000 });
const out = [];
for (let k = 0; k < 3; k++) {
  const before = cpu(api.pid);
  const r = await autocannon({ url: `http://127.0.0.1:3451${path}`, headers: { authorization: `Bearer ${reg.accessToken}` }, connections: 10, amount: 8000 });
  out.push(((cpu(api.pid) - before) / r.requests.total * 1000).toFixed(0) + (r.non2xx ? `(non2xx ${r.non2xx})` : ''));
}
console.log(process.env.LABEL ?? 'run', out.join(' '), 'µs CPU/request');
api.kill('SIGTERM');
