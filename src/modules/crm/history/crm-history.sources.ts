import { Injectable, type OnModuleInit } from '@nestjs/common';
import { LeadEventsService } from '../../analytics/lead-events.service.js';
import { CrmHistoryRepository } from './crm-history.repository.js';
import { parseDbActor } from '../../../infra/database/db-actor.js';
import { leadLabel } from '../lead-label.js';
import { LeadHistoryRegistry } from './lead-history.registry.js';

/** Timeline order at equal times for crm's own kinds (other modules choose theirs around these). */
export const CRM_HISTORY_ORDER = { created: 5, event: 10, score: 30, note: 40, enrichment: 50, change: 60, merge: 70 } as const;

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
      moveBack: (tx, tenantId, ids, to) => events.moveBack(tx, tenantId, ids, to),
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
      moveBack: (tx, tenantId, ids, to) => repo.moveBack(tx, tenantId, 'lead_scores', ids, to),
    });
    this.registry.register({
      kind: 'note',
      order: CRM_HISTORY_ORDER.note,
      recent: async (tx, tenantId, leadId, bound, limit) => (await repo.recentNotes(tx, tenantId, leadId, bound, limit)).map(noteItem),
      reassign: (tx, tenantId, from, to) => repo.reassignNotes(tx, tenantId, from, to),
      moveBack: (tx, tenantId, ids, to) => repo.moveBack(tx, tenantId, 'lead_notes', ids, to),
    });
    this.registry.register({
      kind: 'created',
      order: CRM_HISTORY_ORDER.created,
      recent: async (tx, tenantId, leadId, bound) => {
        const lead = await repo.created(tx, tenantId, leadId, bound);
        return lead ? [{ kind: 'created', id: lead.id, at: lead.createdAt, title: 'created', details: { by: parseDbActor(lead.createdBy) } }] : [];
      },
    });
    this.registry.register({
      kind: 'change',
      order: CRM_HISTORY_ORDER.change,
      recent: async (tx, tenantId, leadId, bound, limit) =>
        (await repo.recentChanges(tx, tenantId, leadId, bound, limit)).map((c) => ({
          kind: 'change',
          id: c.id,
          at: c.createdAt,
          title: 'changed',
          details: { by: parseDbActor(c.actor), changes: c.changes as Record<string, unknown> },
        })),
    });
    this.registry.register({
      kind: 'merge',
      order: CRM_HISTORY_ORDER.merge,
      recent: async (tx, tenantId, leadId, bound, limit) => {
        const merges = await repo.recentMerges(tx, tenantId, leadId, bound, limit);
        const changes = await repo.mergeChanges(tx, tenantId, merges);
        const names = new Map((await repo.leadNames(tx, tenantId, merges.flatMap((m) => m.loserIds))).map((l) => [l.id, l]));
        return merges.map((m) => {
          const losers = m.losers as { id: string; before: { email: string | null } }[];
          const moved = Object.values(m.moved as Record<string, Record<string, string[]>>);
          return {
            kind: 'merge',
            id: m.id,
            at: m.createdAt,
            title: 'merged',
            details: {
              by: parseDbActor(m.actor),
              merged: losers.map((l) => {
                const lead = names.get(l.id);
                return { id: l.id, name: lead ? (leadLabel({ ...lead, email: lead.email ?? l.before.email }) ?? null) : null };
              }),
              changes: changes.get(m.id) ?? {},
              moved: moved.reduce<Record<string, number>>((acc, rows) => {
                for (const [kind, ids] of Object.entries(rows)) acc[kind] = (acc[kind] ?? 0) + ids.length;
                return acc;
              }, {}),
              undoneAt: m.undoneAt,
              undoneBy: parseDbActor(m.undoneBy),
            },
          };
        });
      },
    });
    this.registry.register({
      kind: 'enrichment',
      order: CRM_HISTORY_ORDER.enrichment,
      reassign: (tx, tenantId, from, to) => repo.reassignEnrichment(tx, tenantId, from, to),
      moveBack: (tx, tenantId, ids, to) => repo.moveBack(tx, tenantId, 'lead_enrichment', ids, to),
    });
  }
}
