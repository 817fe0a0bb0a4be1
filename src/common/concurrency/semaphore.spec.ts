import { Semaphore, SemaphoreFullError } from './semaphore.js';

const tick = () => new Promise((r) => setImmediate(r));

describe('Semaphore', () => {
  it('runs at most `capacity` tasks at once, the others in arrival order', async () => {
    const s = new Semaphore(2);
    const order: string[] = [];
    const gates = new Map<string, () => void>();
    const task = (name: string) => s.run(() => new Promise<void>((resolve) => gates.set(name, () => (order.push(name), resolve()))));
    const all = ['a', 'b', 'c', 'd'].map(task);
    await tick();
    expect([...gates.keys()]).toEqual(['a', 'b']);
    expect(s.queued).toBe(2);
    gates.get('b')!();
    await tick();
    expect([...gates.keys()]).toEqual(['a', 'b', 'c']);
    gates.get('a')!();
    gates.get('c')!();
    await tick();
    gates.get('d')!();
    await Promise.all(all);
    expect(order).toEqual(['b', 'a', 'c', 'd']);
    expect(s.active).toBe(0);
  });

  it('refuses at once past its waiting bound, and a waiter can give up', async () => {
    const s = new Semaphore(1, 1);
    const release = await s.acquire();
    const controller = new AbortController();
    const waiting = s.acquire(controller.signal);
    await expect(s.acquire()).rejects.toBeInstanceOf(SemaphoreFullError);
    controller.abort(new Error('gave up'));
    await expect(waiting).rejects.toThrow('gave up');
    expect(s.queued).toBe(0);
    release();
    release(); // a second release is ignored
    expect(s.active).toBe(0);
  });
});
