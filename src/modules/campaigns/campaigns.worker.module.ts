import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '../../infra/queue/queues.js';
import { ChannelsModule } from '../channels/channels.module.js';
import { GovernanceModule } from '../governance/governance.module.js';
import { CampaignsModule } from './campaigns.module.js';
import { CampaignsCron } from './jobs/campaigns.cron.js';
import { CampaignsProcessor } from './jobs/campaigns.processor.js';
import { MessagesProcessor } from './jobs/messages.processor.js';
import { SendMessageRunner } from './transactional/send-message.runner.js';

/** The campaign engine's background work (admission, the stepper, webhook calls) and transactional sends: worker and all modes only. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.campaigns }, { name: QUEUES.messages }), CampaignsModule, ChannelsModule, GovernanceModule],
  providers: [CampaignsProcessor, CampaignsCron, SendMessageRunner, MessagesProcessor],
})
export class CampaignsWorkerModule {}
