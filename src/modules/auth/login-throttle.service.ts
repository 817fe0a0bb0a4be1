import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import { REDIS } from '../../infra/redis/redis.module.js';
import { redisKey } from '../../infra/redis/redis-key.js';
import { AuthError } from './auth.errors.js';

/**
 * Per account across all addresses: after `free` failures, an attempt may only start once
 * min(max, 2^(failures - free)) seconds have passed since the last one; it is counted as it starts.
 * KEYS[1]: the account's hash {n: failures, at: ms}. ARGV: free, max delay (ms), memory (ms).
 * Returns 0 (go ahead, counted) or the milliseconds left to wait.
 */
const ACCOUNT_DELAY = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'n', 'at')
local n = tonumber(state[1]) or 0
local free = tonumber(ARGV[1])
if n >= free then
  local wait = (tonumber(state[2]) or 0) + math.min(tonumber(ARGV[2]), 1000 * 2 ^ (n - free)) - now
  if wait > 0 then return math.ceil(wait) end
end
redis.call('HSET', KEYS[1], 'n', n + 1, 'at', now)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 0
`;

/**
 * Sign-in attempts, counted in Redis so every API replica shares them:
 * - per account from one address: a hard limit in the window (LOGIN_MAX_FAILURES_PER_ACCOUNT_IP);
 * - per address: a hard limit in the window (LOGIN_MAX_FAILURES_PER_IP);
 * - per account across addresses: never a lock, which would let anyone lock anyone out, but a
 *   growing, capped delay (LOGIN_ACCOUNT_DELAY_AFTER, LOGIN_ACCOUNT_MAX_DELAY_SECONDS), so the
 *   owner on their own address gets in after at most that delay.
 * An attempt is consumed atomically before its password is checked, so simultaneous attempts
 * cannot all slip under a limit; a success refunds it.
 */
@Injectable()
export class LoginThrottleService {
  private readonly perPair: RateLimiterRedis;
  private readonly perIp: RateLimiterRedis;
  private readonly delayArgs: [number, number, number];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {
    const duration = config.LOGIN_FAILURE_WINDOW_SECONDS;
    this.perPair = new RateLimiterRedis({ storeClient: redis, keyPrefix: redisKey(config, 'login', 'pair'), points: config.LOGIN_MAX_FAILURES_PER_ACCOUNT_IP, duration });
    this.perIp = new RateLimiterRedis({ storeClient: redis, keyPrefix: redisKey(config, 'login', 'ip'), points: config.LOGIN_MAX_FAILURES_PER_IP, duration });
    const maxDelayMs = config.LOGIN_ACCOUNT_MAX_DELAY_SECONDS * 1000;
    // An account's failures are remembered for the window, and at least as long as its longest delay.
    this.delayArgs = [config.LOGIN_ACCOUNT_DELAY_AFTER, maxDelayMs, Math.max(duration * 1000, maxDelayMs)];
  }

  /** Counts one attempt for the account from this address, or throws AUTH_TOO_MANY_ATTEMPTS (429, Retry-After) without counting it. */
  async consume(email: string, ip: string): Promise<void> {
    const pair = pairKey(email, ip);
    await this.perPair.consume(pair).catch(tooMany);
    await this.perIp.consume(ip).catch(async (err: unknown) => {
      await this.perPair.reward(pair, 1);
      return tooMany(err);
    });
    const waitMs = Number(await this.redis.eval(ACCOUNT_DELAY, 1, this.accountKey(email), ...this.delayArgs));
    if (waitMs > 0) {
      await Promise.all([this.perPair.reward(pair, 1), this.perIp.reward(ip, 1)]);
      throw tooManyAttempts(waitMs);
    }
  }

  /** The password was right: the account's failures are forgotten and the address gets its attempt back. */
  async refund(email: string, ip: string): Promise<void> {
    await Promise.all([this.perPair.delete(pairKey(email, ip)), this.perIp.reward(ip, 1), this.redis.del(this.accountKey(email))]);
  }

  private accountKey(email: string): string {
    return redisKey(this.config, 'login', 'account', email);
  }
}

const pairKey = (email: string, ip: string) => `${email}|${ip}`;

function tooManyAttempts(waitMs: number): AuthError {
  const retryAfter = Math.max(Math.ceil(waitMs / 1000), 1);
  const error = new AuthError('AUTH_TOO_MANY_ATTEMPTS', `Too many failed sign-in attempts. Try again in ${retryAfter} seconds.`);
  error.headers = { 'retry-after': String(retryAfter) };
  return error;
}

/** rate-limiter-flexible rejects with a RateLimiterRes when over the limit, with an Error when Redis fails. */
function tooMany(err: unknown): never {
  if (err instanceof RateLimiterRes) throw tooManyAttempts(err.msBeforeNext);
  throw err;
}
