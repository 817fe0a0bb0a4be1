import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { PrismaService } from '../../../infra/prisma/prisma.service.js';
import { type CrmJobs, QUEUES } from '../../../infra/queue/queues.js';
import { CrmError } from '../crm.errors.js';
import { type Enrichment, localEnrichments } from './enrichers.js';
import { EnrichmentProvider } from './enrichment-provider.js';

/** Leads per enrichment job. */
const CHUNK = 500;

/** Enriched values that may fill a lead's own field — only while that field is empty. */
const FILLS = { company: 'company', jobTitle: 'jobTitle' } as const;

/**
 * Enrichment runs as a job after a lead is created, imported or changed: values learnt from the
 * lead's own data (rules) and from the configured provider are kept with their source, time and
 * confidence (crm.lead_enrichment); they fill a lead's field only when it is empty, so nothing
 * a person entered is ever overwritten.
 */
@Injectable()
export class EnrichmentService {
  constructor(
    @InjectQueue(QUEUES.crm) private readonly queue: Queue,
    private readonly prisma: PrismaService,
    private readonly provider: EnrichmentProvider,
  ) {}

  async enrichLater(tenantId: string, leadIds: string[]): Promise<void> {
    for (let i = 0; i < leadIds.length; i += CHUNK) {
      await this.queue.add('enrich-leads', { tenantId, leadIds: leadIds.slice(i, i + CHUNK) } satisfies CrmJobs['enrich-leads'], { removeOnComplete: 1000, removeOnFail: 1000, attempts: 3, backoff: { type: 'exponential', delay: 2000 } });
    }
  }

  /**
   * After an import, once its rows are all written: enriching while the import runs would
   * compete with it for the database (a 1M-row import took ~20% longer), and the marketer is
   * waiting for the import, not for the enrichment.
   */
  async enrichChangedSinceLater(tenantId: string, since: Date): Promise<void> {
    await this.queue.add('enrich-import', { tenantId, since: since.toISOString() } satisfies CrmJobs['enrich-import'], { removeOnComplete: 1000, removeOnFail: 1000, attempts: 3, backoff: { type: 'exponential', delay: 2000 } });
  }

  /** Worker side of enrichChangedSinceLater: one pass over the tenant's leads, newest first, fanned out in chunks. */
  async fanOutChangedSince(tenantId: string, since: Date): Promise<{ leads: number }> {
    let cursor: string | undefined;
    let leads = 0;
    for (;;) {
      const page = await this.prisma.scoped({ tenantId }, (tx) =>
        tx.lead.findMany({
          where: { tenantId, updatedAt: { gte: since }, deletedAt: null },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          select: { id: true },
          take: CHUNK,
          ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
        }),
      );
      if (!page.length) return { leads };
      leads += page.length;
      await this.enrichLater(tenantId, page.map((l) => l.id));
      cursor = page.at(-1)!.id;
    }
  }

  /** Worker side: a chunk of leads, written in two statements whatever its size. */
  async enrich(tenantId: string, leadIds: string[]): Promise<{ leads: number; values: number; filled: number }> {
    const leads = await this.prisma.scoped({ tenantId }, (tx) =>
      tx.lead.findMany({ where: { tenantId, id: { in: leadIds }, deletedAt: null }, select: { id: true, email: true, phone: true, firstName: true, lastName: true, company: true, jobTitle: true } }),
    );
    const values: (Enrichment & { leadId: string })[] = [];
    const fills: { leadId: string; column: keyof typeof FILLS; value: string }[] = [];
    for (const lead of leads) {
      // The provider is called outside any transaction: a slow provider holds no connection.
      const found: Enrichment[] = [...localEnrichments(lead), ...(await this.provider.lookup(lead))];
      values.push(...found.map((e) => ({ ...e, leadId: lead.id })));
      for (const [field, column] of Object.entries(FILLS) as [keyof typeof FILLS, keyof typeof FILLS][]) {
        // Highest confidence first: the provider knows, the email domain only hints.
        const best = found.filter((e) => e.field === field && typeof e.value === 'string').sort((a, b) => b.confidence - a.confidence)[0];
        if (best && !lead[column]) fills.push({ leadId: lead.id, column, value: best.value as string });
      }
    }
    const filled = await this.prisma.scoped({ tenantId }, async (tx) => {
      if (values.length) {
        await tx.$executeRaw`
          INSERT INTO crm.lead_enrichment (tenant_id, lead_id, field, value, source, confidence)
          SELECT ${tenantId}::uuid, u.lead_id, u.field, u.value, u.source, u.confidence
            FROM unnest(${values.map((v) => v.leadId)}::uuid[], ${values.map((v) => v.field)}::text[], ${values.map((v) => JSON.stringify(v.value))}::jsonb[],
                        ${values.map((v) => v.source)}::text[], ${values.map((v) => v.confidence)}::float8[]) AS u(lead_id, field, value, source, confidence)
          ON CONFLICT (lead_id, field, source) DO UPDATE SET value = EXCLUDED.value, confidence = EXCLUDED.confidence, enriched_at = now()`;
      }
      let n = 0;
      for (const column of Object.keys(FILLS) as (keyof typeof FILLS)[]) {
        const these = fills.filter((f) => f.column === column);
        if (!these.length) continue;
        const sqlColumn = column === 'jobTitle' ? 'job_title' : 'company';
        // Only where the field is still empty: a person's edit since the read wins.
        n += await tx.$executeRawUnsafe(
          `UPDATE crm.leads l SET ${sqlColumn} = u.value FROM unnest($2::uuid[], $3::text[]) AS u(id, value)
            WHERE l.tenant_id = $1::uuid AND l.id = u.id AND l.${sqlColumn} IS NULL`,
          tenantId,
          these.map((f) => f.leadId),
          these.map((f) => f.value),
        );
      }
      return n;
    });
    return { leads: leads.length, values: values.length, filled };
  }

  async list(tenantId: string, leadId: string) {
    return this.prisma.scoped({ tenantId }, async (tx) => {
      if (!(await tx.lead.findFirst({ where: { tenantId, id: leadId }, select: { id: true } }))) throw new CrmError('LEAD_NOT_FOUND', 'No such lead in this workspace.');
      const rows = await tx.leadEnrichment.findMany({ where: { tenantId, leadId }, orderBy: [{ field: 'asc' }, { confidence: 'desc' }] });
      return { items: rows.map((r) => ({ field: r.field, value: r.value, source: r.source, confidence: r.confidence, enrichedAt: r.enrichedAt })) };
    });
  }
}
