import { Module } from '@nestjs/common';
import { LeadEventsRepository } from './lead-events.repository.js';
import { LeadEventsService } from './lead-events.service.js';

@Module({
  providers: [LeadEventsRepository, LeadEventsService],
  exports: [LeadEventsService],
})
export class AnalyticsModule {}
