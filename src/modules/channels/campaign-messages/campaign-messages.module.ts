import { Module } from '@nestjs/common';
import { CampaignMessagesRepository } from './campaign-messages.repository.js';
import { CampaignMessagesService } from './campaign-messages.service.js';

/** The part of channels the campaign engine uses: queueing campaign messages and reading their engagement. */
@Module({
  providers: [CampaignMessagesRepository, CampaignMessagesService],
  exports: [CampaignMessagesService],
})
export class CampaignMessagesModule {}
