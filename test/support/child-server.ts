import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { testConfig } from './app.js';
import { waitFor } from './wait.js';

/** A free loopback port for a child process to listen on. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

export interface ChildServer {
  child: ChildProcess;
  base: string;
  /** Everything it wrote to stdout and stderr so far. */
  output: () => string;
  alive: () => boolean;
  stop: () => Promise<void>;
}

/**
 * The real server (`node dist/main.js <mode>`) as a child process on this suite's database,
 * Redis and queues, answering /health/live: for tests where "the process survives" or "the
 * process shuts down cleanly" must mean exactly that.
 */
export async function startChildServer(mode: 'api' | 'all', env: Record<string, string> = {}): Promise<ChildServer> {
  const config = testConfig();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['dist/main.js', mode], {
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: config.DATABASE_URL,
      APP_DATABASE_URL: config.APP_DATABASE_URL,
      REDIS_URL: config.REDIS_URL,
      QUEUE_PREFIX: config.QUEUE_PREFIX,
      JWT_SECRET: config.JWT_SECRET,
      ENCRYPTION_KEY: config.ENCRYPTION_KEY,
      LOG_LEVEL: 'error',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const alive = () => child.exitCode === null && child.signalCode === null;
  await waitFor(async () => alive() && (await fetch(`${base}/health/live`).then((r) => r.ok, () => false)), 30_000);
  return {
    child,
    base,
    output: () => output,
    alive,
    stop: async () => {
      if (!alive()) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
