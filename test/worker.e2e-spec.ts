import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Queue } from 'bullmq';
import type pg from 'pg';
import { rootModule } from '../src/app/root.module.js';
import { AuthCron } from '../src/modules/auth/jobs/auth.cron.js';
import { GovernanceCron } from '../src/modules/governance/jobs/governance.cron.js';
import { createTestApp, expectProblem, register, type Session, type TestApp, testConfig } from './support/app.js';
import { ownerClient } from './support/db.js';
import { REDIS_URL } from './support/env.js';
import { waitFor as until } from './support/wait.js';

const connection = { url: REDIS_URL };

describe('worker mode', () => {
  let api: TestApp;
  let worker: INestApplicationContext | undefined;
  let owner: pg.Client;
  let a: Session;
  let b: Session;
  const prefix = testConfig().QUEUE_PREFIX;
  const queues = { auth: new Queue('auth', { connection, prefix }), governance: new Queue('governance', { connection, prefix }) };

  beforeAll(async () => {
    api = await createTestApp();
    owner = await ownerClient();
    a = await register(api, 'Worker A', 'wa');
    b = await register(api, 'Worker B', 'wb');
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
    await owner.end();
    await Promise.all(Object.values(queues).map((q) => q.close()));
  });

  it('api mode processes no queue and schedules no cron', async () => {
    expect(await queues.auth.getWorkers()).toHaveLength(0);
    expect(await queues.governance.getWorkers()).toHaveLength(0);
    expect(() => api.nest.get(SchedulerRegistry, { strict: false })).toThrow();
  });

  it('worker mode starts processors and crons, without an HTTP listener', async () => {
    worker = await NestFactory.createApplicationContext(rootModule(testConfig(), 'worker'), { logger: false });
    await until(async () => (await queues.governance.getWorkers()).length > 0 && (await queues.auth.getWorkers()).length > 0);
    const crons = [...worker.get(SchedulerRegistry).getCronJobs().keys()];
    expect(crons).toEqual(expect.arrayContaining(['purge-expired-tokens', 'audit-retention', 'ensure-event-partitions', 'import-file-retention']));
  });

  it('a cron tick only enqueues, with an id from its time slot: two ticks make one job', async () => {
    const cron = worker!.get(AuthCron);
    const at = new Date('2026-03-01T10:15:00Z');
    const id1 = await cron.purgeExpiredTokens(at);
    const id2 = await cron.purgeExpiredTokens(new Date('2026-03-01T10:45:00Z'));
    expect(id2).toBe(id1);
    const other = await cron.purgeExpiredTokens(new Date('2026-03-01T11:05:00Z'));
    expect(other).not.toBe(id1);
    const job = await until(async () => {
      const j = await queues.auth.getJob(id1);
      return j && (await j.getState()) === 'completed' ? j : undefined;
    });
    expect(job.returnvalue).toEqual({ deleted: expect.any(Number) });
  });

  it('purges expired refresh tokens', async () => {
    await owner.query(
      `INSERT INTO auth.refresh_tokens (tenant_id, user_id, family_id, token_hash, expires_at)
       VALUES ($1, $2, gen_random_uuid(), 'expired-' || gen_random_uuid(), now() - interval '30 days')`,
      [a.tenant.id, a.user.id],
    );
    const id = await worker!.get(AuthCron).purgeExpiredTokens(new Date('2026-05-01T00:00:00Z'));
    await until(async () => (await (await queues.auth.getJob(id))?.getState()) === 'completed');
    const left = await owner.query(`SELECT count(*)::int AS n FROM auth.refresh_tokens WHERE token_hash LIKE 'expired-%'`);
    expect(left.rows[0].n).toBe(0);
  });

  it('applies audit retention per tenant as tracked jobs that each tenant can follow, and only its own', async () => {
    await owner.query(
      `INSERT INTO governance.audit_logs (tenant_id, occurred_at, actor_type, actor_label, action, entity_type)
       VALUES ($1, now() - interval '800 days', 'system', 'test', 'ancient.thing', 'test'),
              ($2, now() - interval '800 days', 'system', 'test', 'ancient.thing', 'test')`,
      [a.tenant.id, b.tenant.id],
    );
    const cron = worker!.get(GovernanceCron);
    const at = new Date('2026-06-01T03:00:00Z');
    const ids = await cron.auditRetention(at);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(await cron.auditRetention(at)).toEqual([]);

    const jobA = await owner.query(`SELECT id FROM governance.jobs WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [a.tenant.id, ids]);
    const jobId = jobA.rows[0].id;
    const done = await until(async () => {
      const res = await api.request('GET', `/jobs/${jobId}`, { token: a.accessToken });
      return res.body.state === 'completed' ? res : undefined;
    });
    expect(done.body).toMatchObject({ id: jobId, queue: 'governance', name: 'audit-retention', state: 'completed', progress: 100, result: { deleted: 1 }, error: null });
    expect(done.body.tenantId).toBeUndefined();
    expectProblem(await api.request('GET', `/jobs/${jobId}`, { token: b.accessToken }), 404, 'NOT_FOUND');

    // B's own run removes B's old entry; every tenant's recent entries stay.
    await until(async () => (await owner.query(`SELECT count(*)::int AS n FROM governance.audit_logs WHERE action = 'ancient.thing'`)).rows[0].n === 0);
    const recent = await owner.query(`SELECT count(*)::int AS n FROM governance.audit_logs WHERE tenant_id = $1 AND action = 'tenant.created'`, [a.tenant.id]);
    expect(recent.rows[0].n).toBe(1);
  });

  it('answers 404 for an unknown job and 400 for a malformed id', async () => {
    expectProblem(await api.request('GET', '/jobs/0b7c8d4e-1111-4222-8333-944455556666', { token: a.accessToken }), 404);
    expectProblem(await api.request('GET', '/jobs/not-a-uuid', { token: a.accessToken }), 400);
  });
});
