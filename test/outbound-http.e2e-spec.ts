import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OutboundHttp, OutboundHttpError, retryAfterMs } from '../src/infra/http/outbound-http.js';
import { Logger } from '@nestjs/common';
import { testConfig } from './support/app.js';

type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

/** A loopback server whose answer per path is scripted by the test; counts calls and concurrency. */
async function startServer() {
  const routes = new Map<string, Handler>();
  const calls = new Map<string, number>();
  let inFlight = 0;
  let maxInFlight = 0;
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    const n = (calls.get(path) ?? 0) + 1;
    calls.set(path, n);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    const handler = routes.get(path);
    if (handler) handler(req, res, n);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    port,
    route: (path: string, h: Handler) => routes.set(path, h),
    calls: (path: string) => calls.get(path) ?? 0,
    get maxInFlight() {
      return maxInFlight;
    },
    resetConcurrency: () => (maxInFlight = 0),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const client = (env: Record<string, string> = {}) => new OutboundHttp(testConfig({ OUTBOUND_PRIVATE_ALLOWLIST: '*', OUTBOUND_TIMEOUT_MS: '1000', ...env }));

describe('OutboundHttp (the one client for calls to other servers)', () => {
  Logger.overrideLogger(false);
  let server: Awaited<ReturnType<typeof startServer>>;
  let http: OutboundHttp;

  beforeAll(async () => {
    server = await startServer();
    http = client();
  });
  afterAll(async () => {
    await http.onApplicationShutdown();
    await server.close();
  });

  it('retries 5xx answers and network errors, then returns the first good answer', async () => {
    server.route('/flaky', (_req, res, n) => (n < 3 ? res.writeHead(503).end('busy') : res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')));
    const res = await http.request({ url: server.url('/flaky'), retries: 3 });
    expect(res.status).toBe(200);
    expect(res.attempts).toBe(3);
    expect(res.json()).toEqual({ ok: true });

    server.route('/reset', (req, res, n) => (n === 1 ? req.socket.destroy() : res.writeHead(204).end()));
    const after = await http.request({ url: server.url('/reset'), retries: 1 });
    expect(after.status).toBe(204);
    expect(server.calls('/reset')).toBe(2);
  });

  it('gives up after its retries and hands back the last answer', async () => {
    server.route('/down', (_req, res) => res.writeHead(502).end());
    const res = await http.request({ url: server.url('/down'), retries: 2 });
    expect(res).toMatchObject({ status: 502, ok: false, attempts: 3 });
    expect(server.calls('/down')).toBe(3);
  });

  it('does not retry a 4xx other than 429', async () => {
    server.route('/bad', (_req, res) => res.writeHead(400).end('no'));
    const res = await http.request({ url: server.url('/bad'), retries: 3 });
    expect(res).toMatchObject({ status: 400, attempts: 1 });
    expect(res.text()).toBe('no');
  });

  it('waits what Retry-After asks on 429, and does not wait for an unreasonable Retry-After', async () => {
    const seen: number[] = [];
    server.route('/limited', (_req, res, n) => {
      seen.push(Date.now());
      if (n === 1) res.writeHead(429, { 'retry-after': '1' }).end();
      else res.writeHead(200).end('done');
    });
    const res = await http.request({ url: server.url('/limited'), retries: 2 });
    expect(res.status).toBe(200);
    expect(seen[1]! - seen[0]!).toBeGreaterThanOrEqual(950);

    server.route('/later', (_req, res) => res.writeHead(429, { 'retry-after': '3600' }).end());
    const refused = await http.request({ url: server.url('/later'), retries: 2 });
    expect(refused).toMatchObject({ status: 429, attempts: 1 });
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-12-03T10:00:00Z');
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs('Thu, 03 Dec 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });

  it('times out an attempt that does not answer, as a timeout', async () => {
    server.route('/silent', () => undefined);
    const err = await http.request({ url: server.url('/silent'), timeoutMs: 200, retries: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutboundHttpError);
    expect(err).toMatchObject({ kind: 'timeout', attempts: 2 });
    expect(server.calls('/silent')).toBe(2);
  });

  it('refuses an answer larger than allowed', async () => {
    server.route('/big', (_req, res) => res.writeHead(200).end(Buffer.alloc(200_000)));
    await expect(http.request({ url: server.url('/big'), maxResponseBytes: 100_000 })).rejects.toMatchObject({ kind: 'too_large' });
  });

  it('never runs more requests at once against one host than its cap', async () => {
    const capped = client({ OUTBOUND_MAX_PER_HOST: '3' });
    server.route('/slow', (_req, res) => setTimeout(() => res.writeHead(200).end('ok'), 50));
    server.resetConcurrency();
    const answers = await Promise.all(Array.from({ length: 20 }, () => capped.request({ url: server.url('/slow') })));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(server.maxInFlight).toBe(3);
    await capped.onApplicationShutdown();
  });

  it('streams an answer once its headers arrive and frees the host slot when it ends', async () => {
    const capped = client({ OUTBOUND_MAX_PER_HOST: '1' });
    server.route('/events', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      let i = 0;
      const tick = setInterval(() => {
        res.write(`data: ${++i}\n\n`);
        if (i === 3) {
          clearInterval(tick);
          res.end();
        }
      }, 20);
    });
    const res = await capped.stream({ url: server.url('/events') });
    expect(res.status).toBe(200);
    let text = '';
    for await (const chunk of res.body) text += chunk;
    expect(text).toBe('data: 1\n\ndata: 2\n\ndata: 3\n\n');
    // The only slot is free again: a second call goes through.
    server.route('/after', (_req, r) => r.writeHead(200).end('next'));
    expect((await capped.request({ url: server.url('/after'), timeoutMs: 500 })).text()).toBe('next');
    await capped.onApplicationShutdown();
  });

  it('refuses private and loopback addresses unless the operator allowed them', async () => {
    const strict = client({ OUTBOUND_PRIVATE_ALLOWLIST: 'none' });
    server.route('/secret', (_req, res) => res.writeHead(200).end('internal'));
    const before = server.calls('/secret');
    for (const url of [server.url('/secret'), `http://localhost:${server.port}/secret`, `http://[::1]:${server.port}/secret`, 'http://169.254.169.254/latest/meta-data', 'http://10.1.2.3/']) {
      await expect(strict.request({ url, retries: 2 })).rejects.toMatchObject({ kind: 'blocked' });
    }
    await expect(strict.request({ url: 'file:///etc/passwd' })).rejects.toMatchObject({ kind: 'blocked' });
    expect(server.calls('/secret')).toBe(before);
    await strict.onApplicationShutdown();

    const byHost = client({ OUTBOUND_PRIVATE_ALLOWLIST: 'localhost' });
    expect((await byHost.request({ url: `http://localhost:${server.port}/secret` })).text()).toBe('internal');
    await expect(byHost.request({ url: server.url('/secret') })).rejects.toMatchObject({ kind: 'blocked' });
    await byHost.onApplicationShutdown();

    const byRange = client({ OUTBOUND_PRIVATE_ALLOWLIST: '127.0.0.0/8' });
    expect((await byRange.request({ url: server.url('/secret') })).text()).toBe('internal');
    await byRange.onApplicationShutdown();
  });
});
