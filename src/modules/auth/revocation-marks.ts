import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import { REDIS } from '../../infra/redis/redis.module.js';
import { redisKey } from '../../infra/redis/redis-key.js';

/**
 * "Access tokens of this person (in this tenant, or everywhere) issued before T no longer
 * work": written by role changes, removals, password resets and refresh-token reuse. The marks
 * live in Redis (shared by every API replica, expiring with the tokens they cancel) and are
 * mirrored in each process, so checking a token costs no round trip: a new mark is published
 * and every replica's subscriber applies it at once. While this process's subscription is not
 * live (starting, Redis restarting), checks ask Redis directly, so a mark is never missed.
 */
@Injectable()
export class RevocationMarks implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RevocationMarks.name);
  /** key → revoked-before time and when the mark expires (both epoch ms). */
  private readonly marks = new Map<string, { before: number; expiresAt: number }>();
  private readonly channel: string;
  private readonly prefix: string;
  private subscriber?: Redis;
  /** True once the subscription is live and the marks that existed before it are loaded. */
  private mirrored = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {
    this.channel = redisKey(config, 'auth', 'revocations');
    this.prefix = redisKey(config, 'auth', 'revoked-before');
  }

  keyFor(userId: string, tenantId?: string): string {
    return tenantId ? `${this.prefix}:${userId}:${tenantId}` : `${this.prefix}:${userId}`;
  }

  async onModuleInit(): Promise<void> {
    const subscriber = this.redis.duplicate({ lazyConnect: true });
    this.subscriber = subscriber;
    subscriber.on('message', (_channel: string, message: string) => this.apply(message));
    // Every (re)connection: subscribe first, then load what exists, so nothing falls in between.
    subscriber.on('ready', () => void this.resync(subscriber));
    subscriber.on('close', () => (this.mirrored = false));
    subscriber.on('error', () => undefined); // reconnects on its own; checks go to Redis meanwhile
    await subscriber.connect().catch((err: Error) => this.logger.warn({ error: err.message }, 'revocation mirror not connected; checks go to Redis'));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  /** Writes a mark (Redis, then every replica's mirror). */
  async revoke(userId: string, tenantId: string | undefined, before: number, ttlSeconds: number): Promise<void> {
    const key = this.keyFor(userId, tenantId);
    // One transaction: a mark is never stored without being announced, or the other way round.
    await this.redis.multi().set(key, before, 'EX', ttlSeconds).publish(this.channel, JSON.stringify({ key, before, ttl: ttlSeconds })).exec();
    this.store(key, before, Date.now() + ttlSeconds * 1000);
  }

  /** The latest revoked-before time for these keys (0 when none). */
  async latest(keys: string[]): Promise<number> {
    if (!this.mirrored) return Math.max(0, ...(await this.redis.mget(...keys)).map((v) => Number(v ?? 0)));
    const now = Date.now();
    let latest = 0;
    for (const key of keys) {
      const mark = this.marks.get(key);
      if (!mark) continue;
      if (mark.expiresAt <= now) this.marks.delete(key);
      else latest = Math.max(latest, mark.before);
    }
    return latest;
  }

  private async resync(subscriber: Redis): Promise<void> {
    try {
      await subscriber.subscribe(this.channel);
      let cursor = '0';
      do {
        const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}:*`, 'COUNT', 500);
        cursor = next;
        for (const key of keys) {
          const [[, value], [, ttl]] = (await this.redis.multi().get(key).pttl(key).exec()) as [[null, string | null], [null, number]];
          if (value !== null && ttl > 0) this.store(key, Number(value), Date.now() + ttl);
        }
      } while (cursor !== '0');
      this.mirrored = true;
    } catch (err) {
      this.mirrored = false;
      this.logger.warn({ error: (err as Error).message }, 'could not load revocation marks; checks go to Redis');
    }
  }

  private apply(message: string): void {
    try {
      const { key, before, ttl } = JSON.parse(message) as { key: string; before: number; ttl: number };
      if (typeof key === 'string' && key.startsWith(`${this.prefix}:`) && Number.isFinite(before) && Number.isFinite(ttl)) this.store(key, before, Date.now() + ttl * 1000);
    } catch {
      // not one of ours
    }
  }

  private store(key: string, before: number, expiresAt: number): void {
    const current = this.marks.get(key);
    if (!current || current.before < before) this.marks.set(key, { before, expiresAt });
    if (this.marks.size > 10_000) for (const [k, m] of this.marks) if (m.expiresAt <= Date.now()) this.marks.delete(k);
  }
}
