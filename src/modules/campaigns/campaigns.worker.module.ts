import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '../../infra/queue/queues.js';
import { CampaignsModule } from './campaigns.module.js';
import { CampaignsCron } from './jobs/campaigns.cron.js';
import { CampaignsProcessor } from './jobs/campaigns.processor.js';

/** The campaign engine's background work (admission, the stepper, webhook calls): worker and all modes only. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.campaigns }), CampaignsModule],
  providers: [CampaignsProcessor, CampaignsCron],
})
export class CampaignsWorkerModule {}
