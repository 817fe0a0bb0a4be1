import { Injectable } from '@nestjs/common';
import type { FeedBound } from '../../common/http/feed-bound.js';
import type { Tx } from '../../infra/prisma/prisma.service.js';
import { EventTypesRepository } from './event-types.repository.js';
import { type EventRow, EventsRepository } from './events.repository.js';
import { LeadEventsRepository } from './lead-events.repository.js';

/**
 * The behaviour event store (analytics.events), as other modules may use it: crm identifies
 * leads and ingests their events, shows them on the timeline and moves them on merge, and lists
 * the types a workspace's events have.
 */
@Injectable()
export class LeadEventsService {
  constructor(
    private readonly leadEvents: LeadEventsRepository,
    private readonly events: EventsRepository,
    private readonly types: EventTypesRepository,
  ) {}

  insertBatch(tx: Tx, tenantId: string, rows: EventRow[]) {
    return this.events.insertBatch(tx, tenantId, rows);
  }

  leadsOfAnonymous(tx: Tx, tenantId: string, anonymousIds: string[]) {
    return this.events.leadsOfAnonymous(tx, tenantId, anonymousIds);
  }

  linkAnonymous(tx: Tx, tenantId: string, anonymousId: string, leadId: string) {
    return this.events.linkAnonymous(tx, tenantId, anonymousId, leadId);
  }

  /** The event types the workspace has sent, the most frequent first, with their counts. */
  eventTypes(tx: Tx, tenantId: string, search: string | undefined, limit: number) {
    return this.types.mostFrequent(tx, tenantId, search, limit);
  }

  recent(tx: Tx, tenantId: string, leadId: string, bound: FeedBound, limit: number) {
    return this.leadEvents.recent(tx, tenantId, leadId, bound, limit);
  }

  reassign(tx: Tx, tenantId: string, fromLeadIds: string[], toLeadId: string) {
    return this.leadEvents.reassign(tx, tenantId, fromLeadIds, toLeadId);
  }

  moveBack(tx: Tx, tenantId: string, ids: string[], toLeadId: string) {
    return this.leadEvents.moveBack(tx, tenantId, ids, toLeadId);
  }

  /** Conversions: which leads did `type` within their window (e.g. a campaign's goal since they entered it). */
  leadsWithEventBetween(tx: Tx, tenantId: string, type: string, windows: { leadId: string; from: Date; to: Date }[]) {
    return this.leadEvents.leadsWithEventBetween(tx, tenantId, type, windows);
  }
}
