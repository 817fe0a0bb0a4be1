import { availableParallelism } from 'node:os';
import { Inject, Injectable } from '@nestjs/common';
import sharp from 'sharp';
import { Semaphore, SemaphoreFullError } from '../../common/concurrency/semaphore.js';
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
  private readonly slots: Semaphore;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.slots = new Semaphore(config.IMAGE_CONCURRENCY, config.IMAGE_QUEUE_SIZE);
    // libvips' settings are process-wide. Its cache keeps recent operations for re-use, which
    // never happens with one-off uploads, so it only holds memory; its default thread pool is
    // one per core for each image, and the cores are shared by `capacity` images at once.
    sharp.cache(false);
    sharp.concurrency(Math.max(1, Math.floor(availableParallelism() / config.IMAGE_CONCURRENCY)));
  }

  /** First come, first served: a released slot passes straight to the next waiter. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await this.slots.run(work);
    } catch (err) {
      if (!(err instanceof SemaphoreFullError)) throw err;
      const error = new ImagesError('IMAGE_WORK_BUSY', `Too many images are being processed right now. Try again in ${RETRY_AFTER_SECONDS} seconds.`);
      error.headers = { 'retry-after': String(RETRY_AFTER_SECONDS) };
      throw error;
    }
  }

  stats(): ImageWorkStats {
    return { active: this.slots.active, waiting: this.slots.queued, capacity: this.slots.capacity, queueSize: this.slots.maxWaiting };
  }
}
