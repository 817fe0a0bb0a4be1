import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import type { Queue } from 'bullmq';
import { PrismaService } from '../../../infra/prisma/prisma.service.js';
import { addJob, type CrmJobs, QUEUES, slotJobId } from '../../../infra/queue/queues.js';
import { LeadImportsRepository } from '../imports/lead-imports.repository.js';

const DAY = 86_400_000;

/** Crons only enqueue, with ids from their time slot: several workers still make one job each. */
@Injectable()
export class CrmCron {
  constructor(
    @InjectQueue(QUEUES.crm) private readonly queue: Queue,
    private readonly prisma: PrismaService,
    private readonly imports: LeadImportsRepository,
  ) {}

  /** One job per tenant per day, each under its tenant's RLS, carrying the tick's time. */
  @Cron(CronExpression.EVERY_DAY_AT_5AM, { name: 'import-file-retention' })
  async importFileRetention(at: Date = new Date()): Promise<string[]> {
    const tenants = await this.prisma.scoped({}, (tx) => this.imports.allTenantIds(tx));
    const jobIds: string[] = [];
    for (const tenantId of tenants) {
      const jobId = slotJobId('import-file-retention', DAY, at, tenantId);
      const data: CrmJobs['import-file-retention'] = { tenantId, at: at.toISOString() };
      await addJob(this.queue, 'import-file-retention', data, { jobId, removeOnComplete: 1000, removeOnFail: 1000 });
      jobIds.push(jobId);
    }
    return jobIds;
  }
}
