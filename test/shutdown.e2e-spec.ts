import { startChildServer } from './support/child-server.js';

/**
 * A stopped server (SIGTERM from Docker, Ctrl+C) finishes what it is doing first: database pools
 * and Redis close only after the HTTP server and the queue workers have stopped, so no request or
 * job in flight fails with "Cannot use a pool after calling end on the pool".
 */
describe('graceful shutdown', () => {
  it('answers every request in flight, then exits cleanly', async () => {
    const server = await startChildServer('all');
    const registered = await fetch(`${server.base}/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `shutdown.${process.pid}.${Date.now()}@example.test`, password: 'correct horse battery', name: 'Shutdown', tenantName: 'Shutdown Co' }),
    }).then((r) => r.json() as Promise<{ accessToken: string }>);
    const headers = { authorization: `Bearer ${registered.accessToken}` };

    // 503 is Fastify's answer to a request arriving on a kept-alive connection once closing has
    // begun ("go elsewhere", with Connection: close): right for a load balancer. Any other
    // failure means a request was dropped half-way.
    const statuses: number[] = [];
    let refused = 0;
    let stop = false;
    const loop = async () => {
      while (!stop) {
        try {
          const res = await fetch(`${server.base}/leads?limit=5`, { headers, signal: AbortSignal.timeout(5000) });
          statuses.push(res.status);
          await res.arrayBuffer();
        } catch {
          refused++; // the listener is closed: the client goes elsewhere
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    };
    const loops = Array.from({ length: 8 }, loop);
    await new Promise((r) => setTimeout(r, 500));
    server.child.kill('SIGTERM');
    const exit = await new Promise<{ code: number | null; signal: string | null }>((resolve) => server.child.once('exit', (code, signal) => resolve({ code, signal })));
    stop = true;
    await Promise.all(loops);

    expect(statuses.length).toBeGreaterThan(20);
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(refused).toBeGreaterThan(0);
    // Nest re-raises the signal once its shutdown hooks have run.
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    expect(server.output()).not.toMatch(/Cannot use a pool|unhandled error/);
  });
});
