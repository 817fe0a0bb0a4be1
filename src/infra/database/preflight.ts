import { Redis } from 'ioredis';
import pg from 'pg';
import type { AppConfig } from '../../config/config.js';

export class DependencyError extends Error {}

const HOW_TO_START =
  'Start it as a local service, or with Docker: `docker compose up -d postgres redis` (from the Lynara folder).';

function where(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || (u.protocol.startsWith('redis') ? 6379 : 5432)}`;
}

/** Stops start-up at once, naming what is missing and how to get it, instead of retrying forever. */
export async function assertDependencies(config: AppConfig, opts: { redis: boolean; ownerOnly: boolean }): Promise<void> {
  const pgUrl = new URL(opts.ownerOnly ? config.DATABASE_URL : config.APP_DATABASE_URL);
  if (opts.ownerOnly) pgUrl.pathname = '/postgres';
  const client = new pg.Client({ connectionString: pgUrl.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (err) {
    const e = err as { code?: string; message: string };
    if (e.code === '3D000' || e.code === '28P01' || e.code === '28000') {
      throw new DependencyError(
        `PostgreSQL at ${where(pgUrl.toString())} answers, but the Lynara database or its runtime role is not set up (${e.message}).\n` +
          'Run `npm run db:migrate` (or `node dist/main.js migrate`) first.',
      );
    }
    throw new DependencyError(`PostgreSQL is not reachable at ${where(pgUrl.toString())} (${e.message}).\n${HOW_TO_START}\nThe address comes from ${opts.ownerOnly ? 'DATABASE_URL' : 'APP_DATABASE_URL'}.`);
  } finally {
    await client.end().catch(() => {});
  }
  if (!opts.redis) return;
  const redis = new Redis(config.REDIS_URL, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    throw new DependencyError(`Redis is not reachable at ${where(config.REDIS_URL)} (${(err as Error).message}).\n${HOW_TO_START}\nThe address comes from REDIS_URL.`);
  } finally {
    redis.disconnect();
  }
}
