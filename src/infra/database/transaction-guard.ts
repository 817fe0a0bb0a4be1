import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which database transaction, if any, the current async context is inside. Opening a second
 * one there takes a second pooled connection while the first is held: under load every
 * connection ends up held by a request waiting for another one, and the whole pool (every
 * tenant, /health too) stalls until the transactions time out. So it is refused, always, at
 * once: the caller passes its `tx` down or moves the call out of the transaction.
 */
interface OpenTransaction {
  opened: string;
  afterCommit: (() => Promise<void>)[];
}

const open = new AsyncLocalStorage<OpenTransaction>();

/** A programming error: a transaction (or pooled query) opened inside another one. */
export class NestedTransactionError extends Error {
  constructor(opened: string, attempted: string) {
    super(
      `${attempted} was called inside ${opened} (same async context). It would hold two pooled connections at once and can ` +
        'exhaust the pool: pass the transaction client down, or make the call before or after the transaction.',
    );
    this.name = 'NestedTransactionError';
  }
}

/** Throws NestedTransactionError when called from inside a transaction. */
export function assertNoOpenTransaction(attempted: string): void {
  const current = open.getStore();
  if (current) throw new NestedTransactionError(current.opened, attempted);
}

/**
 * Runs a transaction: `begin(body)` starts it and calls `body` inside it, where the context is
 * marked as being in the transaction `opened`. Once `begin` has resolved (committed), the
 * work registered with afterCommit() runs, in order; after a rollback it is dropped.
 */
export async function runTransaction<T>(opened: string, begin: (body: <R>(fn: () => Promise<R>) => Promise<R>) => Promise<T>): Promise<T> {
  assertNoOpenTransaction(opened);
  const frame: OpenTransaction = { opened, afterCommit: [] };
  const result = await begin((fn) => open.run(frame, fn));
  for (const work of frame.afterCommit) await work();
  return result;
}

/**
 * Work to do once the current transaction has committed (never if it rolls back), e.g. adding
 * a job to a queue that the transaction's rows describe: a worker must not pick it up before
 * those rows are visible.
 */
export function afterCommit(work: () => Promise<void>): void {
  const current = open.getStore();
  if (!current) throw new Error('afterCommit() must be called inside a transaction');
  current.afterCommit.push(work);
}
