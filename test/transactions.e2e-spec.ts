import { jest } from '@jest/globals';
import { Queue } from 'bullmq';
import type pg from 'pg';
import { ScopedSql } from '../src/infra/database/scoped-sql.js';
import { afterCommit, NestedTransactionError } from '../src/infra/database/transaction-guard.js';
import { PrismaService } from '../src/infra/prisma/prisma.service.js';
import { JobsReconcilerCron, LOST_AFTER_MS } from '../src/modules/governance/jobs/jobs-reconciler.cron.js';
import { createTestApp, expectProblem, register, type Res, type Session, type TestApp } from './support/app.js';
import { ownerClient } from './support/db.js';
import { waitFor } from './support/wait.js';

async function upload(app: TestApp, token: string, csv: string): Promise<Res> {
  const res = await fetch(`${app.url}/leads/imports?fileName=race.csv`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body: csv });
  return { status: res.status, body: await res.json(), headers: Object.fromEntries(res.headers.entries()) };
}

/**
 * One request holds at most one pooled connection: a transaction opened inside another is a
 * programming error, caught at once. Jobs are recorded in the transaction that asks for them
 * and queued after it commits; a job lost in between is queued again by the reconciler.
 */
describe('transactions, pool and tracked jobs', () => {
  let app: TestApp;
  let owner: pg.Client;
  let a: Session;
  let prisma: PrismaService;

  beforeAll(async () => {
    // Mode all: the worker runs the jobs; the pool is the suite's small one (DB_POOL_SIZE=4).
    app = await createTestApp({}, 'all');
    owner = await ownerClient();
    a = await register(app, 'Transactions A', 'tx');
    prisma = app.nest.get(PrismaService);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await owner.end();
    await app.close();
  });

  describe('conflicts', () => {
    it('runs again a transaction PostgreSQL chose as a deadlock victim: both sides of a deadlock succeed', async () => {
      const tenantId = a.tenant.id;
      const created = await Promise.all(
        ['dl.one@exemple.fr', 'dl.two@exemple.fr'].map((email) => app.request('POST', '/leads', { token: a.accessToken, body: { email } })),
      );
      const [x, y] = created.map((r) => r.body.id as string) as [string, string];
      let runs = 0;
      // Each locks its first lead, waits until the other has locked its own, then asks for the
      // other's: a deadlock on the first run; the victim's second run finds the lead free.
      let locked = 0;
      const bothLocked = () => new Promise<void>((resolve) => {
        const tick = () => (locked >= 2 ? resolve() : setTimeout(tick, 5));
        tick();
      });
      const crossing = (first: string, second: string, title: string) =>
        prisma.scoped({ tenantId }, async (tx) => {
          runs++;
          await tx.$executeRaw`UPDATE crm.leads SET job_title = ${title} WHERE id = ${first}::uuid`;
          locked++;
          await bothLocked();
          await tx.$executeRaw`UPDATE crm.leads SET job_title = ${title} WHERE id = ${second}::uuid`;
          return title;
        });
      await expect(Promise.all([crossing(x, y, 'first'), crossing(y, x, 'second')])).resolves.toEqual(['first', 'second']);
      expect(runs).toBe(3);
    });
  });

  describe('nesting guard', () => {
    it('refuses a scoped() inside a scoped(), and a one-trip read inside one, before touching the pool', async () => {
      const sql = app.nest.get(ScopedSql);
      const tenantId = a.tenant.id;
      await expect(prisma.scoped({ tenantId }, () => prisma.scoped({ tenantId }, async () => 1))).rejects.toThrow(NestedTransactionError);
      await expect(prisma.scoped({ tenantId }, () => sql.query({ tenantId }, 'SELECT 1'))).rejects.toThrow(NestedTransactionError);
      await expect(sql.transaction({ tenantId }, () => prisma.scoped({ tenantId }, async () => 1))).rejects.toThrow(NestedTransactionError);
      // Siblings and sequences are fine, and the context is clean after each transaction.
      await expect(Promise.all([prisma.scoped({ tenantId }, async () => 1), prisma.scoped({ tenantId }, async () => 2)])).resolves.toEqual([1, 2]);
      await prisma.scoped({ tenantId }, async () => 1);
      await expect(sql.query({ tenantId }, 'SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
    });

    it('runs afterCommit work once the transaction has committed, and never after a rollback', async () => {
      const seen: string[] = [];
      const result = await prisma.scoped({ tenantId: a.tenant.id }, async () => {
        afterCommit(async () => {
          seen.push('after commit');
        });
        seen.push('in transaction');
        return 'done';
      });
      expect(result).toBe('done');
      expect(seen).toEqual(['in transaction', 'after commit']);

      const rolledBack: string[] = [];
      await expect(
        prisma.scoped({ tenantId: a.tenant.id }, async () => {
          afterCommit(async () => {
            rolledBack.push('after commit');
          });
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(rolledBack).toEqual([]);
      expect(() => afterCommit(async () => undefined)).toThrow(/inside a transaction/);
    });
  });

  it('14 simultaneous starts of one import: one 200, thirteen 409, no 500, /health 200 throughout', async () => {
    const preview = await upload(app, a.accessToken, 'email,first_name\nrace1@exemple.fr,Ana\nrace2@exemple.fr,Bo\n');
    expect(preview.status).toBe(201);
    const health: { status: number; ms: number }[] = [];
    let racing = true;
    const probing = (async () => {
      while (racing) {
        const started = performance.now();
        const res = await app.request('GET', '/health');
        health.push({ status: res.status, ms: performance.now() - started });
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const results = await Promise.all(Array.from({ length: 14 }, () => app.request('POST', `/leads/imports/${preview.body.id}/start`, { token: a.accessToken, body: {} })));
    racing = false;
    await probing;

    expect(results.map((r) => r.status).sort()).toEqual([200, ...Array<number>(13).fill(409)]);
    for (const r of results.filter((x) => x.status === 409)) expectProblem(r, 409, 'IMPORT_ALREADY_STARTED');
    expect(health.length).toBeGreaterThan(0);
    expect(health.filter((h) => h.status !== 200)).toEqual([]);

    const jobId = results.find((r) => r.status === 200)!.body.jobId;
    const rows = await owner.query(`SELECT id, state FROM governance.jobs WHERE tenant_id = $1 AND name = 'import-leads'`, [a.tenant.id]);
    expect(rows.rows.map((r) => r.id)).toEqual([jobId]);
    const done = await waitFor(async () => {
      const job = await app.request('GET', `/jobs/${jobId}`, { token: a.accessToken });
      return job.body.state === 'completed' ? job.body : undefined;
    });
    expect(done.result).toMatchObject({ created: 2 });
  });

  it('an add that never answers (Redis unreachable) does not hold the request: 200, the job recorded as waiting', async () => {
    const preview = await upload(app, a.accessToken, 'email\nhung@exemple.fr\n');
    const add = jest.spyOn(Queue.prototype, 'add').mockReturnValueOnce(new Promise(() => undefined));
    const started = await app.request('POST', `/leads/imports/${preview.body.id}/start`, { token: a.accessToken, body: {} });
    add.mockRestore();
    expect(started.status).toBe(200);
    expect((await app.request('GET', `/jobs/${started.body.jobId}`, { token: a.accessToken })).body.state).toBe('waiting');
  });

  it('a job recorded but never queued (the process died between commit and add) is queued again after a minute, once, and runs', async () => {
    const preview = await upload(app, a.accessToken, 'email,first_name\nlost1@exemple.fr,Lost\nlost2@exemple.fr,Found\n');
    // Redis failing at the worst moment stands in for the process dying there: the transaction
    // has committed, the BullMQ add never happens.
    const add = jest.spyOn(Queue.prototype, 'add').mockRejectedValueOnce(new Error('connection lost'));
    const started = await app.request('POST', `/leads/imports/${preview.body.id}/start`, { token: a.accessToken, body: {} });
    expect(add).toHaveBeenCalledTimes(1);
    add.mockRestore();
    expect(started.status).toBe(200);
    const jobId: string = started.body.jobId;
    const crm = new Queue('crm', { connection: { url: app.config.REDIS_URL }, prefix: app.config.QUEUE_PREFIX });
    try {
      expect(await crm.getJob(jobId)).toBeUndefined();
      expect((await app.request('GET', `/jobs/${jobId}`, { token: a.accessToken })).body.state).toBe('waiting');

      const reconciler = app.nest.get(JobsReconcilerCron);
      // Within its first minute a waiting job may just be slow to be added: left alone.
      expect(await reconciler.requeueLost(new Date())).not.toContain(jobId);
      const later = new Date(Date.now() + LOST_AFTER_MS + 1000);
      expect(await reconciler.requeueLost(later)).toContain(jobId);
      // Queued already (or done): a second tick, or a second worker, adds nothing.
      expect(await reconciler.requeueLost(later)).not.toContain(jobId);

      const done = await waitFor(async () => {
        const job = await app.request('GET', `/jobs/${jobId}`, { token: a.accessToken });
        return job.body.state === 'completed' || job.body.state === 'failed' ? job.body : undefined;
      });
      expect(done).toMatchObject({ state: 'completed', result: { created: 2 } });
      const leads = await owner.query(`SELECT count(*)::int AS n FROM crm.leads WHERE tenant_id = $1 AND email LIKE 'lost%@exemple.fr'`, [a.tenant.id]);
      expect(leads.rows[0].n).toBe(2);
      expect(await reconciler.requeueLost(later)).not.toContain(jobId);
    } finally {
      await crm.close();
    }
  });
});
