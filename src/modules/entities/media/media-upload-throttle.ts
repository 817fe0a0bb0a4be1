import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG } from '../../../config/config.module.js';
import type { AppConfig } from '../../../config/config.js';
import { REDIS } from '../../../infra/redis/redis.module.js';
import { EntitiesError } from '../entities.errors.js';

/**
 * Uploads per workspace per minute, counted in Redis so every API replica shares the count.
 * Each attempt counts, refused ones too: what it bounds is the work a workspace can ask for.
 */
@Injectable()
export class MediaUploadThrottle {
  private readonly limiter: RateLimiterRedis;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(REDIS) redis: Redis) {
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${config.QUEUE_PREFIX}:media-upload`,
      points: config.MEDIA_UPLOADS_PER_MINUTE,
      duration: 60,
    });
  }

  async consume(tenantId: string): Promise<void> {
    try {
      await this.limiter.consume(tenantId);
    } catch (res) {
      // consume() rejects with the counter when over the limit, with an Error when Redis fails.
      if (!(res instanceof RateLimiterRes)) throw res;
      const retryAfter = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
      const error = new EntitiesError('MEDIA_RATE_LIMITED', `This workspace has uploaded too many files in the last minute. Try again in ${retryAfter} seconds.`);
      error.headers = { 'retry-after': String(retryAfter) };
      throw error;
    }
  }
}
