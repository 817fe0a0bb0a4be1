import { Processor } from '@nestjs/bullmq';
import { PrismaService } from '../../../infra/prisma/prisma.service.js';
import { JobProcessor, type JobHandlers } from '../../../infra/queue/job-processor.js';
import { GOVERNANCE_JOBS, QUEUES } from '../../../infra/queue/queues.js';
import { AuditLogRepository } from '../audit-log.repository.js';
import { JobsService } from './jobs.service.js';

@Processor(QUEUES.governance)
export class GovernanceProcessor extends JobProcessor<typeof GOVERNANCE_JOBS> {
  protected readonly schemas = GOVERNANCE_JOBS;
  protected readonly handlers: JobHandlers<typeof GOVERNANCE_JOBS> = {
    'audit-retention': (data, job) =>
      this.jobs.track(job, async () => {
        const deleted = await this.prisma.scoped({ tenantId: data.tenantId }, (tx) => this.auditLogs.purgeOlderThan(tx, data.olderThanDays));
        this.jobLogger.log({ tenantId: data.tenantId, deleted }, 'audit retention applied');
        return { deleted };
      }),
    'ensure-event-partitions': async () => ({ created: await this.prisma.scoped({}, (tx) => this.auditLogs.ensureEventPartitions(tx)) }),
  };

  constructor(
    private readonly prisma: PrismaService,
    private readonly auditLogs: AuditLogRepository,
    private readonly jobs: JobsService,
  ) {
    super();
  }
}
