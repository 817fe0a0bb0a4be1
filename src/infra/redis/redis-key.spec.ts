import { QUEUES } from '../queue/queues.js';
import { APP_KEYSPACE, redisKey } from './redis-key.js';

describe('redisKey', () => {
  it('puts every key under the installation\'s QUEUE_PREFIX', () => {
    expect(redisKey({ QUEUE_PREFIX: 'acme' }, 'login', 'ip', '::1')).toBe('acme:kv:login:ip:::1');
    expect(redisKey({ QUEUE_PREFIX: 'other' }, 'login', 'ip', '::1')).not.toBe(redisKey({ QUEUE_PREFIX: 'acme' }, 'login', 'ip', '::1'));
  });

  it('uses a segment no BullMQ queue is named after', () => {
    expect(Object.values(QUEUES)).not.toContain(APP_KEYSPACE);
  });
});
