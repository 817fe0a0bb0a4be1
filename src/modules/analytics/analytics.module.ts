import { Module } from '@nestjs/common';
import { EventTypesRepository } from './event-types.repository.js';
import { EventsRepository } from './events.repository.js';
import { LeadEventsRepository } from './lead-events.repository.js';
import { LeadEventsService } from './lead-events.service.js';

@Module({
  providers: [EventsRepository, EventTypesRepository, LeadEventsRepository, LeadEventsService],
  exports: [LeadEventsService],
})
export class AnalyticsModule {}
