import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AuthWorkerModule } from '../modules/auth/auth.worker.module.js';
import { CampaignsWorkerModule } from '../modules/campaigns/campaigns.worker.module.js';
import { ConversationsModule } from '../modules/conversations/conversations.module.js';
import { CrmWorkerModule } from '../modules/crm/crm.worker.module.js';
import { GovernanceWorkerModule } from '../modules/governance/governance.worker.module.js';

/** Queue processors and crons. Only `worker` and `all` load this; `api` never runs jobs. */
@Module({
  imports: [ScheduleModule.forRoot(), AuthWorkerModule, GovernanceWorkerModule, CrmWorkerModule, CampaignsWorkerModule, ConversationsModule],
})
export class WorkerModule {}
