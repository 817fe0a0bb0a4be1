import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../infra/prisma/prisma.service.js';
import { LeadEventsService } from '../analytics/lead-events.service.js';
import type { EventTypeDto, EventTypeListDto, EventTypesQueryDto } from './dto/event.dto.js';
import { PLATFORM_EVENT_TYPES } from './event-types.js';

/** What the event type pickers offer: the workspace's own types by frequency, then the platform's it has not sent yet. */
@Injectable()
export class EventTypesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly store: LeadEventsService,
  ) {}

  async list(tenantId: string, query: EventTypesQueryDto): Promise<EventTypeListDto> {
    const search = query.q?.toLowerCase();
    const sent = await this.prisma.scoped({ tenantId }, (tx) => this.store.eventTypes(tx, tenantId, search, query.limit));
    const platform = new Set<string>(PLATFORM_EVENT_TYPES);
    const items: EventTypeDto[] = sent.map((r) => ({ type: r.type, events: r.events, lastOccurredAt: r.lastOccurredAt, platform: platform.has(r.type) }));
    const seen = new Set(items.map((i) => i.type));
    for (const type of PLATFORM_EVENT_TYPES) {
      if (!seen.has(type) && (!search || type.includes(search))) items.push({ type, events: 0, lastOccurredAt: null, platform: true });
    }
    return { items };
  }
}
