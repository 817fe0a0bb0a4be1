import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Job as BullJob, JobsOptions, Queue } from 'bullmq';
import { notFound } from '../../../common/errors/domain-error.js';
import type { Prisma } from '../../../generated/prisma/client.js';
import { PrismaService } from '../../../infra/prisma/prisma.service.js';
import { JobsRepository } from './jobs.repository.js';

/** Payload fields every tenant job carries: whose it is, and which status row it reports to. */
export interface TrackedPayload {
  tenantId: string;
  trackingId: string;
}

/**
 * Long work that a tenant waits for gets a status row (governance.jobs) next to its BullMQ job:
 * GET /jobs/:id reads the row under row-level security, the worker writes state and progress.
 */
@Injectable()
export class JobsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly repo: JobsRepository,
  ) {}

  async enqueue<P extends TrackedPayload>(
    queue: Queue,
    name: string,
    payload: Omit<P, 'trackingId'>,
    opts: { createdById?: string | null; bull?: JobsOptions; trackingId?: string } = {},
  ) {
    const trackingId = opts.trackingId ?? randomUUID();
    const row = await this.prisma.scoped({ tenantId: payload.tenantId }, (tx) =>
      this.repo.create(tx, { id: trackingId, tenantId: payload.tenantId, queue: queue.name, name, createdById: opts.createdById ?? null }),
    );
    await queue.add(name, { ...payload, trackingId }, { jobId: trackingId, attempts: 3, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: 1000, removeOnFail: 5000, ...opts.bull });
    return row;
  }

  async get(tenantId: string, id: string) {
    const job = await this.prisma.scoped({ tenantId }, (tx) => this.repo.find(tx, tenantId, id));
    if (!job) throw notFound('Job');
    return job;
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
}
