import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Cron, CronExpression } from '@nestjs/schedule';
import type { JobsOptions, Queue } from 'bullmq';
import { QUEUES } from '../../../infra/queue/queues.js';
import { JobsService } from './jobs.service.js';

/** A row this old and still unknown to its queue was lost between commit and add. */
export const LOST_AFTER_MS = 60_000;
const BATCH = 500;

/**
 * Repairs the one gap of JobsService.enqueueIn: the status row commits, then the process dies
 * (or Redis fails) before the BullMQ job is added. Every minute, tracked jobs still `waiting` a
 * minute after they were asked for, and unknown to their queue, are queued again from the
 * payload and options kept on their row. It only enqueues, under the row's id as BullMQ job id:
 * two workers ticking together add one job, and a job that BullMQ still holds (waiting,
 * delayed for a retry, failed) is left alone.
 */
@Injectable()
export class JobsReconcilerCron implements OnModuleInit {
  private readonly logger = new Logger(JobsReconcilerCron.name);
  private readonly queues = new Map<string, Queue>();

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    for (const name of Object.values(QUEUES)) this.queues.set(name, this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
  }

  /** Returns the ids queued again. */
  @Cron(CronExpression.EVERY_MINUTE, { name: 'requeue-lost-jobs' })
  async requeueLost(now: Date = new Date()): Promise<string[]> {
    const rows = await this.jobs.waitingCreatedBefore(new Date(now.getTime() - LOST_AFTER_MS), BATCH);
    const requeued: string[] = [];
    for (const row of rows) {
      const queue = this.queues.get(row.queue);
      if (!queue) {
        this.logger.error({ jobId: row.id, tenantId: row.tenant_id, queue: row.queue }, 'tracked job of an unknown queue');
        continue;
      }
      if (await queue.getJob(row.id)) continue;
      await queue.add(row.name, row.payload, { ...(row.options as JobsOptions), jobId: row.id });
      requeued.push(row.id);
      this.logger.warn({ jobId: row.id, tenantId: row.tenant_id, queue: row.queue, name: row.name }, 'lost job queued again');
    }
    return requeued;
  }
}
