import type { AppConfig } from '../../config/config.js';

/**
 * The segment under QUEUE_PREFIX that holds our own keys. BullMQ owns `<prefix>:<queue>:*` (and a
 * queue is named `auth`), so our keys live beside the queues, never inside one's namespace.
 */
export const APP_KEYSPACE = 'kv';

/** Every Redis key that is not BullMQ's: `<QUEUE_PREFIX>:kv:<parts…>`, so installations sharing a Redis never collide. */
export function redisKey(config: Pick<AppConfig, 'QUEUE_PREFIX'>, ...parts: string[]): string {
  return [config.QUEUE_PREFIX, APP_KEYSPACE, ...parts].join(':');
}
