import { availableParallelism } from 'node:os';
import { Inject, Injectable } from '@nestjs/common';
import sharp from 'sharp';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import { ImagesError } from './images.errors.js';

/** What a refused caller is told to wait: image work takes seconds, not minutes. */
const RETRY_AFTER_SECONDS = 5;

export interface ImageWorkStats {
  active: number;
  waiting: number;
  capacity: number;
  queueSize: number;
}

/**
 * Every decode of an uploaded image (media, OCR) goes through here. Decoding costs memory in
 * proportion to pixels, not to bytes, so a few small files can hold hundreds of MB each: at
 * most IMAGE_CONCURRENCY run at once in this process, IMAGE_QUEUE_SIZE more wait their turn
 * (first come, first served), and anything beyond is refused with 503 and Retry-After rather
 * than queued without bound.
 */
@Injectable()
export class ImageWorkLimiter {
  private readonly capacity: number;
  private readonly queueSize: number;
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.capacity = config.IMAGE_CONCURRENCY;
    this.queueSize = config.IMAGE_QUEUE_SIZE;
    // libvips' settings are process-wide. Its cache keeps recent operations for re-use, which
    // never happens with one-off uploads, so it only holds memory; its default thread pool is
    // one per core for each image, and the cores are shared by `capacity` images at once.
    sharp.cache(false);
    sharp.concurrency(Math.max(1, Math.floor(availableParallelism() / this.capacity)));
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  stats(): ImageWorkStats {
    return { active: this.active, waiting: this.waiting.length, capacity: this.capacity, queueSize: this.queueSize };
  }

  private acquire(): Promise<void> {
    if (this.active < this.capacity) {
      this.active++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.queueSize) {
      const error = new ImagesError('IMAGE_WORK_BUSY', `Too many images are being processed right now. Try again in ${RETRY_AFTER_SECONDS} seconds.`);
      error.headers = { 'retry-after': String(RETRY_AFTER_SECONDS) };
      return Promise.reject(error);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** The slot passes straight to the next waiter, so `active` never dips and a newcomer cannot overtake. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}
