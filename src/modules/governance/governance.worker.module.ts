import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '../../infra/queue/queues.js';
import { AuditLogRepository } from './audit-log.repository.js';
import { GovernanceModule } from './governance.module.js';
import { GovernanceCron } from './jobs/governance.cron.js';
import { GovernanceProcessor } from './jobs/governance.processor.js';
import { JobsReconcilerCron } from './jobs/jobs-reconciler.cron.js';

/** Governance's background work: loaded only in worker and all modes. */
@Module({
  // Every queue, for the reconciler to put lost jobs back on theirs.
  imports: [GovernanceModule, ...Object.values(QUEUES).map((name) => BullModule.registerQueue({ name }))],
  providers: [AuditLogRepository, GovernanceProcessor, GovernanceCron, JobsReconcilerCron],
})
export class GovernanceWorkerModule {}
