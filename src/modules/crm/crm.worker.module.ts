import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '../../infra/queue/queues.js';
import { AuthModule } from '../auth/auth.module.js';
import { GovernanceModule } from '../governance/governance.module.js';
import { CrmModule } from './crm.module.js';
import { ImportFileRetentionService } from './imports/import-file-retention.service.js';
import { ImportLeadsRunner } from './imports/import-leads.runner.js';
import { CrmCron } from './jobs/crm.cron.js';
import { CrmProcessor } from './jobs/crm.processor.js';

/** CRM's background work (lead imports and the retention of their files): loaded only in worker and all modes. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.crm }), CrmModule, GovernanceModule, AuthModule],
  providers: [ImportLeadsRunner, ImportFileRetentionService, CrmProcessor, CrmCron],
})
export class CrmWorkerModule {}
