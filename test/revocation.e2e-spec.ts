import { Redis } from 'ioredis';
import { RevocationMarks } from '../src/modules/auth/revocation-marks.js';
import { createTestApp, expectProblem, register, type Session, type TestApp } from './support/app.js';
import { REDIS_URL } from './support/env.js';
import { addMember, waitFor } from './support/team.js';

/**
 * Revocation marks are checked in each replica's memory, kept in step through Redis pub/sub:
 * a role change on one replica must stop the old token on every other one at once, and a
 * replica that starts later must know the marks that already exist.
 */
describe('access token revocation across replicas', () => {
  let a: TestApp;
  let b: TestApp;
  let late: TestApp | undefined;
  let owner: Session;

  beforeAll(async () => {
    a = await createTestApp();
    b = await createTestApp({ QUEUE_PREFIX: a.config.QUEUE_PREFIX });
    owner = await register(a, 'Revocation', 'revo');
  });
  afterAll(async () => {
    await late?.close();
    await b.close();
    await a.close();
  });

  it('a role changed on one replica stops the old token on the other within moments', async () => {
    const marketer = await addMember(a, owner, 'marketer', 'revomkt');
    expect((await b.request('GET', '/leads', { token: marketer.accessToken })).status).toBe(200);
    const changed = await a.request('PATCH', `/members/${marketer.user.id}`, { token: owner.accessToken, body: { role: 'viewer' } });
    expect(changed.status).toBe(200);
    const started = Date.now();
    await waitFor(async () => (await b.request('GET', '/leads', { token: marketer.accessToken })).status === 401, 2000);
    expect(Date.now() - started).toBeLessThan(1000);
    expectProblem(await a.request('GET', '/leads', { token: marketer.accessToken }), 401, 'UNAUTHENTICATED');
    // The owner's own token is untouched.
    expect((await b.request('GET', '/leads', { token: owner.accessToken })).status).toBe(200);
  });

  it('a replica that starts later knows the marks already made', async () => {
    const viewer = await addMember(a, owner, 'viewer', 'revoview');
    await a.request('DELETE', `/members/${viewer.user.id}`, { token: owner.accessToken });
    late = await createTestApp({ QUEUE_PREFIX: a.config.QUEUE_PREFIX });
    expectProblem(await late.request('GET', '/auth/me', { token: viewer.accessToken }), 401, 'UNAUTHENTICATED');
  });

  it('asks Redis directly while its mirror is not live, and honours a mark it was never told about', async () => {
    const marks = b.nest.get(RevocationMarks);
    const redis = new Redis(REDIS_URL);
    try {
      const key = marks.keyFor('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b');
      // Written behind the mirror's back (no announcement): the mirror cannot know it…
      await redis.set(key, 12345, 'EX', 60);
      expect(await marks.latest([key])).toBe(0);
      // …but with the subscription down, the check goes to Redis and finds it.
      await (marks as unknown as { subscriber: Redis }).subscriber.disconnect();
      await waitFor(async () => (await marks.latest([key])) === 12345, 2000);
    } finally {
      await redis.quit();
    }
  });
});
