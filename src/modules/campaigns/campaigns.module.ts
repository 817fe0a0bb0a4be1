import { Module } from '@nestjs/common';
import { CrmModule } from '../crm/crm.module.js';
import { LeadMessagesHistorySource } from './lead-messages.history-source.js';
import { LeadMessagesRepository } from './lead-messages.repository.js';

@Module({
  imports: [CrmModule],
  providers: [LeadMessagesRepository, LeadMessagesHistorySource],
})
export class CampaignsModule {}
