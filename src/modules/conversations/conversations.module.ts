import { Module } from '@nestjs/common';
import { LeadConversationsRepository } from './lead-conversations.repository.js';
import { LeadConversationsService } from './lead-conversations.service.js';

@Module({
  providers: [LeadConversationsRepository, LeadConversationsService],
  exports: [LeadConversationsService],
})
export class ConversationsModule {}
