import { Module } from '@nestjs/common';
import { CrmModule } from '../crm/crm.module.js';
import { LeadConversationsHistorySource } from './lead-conversations.history-source.js';
import { LeadConversationsRepository } from './lead-conversations.repository.js';

@Module({
  imports: [CrmModule],
  providers: [LeadConversationsRepository, LeadConversationsHistorySource],
})
export class ConversationsModule {}
