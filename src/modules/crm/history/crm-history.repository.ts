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

  async reassignNotes(tx: Tx, tenantId: string, fromIds: string[], toId: string): Promise<number> {
    return (await tx.leadNote.updateMany({ where: { tenantId, leadId: { in: fromIds } }, data: { leadId: toId } })).count;
  }

  async reassignScores(tx: Tx, tenantId: string, fromIds: string[], toId: string): Promise<number> {
    return (await tx.leadScore.updateMany({ where: { tenantId, leadId: { in: fromIds } }, data: { leadId: toId } })).count;
  }

  /** Enrichment is unique per (lead, field, source): the surviving lead's own value wins, the duplicates' other values go. */
  async reassignEnrichment(tx: Tx, tenantId: string, fromIds: string[], toId: string): Promise<number> {
    const moved = await tx.$executeRaw`
      UPDATE crm.lead_enrichment e SET lead_id = ${toId}::uuid
       WHERE e.tenant_id = ${tenantId}::uuid AND e.lead_id = ANY(${fromIds}::uuid[])
         AND NOT EXISTS (SELECT 1 FROM crm.lead_enrichment k WHERE k.lead_id = ${toId}::uuid AND k.field = e.field AND k.source = e.source)`;
    await tx.leadEnrichment.deleteMany({ where: { tenantId, leadId: { in: fromIds } } });
    return moved;
  }
}
