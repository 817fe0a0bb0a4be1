import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';

export { serverNodeArgs } from '../scripts/lib.mjs';

export const ROOT = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
export const BENCH_DB = process.env.BENCH_DB ?? 'lynara_bench';
export const OWNER_URL = `postgresql://postgres@127.0.0.1:5432/${BENCH_DB}`;
export const APP_URL = `postgresql://lynara_app:lynara_app@127.0.0.1:5432/${BENCH_DB}`;
// BENCH_REDIS_DB: a Redis database of one's own when several people bench on one machine.
export const REDIS_URL = `redis://127.0.0.1:6379/${process.env.BENCH_REDIS_DB ?? 11}`;
export const JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123';

export const benchEnv = (extra = {}) => ({
  ...process.env,
  NODE_ENV: 'production',
  DATABASE_URL: OWNER_URL,
  APP_DATABASE_URL: APP_URL,
  REDIS_URL,
  JWT_SECRET,
  ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
  LOG_LEVEL: 'warn',
  ...extra,
});

/** A fresh, migrated benchmark database (built with the real migrate command). */
export async function freshDatabase() {
  if (!existsSync(`${ROOT}/dist/main.js`)) execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  const admin = new pg.Client({ connectionString: 'postgresql://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${BENCH_DB}" WITH (FORCE)`);
  await admin.end();
  execFileSync('node', ['dist/main.js', 'migrate'], { cwd: ROOT, env: benchEnv(), stdio: ['ignore', 'ignore', 'inherit'] });
}

export function startProcess(cmd, args, env, readyUrl) {
  const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const ready = (async () => {
    for (let i = 0; i < 200; i++) {
      try {
        if ((await fetch(readyUrl)).ok) return;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${readyUrl} never answered`);
  })();
  return { child, ready };
}

export const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
