import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { PrismaService } from '../../../infra/prisma/prisma.service.js';
import { type GovernanceJobs, QUEUES } from '../../../infra/queue/queues.js';
import { JobsService } from './jobs.service.js';

type Name = keyof GovernanceJobs;

@Processor(QUEUES.governance)
export class GovernanceProcessor extends WorkerHost {
  private readonly logger = new Logger(GovernanceProcessor.name);

  constructor(
    @Inject(PrismaService) private readonly prisma: PrismaService,
    private readonly jobs: JobsService,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    const name = job.name as Name;
    switch (name) {
      case 'audit-retention': {
        const data = job.data as GovernanceJobs['audit-retention'];
        return this.jobs.track(job as Job<GovernanceJobs['audit-retention']>, async () => {
          const rows = await this.prisma.scoped({ tenantId: data.tenantId }, (tx) =>
            tx.$queryRaw<{ n: bigint }[]>`SELECT governance.purge_audit_logs(make_interval(days => ${data.olderThanDays}::int)) AS n`,
          );
          const deleted = Number(rows[0]?.n ?? 0);
          this.logger.log({ tenantId: data.tenantId, deleted }, 'audit retention applied');
          return { deleted };
        });
      }
      case 'ensure-event-partitions': {
        const rows = await this.prisma.scoped({}, (tx) => tx.$queryRaw<{ n: number }[]>`SELECT analytics.ensure_event_partitions(1, 12) AS n`);
        return { created: rows[0]?.n ?? 0 };
      }
      default:
        throw new Error(`No handler for job "${job.name}" on queue ${QUEUES.governance}`);
    }
  }
}
