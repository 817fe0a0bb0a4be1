import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { PrismaService } from '../../../infra/prisma/prisma.service.js';
import { addJob, type CrmJobs, QUEUES } from '../../../infra/queue/queues.js';
import { CrmError } from '../crm.errors.js';
import type { Enrichment } from './enrichers.js';
import { ENRICHMENT_SOURCES, type EnrichmentSource, type EnrichmentSources } from './enrichment-sources.js';
import { APP_CONFIG } from '../../../config/config.module.js';
import type { AppConfig } from '../../../config/config.js';
import { FILLABLE, type FillableField, EnrichmentRepository } from './enrichment.repository.js';

/** Leads per enrichment job. */
const CHUNK = 500;


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
    private readonly repo: EnrichmentRepository,
    @Inject(ENRICHMENT_SOURCES) sources: EnrichmentSources,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.sources = sources.select(config.ENRICHMENT_PROVIDERS);
  }

  private readonly sources: EnrichmentSource[];

  async enrichLater(tenantId: string, leadIds: string[]): Promise<void> {
    for (let i = 0; i < leadIds.length; i += CHUNK) {
      await addJob(this.queue, 'enrich-leads', { tenantId, leadIds: leadIds.slice(i, i + CHUNK) } satisfies CrmJobs['enrich-leads'], { removeOnComplete: 1000, removeOnFail: 1000, attempts: 3, backoff: { type: 'exponential', delay: 2000 } });
    }
  }

  /**
   * After an import, once its rows are all written: enriching while the import runs would
   * compete with it for the database (a 1M-row import took ~20% longer), and the marketer is
   * waiting for the import, not for the enrichment.
   */
  async enrichChangedSinceLater(tenantId: string, since: Date): Promise<void> {
    await addJob(this.queue, 'enrich-import', { tenantId, since: since.toISOString() } satisfies CrmJobs['enrich-import'], { removeOnComplete: 1000, removeOnFail: 1000, attempts: 3, backoff: { type: 'exponential', delay: 2000 } });
  }

  /** Worker side of enrichChangedSinceLater: one pass over the tenant's leads, newest first, fanned out in chunks. */
  async fanOutChangedSince(tenantId: string, since: Date): Promise<{ leads: number }> {
    let cursor: string | undefined;
    let leads = 0;
    for (;;) {
      const page = await this.prisma.scoped({ tenantId }, (tx) => this.repo.changedSince(tx, tenantId, since, CHUNK, cursor));
      if (!page.length) return { leads };
      leads += page.length;
      await this.enrichLater(tenantId, page.map((l) => l.id));
      cursor = page.at(-1)!.id;
    }
  }

  /** Worker side: a chunk of leads, written in a few statements whatever its size. */
  async enrich(tenantId: string, leadIds: string[]): Promise<{ leads: number; values: number; filled: number }> {
    const leads = await this.prisma.scoped({ tenantId }, (tx) => this.repo.leadsToEnrich(tx, tenantId, leadIds));
    const values: (Enrichment & { leadId: string })[] = [];
    const fills = new Map<FillableField, { leadId: string; value: string }[]>();
    for (const lead of leads) {
      // Sources are asked outside any transaction: a slow provider holds no connection.
      const found: Enrichment[] = [];
      for (const source of this.sources) found.push(...(await source.lookup(lead)));
      values.push(...found.map((e) => ({ ...e, leadId: lead.id })));
      for (const field of Object.keys(FILLABLE) as FillableField[]) {
        // Highest confidence first: the provider knows, the email domain only hints.
        const best = found.filter((e) => e.field === field && typeof e.value === 'string').sort((a, b) => b.confidence - a.confidence)[0];
        if (best && !lead[field]) fills.set(field, [...(fills.get(field) ?? []), { leadId: lead.id, value: best.value as string }]);
      }
    }
    const filled = await this.prisma.scoped({ tenantId }, async (tx) => {
      await this.repo.saveValues(tx, tenantId, values);
      let n = 0;
      for (const [field, these] of fills) n += await this.repo.fillEmpty(tx, tenantId, field, these);
      return n;
    });
    return { leads: leads.length, values: values.length, filled };
  }

  async list(tenantId: string, leadId: string) {
    return this.prisma.scoped({ tenantId }, async (tx) => {
      if (!(await this.repo.leadExists(tx, tenantId, leadId))) throw new CrmError('LEAD_NOT_FOUND', 'No such lead in this workspace.');
      const rows = await this.repo.valuesOf(tx, tenantId, leadId);
      return { items: rows.map((r) => ({ field: r.field, value: r.value, source: r.source, confidence: r.confidence, enrichedAt: r.enrichedAt })) };
    });
  }
}
