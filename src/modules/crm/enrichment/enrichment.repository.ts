import { Injectable } from '@nestjs/common';
import type { Tx } from '../../../infra/prisma/prisma.service.js';
import type { Enrichment } from './enrichers.js';

/** The lead columns an enriched value may fill (only while empty). */
export const FILLABLE = { company: 'company', jobTitle: 'job_title' } as const;
export type FillableField = keyof typeof FILLABLE;

export type LeadToEnrich = { id: string; email: string | null; phone: string | null; firstName: string | null; lastName: string | null; company: string | null; jobTitle: string | null };

/** crm.lead_enrichment, and the lead columns enrichment reads and fills. */
@Injectable()
export class EnrichmentRepository {
  /** Ids of leads changed since a time, newest first, one page after `afterId`. */
  changedSince(tx: Tx, tenantId: string, since: Date, take: number, afterId?: string): Promise<{ id: string }[]> {
    return tx.lead.findMany({
      where: { tenantId, updatedAt: { gte: since }, deletedAt: null },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: { id: true },
      take,
      ...(afterId ? { cursor: { id: afterId }, skip: 1 } : {}),
    });
  }

  leadsToEnrich(tx: Tx, tenantId: string, leadIds: string[]): Promise<LeadToEnrich[]> {
    return tx.lead.findMany({
      where: { tenantId, id: { in: leadIds }, deletedAt: null },
      select: { id: true, email: true, phone: true, firstName: true, lastName: true, company: true, jobTitle: true },
    });
  }

  /** One statement for the whole chunk; a value already known from the same source is refreshed. */
  async saveValues(tx: Tx, tenantId: string, values: (Enrichment & { leadId: string })[]): Promise<void> {
    if (!values.length) return;
    await tx.$executeRaw`
      INSERT INTO crm.lead_enrichment (tenant_id, lead_id, field, value, source, confidence)
      SELECT ${tenantId}::uuid, u.lead_id, u.field, u.value, u.source, u.confidence
        FROM unnest(${values.map((v) => v.leadId)}::uuid[], ${values.map((v) => v.field)}::text[], ${values.map((v) => JSON.stringify(v.value))}::jsonb[],
                    ${values.map((v) => v.source)}::text[], ${values.map((v) => v.confidence)}::float8[]) AS u(lead_id, field, value, source, confidence)
      ON CONFLICT (lead_id, field, source) DO UPDATE SET value = EXCLUDED.value, confidence = EXCLUDED.confidence, enriched_at = now()`;
  }

  /** Sets a column only where it is still empty: a person's edit since the read wins. */
  fillEmpty(tx: Tx, tenantId: string, field: FillableField, fills: { leadId: string; value: string }[]): Promise<number> {
    if (!fills.length) return Promise.resolve(0);
    const column = FILLABLE[field];
    return tx.$executeRawUnsafe(
      `UPDATE crm.leads l SET ${column} = u.value FROM unnest($2::uuid[], $3::text[]) AS u(id, value)
        WHERE l.tenant_id = $1::uuid AND l.id = u.id AND l.${column} IS NULL`,
      tenantId,
      fills.map((f) => f.leadId),
      fills.map((f) => f.value),
    );
  }

  async leadExists(tx: Tx, tenantId: string, leadId: string): Promise<boolean> {
    return Boolean(await tx.lead.findFirst({ where: { tenantId, id: leadId }, select: { id: true } }));
  }

  valuesOf(tx: Tx, tenantId: string, leadId: string) {
    return tx.leadEnrichment.findMany({ where: { tenantId, leadId }, orderBy: [{ field: 'asc' }, { confidence: 'desc' }] });
  }
}
