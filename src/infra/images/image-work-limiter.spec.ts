import type { AppConfig } from '../../config/config.js';
import { ImageWorkLimiter } from './image-work-limiter.js';
import { ImagesError } from './images.errors.js';

const limiter = (capacity: number, queueSize: number) => new ImageWorkLimiter({ IMAGE_CONCURRENCY: capacity, IMAGE_QUEUE_SIZE: queueSize } as AppConfig);

/** A task that runs until released, recording when it started. */
function gate(log: string[], name: string) {
  let open!: () => void;
  const released = new Promise<void>((r) => (open = r));
  return {
    work: async () => {
      log.push(name);
      await released;
      return name;
    },
    open,
  };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('ImageWorkLimiter', () => {
  it('runs at most `capacity` tasks at once, the waiting ones in arrival order', async () => {
    const started: string[] = [];
    const l = limiter(2, 10);
    const tasks = ['a', 'b', 'c', 'd'].map((n) => gate(started, n));
    const results = tasks.map((t) => l.run(t.work));
    await tick();
    expect(started).toEqual(['a', 'b']);
    expect(l.stats()).toEqual({ active: 2, waiting: 2, capacity: 2, queueSize: 10 });
    tasks[1]!.open();
    await tick();
    expect(started).toEqual(['a', 'b', 'c']);
    tasks[0]!.open();
    tasks[2]!.open();
    tasks[3]!.open();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
    expect(l.stats()).toMatchObject({ active: 0, waiting: 0 });
  });

  it('refuses work beyond the wait queue with a 503 and Retry-After, and takes it again once there is room', async () => {
    const l = limiter(1, 1);
    const first = gate([], 'first');
    const running = l.run(first.work);
    const queued = l.run(async () => 'queued');
    const refused = await l.run(async () => 'never').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ImagesError);
    expect(refused).toMatchObject({ code: 'IMAGE_WORK_BUSY', status: 503, headers: { 'retry-after': '5' } });
    first.open();
    expect(await Promise.all([running, queued])).toEqual(['first', 'queued']);
    expect(await l.run(async () => 'later')).toBe('later');
  });

  it('frees the slot of a task that fails', async () => {
    const l = limiter(1, 0);
    await expect(l.run(() => Promise.reject(new Error('corrupt')))).rejects.toThrow('corrupt');
    expect(l.stats().active).toBe(0);
    expect(await l.run(async () => 'next')).toBe('next');
  });
});
