import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import { REDIS } from '../../infra/redis/redis.module.js';
import { AuthError } from './auth.errors.js';

/**
 * Failed logins counted per account and per IP in Redis (rate-limiter-flexible), so every API
 * replica sees the same counters. Only failures count; a success clears the account counter.
 */
@Injectable()
export class LoginThrottleService {
  private readonly perAccount: RateLimiterRedis;
  private readonly perIp: RateLimiterRedis;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(REDIS) redis: Redis) {
    const duration = config.LOGIN_FAILURE_WINDOW_SECONDS;
    this.perAccount = new RateLimiterRedis({ storeClient: redis, keyPrefix: 'lynara:login-fail:account', points: config.LOGIN_MAX_FAILURES_PER_ACCOUNT, duration });
    this.perIp = new RateLimiterRedis({ storeClient: redis, keyPrefix: 'lynara:login-fail:ip', points: config.LOGIN_MAX_FAILURES_PER_IP, duration });
  }

  async assertAllowed(email: string, ip: string): Promise<void> {
    const [account, address] = await Promise.all([this.perAccount.get(email), this.perIp.get(ip)]);
    const blocked = [
      [account, this.perAccount.points],
      [address, this.perIp.points],
    ].filter(([res, points]) => res && (res as RateLimiterRes).consumedPoints >= (points as number)) as [RateLimiterRes, number][];
    if (blocked.length) {
      const retryAfter = Math.max(...blocked.map(([res]) => Math.ceil(res.msBeforeNext / 1000)), 1);
      const error = new AuthError('AUTH_TOO_MANY_ATTEMPTS', `Too many failed sign-in attempts. Try again in ${retryAfter} seconds.`);
      error.headers = { 'retry-after': String(retryAfter) };
      throw error;
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    // consume() rejects once the limit is passed; the count is what matters here.
    await Promise.allSettled([this.perAccount.consume(email), this.perIp.consume(ip)]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.perAccount.delete(email);
  }
}
