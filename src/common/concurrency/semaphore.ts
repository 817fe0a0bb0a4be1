/** Thrown by `Semaphore.acquire` when its waiting line is full: the caller should shed load. */
export class SemaphoreFullError extends Error {
  constructor() {
    super('too many waiting for this resource');
  }
}

/**
 * Bounds how many tasks run at once, with an optional bound on how many may wait: past it,
 * `acquire` refuses at once instead of queueing without limit in memory.
 */
export class Semaphore {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly capacity: number,
    readonly maxWaiting = Number.POSITIVE_INFINITY,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
  }

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves with a release function once a slot is free; release exactly once. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.running < this.capacity) {
      this.running++;
      return this.releaser();
    }
    if (this.waiting.length >= this.maxWaiting) throw new SemaphoreFullError();
    signal?.throwIfAborted();
    await new Promise<void>((resolve, reject) => {
      const wake = () => {
        signal?.removeEventListener('abort', abort);
        resolve();
      };
      const abort = () => {
        const i = this.waiting.indexOf(wake);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', abort, { once: true });
      this.waiting.push(wake);
    });
    // The slot was handed over by release(): `running` already counts it.
    return this.releaser();
  }

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(signal);
    try {
      return await task();
    } finally {
      release();
    }
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    };
  }
}
