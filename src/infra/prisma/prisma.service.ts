import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { currentDbActor } from '../database/db-actor.js';
import { sqlState } from '../database/sql-state.js';
import { runTransaction } from '../database/transaction-guard.js';

export type Tx = Prisma.TransactionClient;

/** Whose rows a transaction may see: a tenant, and/or a person's own cross-tenant rows. */
export interface DbScope {
  tenantId?: string;
  userId?: string;
}

const MAX_ATTEMPTS = 3;

/** A deadlock victim or a serialization failure (Prisma's P2034 names both). */
export function isTransactionConflict(error: unknown): boolean {
  const state = sqlState(error);
  return state === '40P01' || state === '40001' || (error as { code?: unknown } | null)?.code === 'P2034';
}

/**
 * The runtime database client. It connects as the non-owner role (APP_DATABASE_URL), so
 * PostgreSQL's row-level security decides what each query sees. Tenant data is only reached
 * through `scoped()`, which sets app.tenant_id / app.user_id with set_config(..., true): the
 * setting dies with the transaction, so a pooled connection never carries one tenant's scope
 * into another's query. lynara.actor (db-actor.ts) is set the same way: who the lead history
 * records as creating or changing rows. A scoped() inside another one (same async context) is refused with a
 * NestedTransactionError: see transaction-guard.ts.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super({ adapter: new PrismaPg({ connectionString: config.APP_DATABASE_URL, max: config.DB_POOL_SIZE }) });
  }

  /**
   * Runs fn in one transaction. A transaction PostgreSQL aborted as a deadlock victim (40P01) or
   * a serialization failure (40001) is rolled back whole, so it is run again, up to three times
   * with a short random pause: concurrent bulk changes and merges over the same leads lock rows
   * in different orders, and one of them losing is not the caller's error.
   */
  async scoped<T>(scope: DbScope, fn: (tx: Tx) => Promise<T>, options?: { timeout?: number }): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(scope, fn, options);
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !isTransactionConflict(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
      }
    }
  }

  private once<T>(scope: DbScope, fn: (tx: Tx) => Promise<T>, options?: { timeout?: number }): Promise<T> {
    return runTransaction('PrismaService.scoped()', (inside) =>
      this.$transaction(
        (tx) =>
          inside(async () => {
            await tx.$queryRaw`SELECT set_config('app.tenant_id', ${scope.tenantId ?? ''}, true), set_config('app.user_id', ${scope.userId ?? ''}, true),
                                      set_config('lynara.actor', ${currentDbActor()}, true)`;
            return fn(tx);
          }),
        { timeout: options?.timeout ?? 15_000, maxWait: 10_000 },
      ),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}
