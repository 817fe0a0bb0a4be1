import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import type { DbScope } from '../prisma/prisma.service.js';
import { currentDbActor } from './db-actor.js';
import { assertNoOpenTransaction, runTransaction } from './transaction-guard.js';

export type SqlValue = string | number | bigint | boolean | Date | null | undefined | readonly SqlValue[] | { [key: string]: unknown };

/** An array as PostgreSQL's array text ('{"a","b"}'), to be cast by the query ($n::text[]). */
function arrayText(values: readonly SqlValue[]): string {
  const items = values.map((v) => {
    if (v === null || v === undefined) return 'NULL';
    const text = v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
    return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  });
  return `{${items.join(',')}}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A value as an SQL literal (pg's escaping: quotes doubled, backslashes in E'' form). */
export function literal(value: SqlValue): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('not a finite number');
    return String(value);
  }
  const text = value instanceof Date ? value.toISOString() : Array.isArray(value) ? arrayText(value) : typeof value === 'object' ? JSON.stringify(value) : (value as string);
  return pg.Client.prototype.escapeLiteral(text);
}

/** Replaces $1..$n with literals; the SQL text itself is always code, never input. */
export function inline(text: string, values: SqlValue[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const i = Number(n) - 1;
    if (i < 0 || i >= values.length) throw new RangeError(`no value for $${n}`);
    return literal(values[i]);
  });
}

/**
 * Hot tenant-scoped reads in ONE round trip. A multi-statement simple query runs as a single
 * implicit transaction in PostgreSQL, so `set_config(..., true)` scopes the read that follows
 * and is gone when it ends: the same per-transaction guarantee as PrismaService.scoped(),
 * without BEGIN/COMMIT round trips (measured in bench/rls.mjs). Connects as the runtime role:
 * row-level security still decides what is visible. Writes go through Prisma.
 */
@Injectable()
export class ScopedSql implements OnApplicationShutdown {
  private readonly pool: pg.Pool;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.pool = new pg.Pool({ connectionString: config.APP_DATABASE_URL, max: config.DB_POOL_SIZE });
    this.pool.on('error', () => {
      // an idle client died (e.g. database restart): the pool replaces it on next use
    });
  }

  async query<T>(scope: DbScope, text: string, values: SqlValue[] = []): Promise<T[]> {
    assertNoOpenTransaction('ScopedSql.query()');
    for (const id of [scope.tenantId, scope.userId]) if (id !== undefined && !UUID.test(id)) throw new TypeError('scope ids must be UUIDs');
    const prelude = `SELECT set_config('app.tenant_id', ${literal(scope.tenantId ?? '')}, true), set_config('app.user_id', ${literal(scope.userId ?? '')}, true)`;
    const results = (await this.pool.query(`${prelude}; ${inline(text, values)}`)) as unknown as pg.QueryResult[];
    return results[1]!.rows as T[];
  }

  /**
   * A transaction on a dedicated connection, tenant-scoped from its first statement, for bulk
   * work (imports) that needs plain pg: one BEGIN + set_config round trip, then fn's queries.
   * Writes record the current actor (lynara.actor, see db-actor.ts) like PrismaService.scoped().
   */
  async transaction<T>(scope: DbScope, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    for (const id of [scope.tenantId, scope.userId]) if (id !== undefined && !UUID.test(id)) throw new TypeError('scope ids must be UUIDs');
    return runTransaction('ScopedSql.transaction()', async (inside) => {
      const client = await this.pool.connect();
      try {
        await client.query(
          `BEGIN; SELECT set_config('app.tenant_id', ${literal(scope.tenantId ?? '')}, true), set_config('app.user_id', ${literal(scope.userId ?? '')}, true), ` +
            `set_config('lynara.actor', ${literal(currentDbActor())}, true)`,
        );
        const result = await inside(() => fn(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
