import { Module } from '@nestjs/common';
import { EventsRepository } from './events.repository.js';
import { LeadEventsRepository } from './lead-events.repository.js';
import { LeadEventsService } from './lead-events.service.js';

@Module({
  providers: [EventsRepository, LeadEventsRepository, LeadEventsService],
  exports: [LeadEventsService],
})
export class AnalyticsModule {}
