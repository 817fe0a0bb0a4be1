// Shared by `npm start` and `npm test`: dependency installs, service checks, child processes.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';

export const ROOT = new URL('..', import.meta.url).pathname.replace(/\/$/, '');

/**
 * Node flags for the server processes (api, worker, all). V8 sizes its heap ceiling from the
 * machine's memory (about 4 GB here) and then collects lazily: during a 1M-row import the
 * process grew to ~500 MB of mostly garbage although its live data stays under 150 MB. A
 * ceiling makes V8 collect earlier at no measured speed cost (bench/import.mjs). The same
 * default is set by scripts/docker-entrypoint.sh; NODE_HEAP_MB overrides both.
 */
export const serverNodeArgs = () => [`--max-old-space-size=${process.env.NODE_HEAP_MB || 512}`];

export function log(msg) {
  process.stdout.write(`\x1b[36m[lynara]\x1b[0m ${msg}\n`);
}

export function fail(msg) {
  process.stderr.write(`\n\x1b[31m[lynara] ${msg}\x1b[0m\n\n`);
  process.exit(1);
}

export function assertNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) fail(`Node ${process.versions.node} is too old: Lynara needs Node 20.19 or later.`);
}

/** Reads .env (if any) into process.env without overriding what is already set. */
export function loadDotEnv() {
  const file = join(ROOT, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}

/** Runs a command in the foreground; exits the script when it fails (unless allowFailure). */
export function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { cwd: opts.cwd ?? ROOT, stdio: 'inherit', env: { ...process.env, ...opts.env } });
  if (res.status !== 0 && !opts.allowFailure) fail(`${[cmd, ...args].join(' ')} failed (exit ${res.status ?? res.signal}).`);
  return res.status ?? 1;
}

/** `npm ci` where node_modules is missing or older than the lock file. */
export function installIfNeeded(dir) {
  const lock = join(dir, 'package-lock.json');
  const marker = join(dir, 'node_modules', '.package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  log(`installing dependencies in ${dir === ROOT ? '.' : dir.slice(ROOT.length + 1)} (npm ci)…`);
  run('npm', ['ci', '--no-fund', '--no-audit'], { cwd: dir });
}

function reachable(url, defaultPort) {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port || defaultPort) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Stops at once, naming the missing service and how to get it. */
export async function assertServices() {
  const pgUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/lynara';
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const how = 'Start it as a local service, or run `docker compose up -d postgres redis` in this folder.';
  if (!(await reachable(pgUrl, 5432))) fail(`PostgreSQL is not reachable at ${new URL(pgUrl).host} (DATABASE_URL). ${how}`);
  if (!(await reachable(redisUrl, 6379))) fail(`Redis is not reachable at ${new URL(redisUrl).host} (REDIS_URL). ${how}`);
}

/** Starts a long-running child with prefixed output; returns the ChildProcess. */
export function start(name, cmd, args, opts = {}) {
  const child = spawn(cmd, args, { cwd: opts.cwd ?? ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `\x1b[35m${name.padEnd(4)}\x1b[0m | `;
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream.on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines) process.stdout.write(prefix + line + '\n');
    });
  }
  return child;
}

export const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
