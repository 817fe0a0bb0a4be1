import { Injectable, type OnModuleInit } from '@nestjs/common';
import { LeadEventsService } from '../../analytics/lead-events.service.js';
import { CrmHistoryRepository } from './crm-history.repository.js';
import { LeadHistoryRegistry } from './lead-history.registry.js';

/** Timeline order at equal times for crm's own kinds (other modules choose theirs around these). */
export const CRM_HISTORY_ORDER = { event: 10, score: 30, note: 40, enrichment: 50 } as const;

export const noteItem = (n: { id: string; createdAt: Date; body: string; authorId: string | null }) => ({
  kind: 'note',
  id: n.id,
  at: n.createdAt,
  title: 'note',
  details: { body: n.body, authorId: n.authorId },
});

/**
 * Registers what crm itself knows of a lead's history: behaviour events (analytics, which crm
 * may read), score changes, notes, and enrichment (moved on merge, not shown on the timeline).
 */
@Injectable()
export class CrmHistorySources implements OnModuleInit {
  constructor(
    private readonly registry: LeadHistoryRegistry,
    private readonly repo: CrmHistoryRepository,
    private readonly events: LeadEventsService,
  ) {}

  onModuleInit(): void {
    const { repo, events } = this;
    this.registry.register({
      kind: 'event',
      order: CRM_HISTORY_ORDER.event,
      recent: async (tx, tenantId, leadId, bound, limit) =>
        (await events.recent(tx, tenantId, leadId, bound, limit)).map((e) => ({ kind: 'event', id: e.id, at: e.at, title: e.type, details: (e.properties ?? {}) as Record<string, unknown> })),
      reassign: (tx, tenantId, from, to) => events.reassign(tx, tenantId, from, to),
    });
    this.registry.register({
      kind: 'score',
      order: CRM_HISTORY_ORDER.score,
      recent: async (tx, tenantId, leadId, bound, limit) =>
        (await repo.recentScores(tx, tenantId, leadId, bound, limit)).map((s) => ({
          kind: 'score',
          id: s.id,
          at: s.createdAt,
          title: s.reason,
          details: { score: s.score, delta: s.delta, explanation: s.explanation },
        })),
      reassign: (tx, tenantId, from, to) => repo.reassignScores(tx, tenantId, from, to),
    });
    this.registry.register({
      kind: 'note',
      order: CRM_HISTORY_ORDER.note,
      recent: async (tx, tenantId, leadId, bound, limit) => (await repo.recentNotes(tx, tenantId, leadId, bound, limit)).map(noteItem),
      reassign: (tx, tenantId, from, to) => repo.reassignNotes(tx, tenantId, from, to),
    });
    this.registry.register({
      kind: 'enrichment',
      order: CRM_HISTORY_ORDER.enrichment,
      reassign: (tx, tenantId, from, to) => repo.reassignEnrichment(tx, tenantId, from, to),
    });
  }
}
