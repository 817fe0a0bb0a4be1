import { Module } from '@nestjs/common';
import { LeadMessagesRepository } from './lead-messages.repository.js';
import { LeadMessagesService } from './lead-messages.service.js';

@Module({
  providers: [LeadMessagesRepository, LeadMessagesService],
  exports: [LeadMessagesService],
})
export class CampaignsModule {}
