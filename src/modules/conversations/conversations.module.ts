import { Module } from '@nestjs/common';
import { LeadConversationsService } from './lead-conversations.service.js';

@Module({
  providers: [LeadConversationsService],
  exports: [LeadConversationsService],
})
export class ConversationsModule {}
