import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QUEUES } from '../../infra/queue/queues.js';
import { ChannelsModule } from '../channels/channels.module.js';
import { GovernanceModule } from '../governance/governance.module.js';
import { CampaignsModule } from './campaigns.module.js';
import { CampaignsProcessor } from './jobs/campaigns.processor.js';
import { SendMessageRunner } from './transactional/send-message.runner.js';

/** Campaigns' background work (sending messages): loaded only in worker and all modes. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.campaigns }), CampaignsModule, ChannelsModule, GovernanceModule],
  providers: [SendMessageRunner, CampaignsProcessor],
})
export class CampaignsWorkerModule {}
