import { createHash } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import type { Queue } from 'bullmq';
import { APP_CONFIG } from '../../../config/config.module.js';
import type { AppConfig } from '../../../config/config.js';
import { PrismaService } from '../../../infra/prisma/prisma.service.js';
import { addJob, type GovernanceJobs, QUEUES, slotJobId } from '../../../infra/queue/queues.js';
import { JobsService } from './jobs.service.js';

const DAY = 86_400_000;

/** A stable UUID-shaped id from a string (the job slot). */
function uuidFrom(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Crons only enqueue, with ids from their time slot: several workers still make one job. */
@Injectable()
export class GovernanceCron {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QUEUES.governance) private readonly queue: Queue,
    private readonly prisma: PrismaService,
    private readonly jobs: JobsService,
  ) {}

  /** One tracked job per tenant per day, so each tenant sees its own retention run. */
  @Cron(CronExpression.EVERY_DAY_AT_3AM, { name: 'audit-retention' })
  async auditRetention(at: Date = new Date()): Promise<string[]> {
    const tenants = await this.prisma.scoped({}, (tx) => tx.$queryRaw<{ id: string }[]>`SELECT id FROM tenancy.all_tenant_ids() AS id`);
    const enqueued: string[] = [];
    for (const { id: tenantId } of tenants) {
      // Derived from (tenant, day): a second worker ticking the same cron hits the same id.
      const trackingId = uuidFrom(slotJobId('audit-retention', DAY, at, tenantId));
      try {
        await this.jobs.enqueue<GovernanceJobs['audit-retention']>(this.queue, 'audit-retention', { tenantId, olderThanDays: this.config.AUDIT_RETENTION_DAYS }, { trackingId });
        enqueued.push(trackingId);
      } catch (err) {
        if ((err as { code?: string }).code !== 'P2002') throw err;
      }
    }
    return enqueued;
  }

  @Cron(CronExpression.EVERY_DAY_AT_4AM, { name: 'ensure-event-partitions' })
  async ensureEventPartitions(at: Date = new Date()): Promise<void> {
    await addJob(this.queue, 'ensure-event-partitions', {}, { jobId: slotJobId('ensure-event-partitions', DAY, at), removeOnComplete: 100, removeOnFail: 100 });
  }
}
