import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { Job as BullJob, JobsOptions, Queue } from 'bullmq';
import { notFound } from '../../../common/errors/domain-error.js';
import type { Prisma } from '../../../generated/prisma/client.js';
import { afterCommit } from '../../../infra/database/transaction-guard.js';
import { checkedPayload } from '../../../infra/queue/queues.js';
import { PrismaService, type Tx } from '../../../infra/prisma/prisma.service.js';
import { JobsRepository } from './jobs.repository.js';

/** Payload fields every tenant job carries: whose it is, and which status row it reports to. */
export interface TrackedPayload {
  tenantId: string;
  trackingId: string;
}

export interface EnqueueOptions {
  createdById?: string | null;
  bull?: JobsOptions;
  trackingId?: string;
}

const ADD_TIMEOUT_MS = 5000;

const DEFAULT_OPTIONS: JobsOptions = { attempts: 3, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: 1000, removeOnFail: 5000 };

/**
 * Long work that a tenant waits for gets a status row (governance.jobs) next to its BullMQ job:
 * GET /jobs/:id reads the row under row-level security, the worker writes state and progress.
 */
@Injectable()
export class JobsService {
  private readonly logger = new Logger(JobsService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly repo: JobsRepository,
  ) {}

  /**
   * Writes the job's status row in the caller's transaction, and adds the BullMQ job once that
   * transaction has committed: the worker never starts a job whose rows it cannot see yet, and a
   * rolled-back request leaves no job. If the process dies (or Redis fails) between the commit
   * and the add, the row stays `waiting` with its payload, and JobsReconcilerCron queues it again.
   * The BullMQ job id is the row's id, so queueing it twice makes one job.
   */
  async enqueueIn<P extends TrackedPayload>(tx: Tx, queue: Queue, name: string, payload: Omit<P, 'trackingId'>, opts: EnqueueOptions = {}) {
    const trackingId = opts.trackingId ?? randomUUID();
    const data = checkedPayload(queue.name, name, { ...payload, trackingId }) as TrackedPayload;
    const options: JobsOptions = { ...DEFAULT_OPTIONS, ...opts.bull, jobId: trackingId };
    const row = await this.repo.create(tx, {
      id: trackingId,
      tenantId: payload.tenantId,
      queue: queue.name,
      name,
      createdById: opts.createdById ?? null,
      payload: data as unknown as Prisma.InputJsonValue,
      options: options as Prisma.InputJsonValue,
    });
    afterCommit(() => this.add(queue, name, data, options));
    return row;
  }

  /** enqueueIn in a transaction of its own, for callers that have none. */
  enqueue<P extends TrackedPayload>(queue: Queue, name: string, payload: Omit<P, 'trackingId'>, opts: EnqueueOptions = {}) {
    return this.prisma.scoped({ tenantId: payload.tenantId }, (tx) => this.enqueueIn<P>(tx, queue, name, payload, opts));
  }

  async get(tenantId: string, id: string) {
    const job = await this.prisma.scoped({ tenantId }, (tx) => this.repo.find(tx, tenantId, id));
    if (!job) throw notFound('Job');
    return job;
  }

  /** Across tenants, for the reconciler: tracked jobs still `waiting` that were asked for before `before`. */
  waitingCreatedBefore(before: Date, limit: number) {
    return this.prisma.scoped({}, (tx) => this.repo.waitingCreatedBefore(tx, before, limit));
  }

  /** Runs a tracked job's work, recording active → completed|failed and progress as it goes. */
  async track<T>(job: BullJob<TrackedPayload>, work: (report: (progress: Prisma.InputJsonValue) => Promise<void>) => Promise<T>): Promise<T> {
    const { tenantId, trackingId } = job.data;
    const write = (data: Parameters<JobsRepository['update']>[3]) => this.prisma.scoped({ tenantId }, (tx) => this.repo.update(tx, tenantId, trackingId, data));
    await write({ state: 'active', startedAt: new Date(), attempts: job.attemptsMade + 1, error: null });
    try {
      const result = await work(async (progress) => {
        await write({ progress });
        await job.updateProgress(progress as number | object);
      });
      await write({ state: 'completed', progress: 100, result: (result ?? null) as Prisma.InputJsonValue, finishedAt: new Date() });
      return result;
    } catch (err) {
      const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await write({ state: finalAttempt ? 'failed' : 'waiting', error: (err as Error).message?.slice(0, 2000) ?? 'failed', finishedAt: finalAttempt ? new Date() : null });
      throw err;
    }
  }

  /**
   * The request has committed and is answered either way: an add that fails, or that waits on
   * an unreachable Redis longer than ADD_TIMEOUT_MS (BullMQ would wait for it forever), is the
   * reconciler's to repair.
   */
  private async add(queue: Queue, name: string, data: TrackedPayload, options: JobsOptions): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const adding = queue.add(name, data, options);
      adding.catch(() => undefined);
      await Promise.race([adding, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer from Redis within ${ADD_TIMEOUT_MS} ms`)), ADD_TIMEOUT_MS)))]);
    } catch (err) {
      this.logger.warn({ err, jobId: options.jobId, tenantId: data.tenantId, queue: queue.name, name }, 'job recorded but not queued: the reconciler will queue it');
    } finally {
      clearTimeout(timer);
    }
  }
}
