import { Injectable } from '@nestjs/common';
import type { FeedBound } from '../../../common/http/feed-bound.js';
import type { Tx } from '../../../infra/prisma/prisma.service.js';

/** Rows after a feed cursor, on created_at and id (see FeedBound). */
const after = (b: FeedBound) => ({
  OR: [{ createdAt: { lt: b.at } }, ...(b.orEqual ? [{ createdAt: b.at }] : b.idBelow ? [{ createdAt: b.at, id: { lt: b.idBelow } }] : [])],
});

const newestFirst = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];

/** What hangs off a lead in crm's own tables: notes, score changes, enrichment. */
@Injectable()
export class CrmHistoryRepository {
  recentNotes(tx: Tx, tenantId: string, leadId: string, b: FeedBound, limit: number) {
    return tx.leadNote.findMany({ where: { tenantId, leadId, ...after(b) }, orderBy: newestFirst, take: limit });
  }

  recentScores(tx: Tx, tenantId: string, leadId: string, b: FeedBound, limit: number) {
    return tx.leadScore.findMany({ where: { tenantId, leadId, ...after(b) }, orderBy: newestFirst, take: limit });
  }

  /** The lead's creation, as one item when it falls after the cursor. */
  async created(tx: Tx, tenantId: string, leadId: string, b: FeedBound) {
    return tx.lead.findFirst({ where: { tenantId, id: leadId, ...after(b) }, select: { id: true, createdAt: true, createdBy: true } });
  }

  /** Field changes, except those a merge made or undid (the merge's own item tells them). */
  recentChanges(tx: Tx, tenantId: string, leadId: string, b: FeedBound, limit: number) {
    const notMerge = { OR: [{ actor: null }, { NOT: { OR: [{ actor: { startsWith: 'merge:' } }, { actor: { startsWith: 'unmerge:' } }] } }] };
    return tx.leadChange.findMany({
      where: { tenantId, leadId, AND: [after(b), notMerge] },
      orderBy: newestFirst,
      take: limit,
    });
  }

  recentMerges(tx: Tx, tenantId: string, leadId: string, b: FeedBound, limit: number) {
    return tx.leadMerge.findMany({ where: { tenantId, winnerId: leadId, ...after(b) }, orderBy: newestFirst, take: limit });
  }

  /** What each merge changed on the surviving lead: the change row its transaction wrote (it updates the lead once). */
  async mergeChanges(tx: Tx, tenantId: string, merges: { id: string; winnerId: string }[]) {
    if (!merges.length) return new Map<string, unknown>();
    const rows = await tx.leadChange.findMany({
      where: { tenantId, OR: merges.map((m) => ({ leadId: m.winnerId, actor: { startsWith: `merge:${m.id}` } })) },
      select: { actor: true, changes: true },
    });
    return new Map(rows.map((r) => [r.actor!.split(':')[1]!, r.changes]));
  }

  leadNames(tx: Tx, tenantId: string, ids: string[]) {
    return tx.lead.findMany({ where: { tenantId, id: { in: ids } }, select: { id: true, firstName: true, lastName: true, email: true, phone: true } });
  }

  async reassignNotes(tx: Tx, tenantId: string, fromIds: string[], toId: string): Promise<string[]> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE crm.lead_notes SET lead_id = ${toId}::uuid WHERE tenant_id = ${tenantId}::uuid AND lead_id = ANY(${fromIds}::uuid[]) RETURNING id`;
    return rows.map((r) => r.id);
  }

  async reassignScores(tx: Tx, tenantId: string, fromIds: string[], toId: string): Promise<string[]> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE crm.lead_scores SET lead_id = ${toId}::uuid WHERE tenant_id = ${tenantId}::uuid AND lead_id = ANY(${fromIds}::uuid[]) RETURNING id`;
    return rows.map((r) => r.id);
  }

  /**
   * Enrichment is unique per (lead, field, source): the surviving lead's own value wins, the
   * duplicates' other values go (derived data: enrichment finds them again after an undo).
   */
  async reassignEnrichment(tx: Tx, tenantId: string, fromIds: string[], toId: string): Promise<string[]> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE crm.lead_enrichment e SET lead_id = ${toId}::uuid
       WHERE e.tenant_id = ${tenantId}::uuid AND e.lead_id = ANY(${fromIds}::uuid[])
         AND NOT EXISTS (SELECT 1 FROM crm.lead_enrichment k WHERE k.lead_id = ${toId}::uuid AND k.field = e.field AND k.source = e.source)
      RETURNING e.id`;
    await tx.leadEnrichment.deleteMany({ where: { tenantId, leadId: { in: fromIds } } });
    return rows.map((r) => r.id);
  }

  /** Undoing a merge: rows of `table` (as a reassign returned them) go back to `toId`. */
  moveBack(tx: Tx, tenantId: string, table: 'lead_notes' | 'lead_scores' | 'lead_enrichment', ids: string[], toId: string): Promise<number> {
    // The table name is one of three constants, never input.
    return tx.$executeRawUnsafe(`UPDATE crm.${table} SET lead_id = $1::uuid WHERE tenant_id = $2::uuid AND id = ANY($3::uuid[])`, toId, tenantId, ids);
  }
}
