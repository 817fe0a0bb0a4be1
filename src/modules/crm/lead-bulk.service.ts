import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import type { Actor } from '../../common/auth/actor.js';
import { CommonError } from '../../common/errors/domain-error.js';
import { PrismaService } from '../../infra/prisma/prisma.service.js';
import { type CrmJobs, QUEUES } from '../../infra/queue/queues.js';
import { AuditLogService } from '../governance/audit-log.service.js';
import { JobsService } from '../governance/jobs/jobs.service.js';
import { BULK_INLINE_MAX, type BulkLeadsDto, type BulkMatchingDto, type BulkResultDto } from './dto/lead.dto.js';
import { LeadFilterCompiler } from './lead-filter.compiler.js';
import { type LeadCriteria, LeadsRepository } from './leads.repository.js';
import { LeadsService } from './leads.service.js';

/** Leads changed per transaction by a bulk job: each chunk commits on its own, so progress is real. */
const CHUNK = 1000;
/** Counting for a job's progress is exact (it runs in the worker, not in a request). */
const COUNT_ALL = 2_000_000_000;

/** A job payload's matching filters as the repository reads them (dates travel as ISO text). */
function criteriaOf(matching: Record<string, unknown>): { criteria: LeadCriteria; filter: unknown } {
  const { filter, ...criteria } = matching;
  return { criteria: criteria as LeadCriteria, filter };
}

/**
 * Bulk actions on chosen leads (ids) or on every lead matching the list's filters ("select all N
 * matching"). Up to BULK_INLINE_MAX matching leads are changed in the request; more become a
 * tracked job that walks them by id in chunks, reporting { done, total, affected } as progress.
 * The set is the leads matching when asked (created by then): a lead created during the job is
 * not swept in.
 */
@Injectable()
export class LeadBulkService {
  constructor(
    @InjectQueue(QUEUES.crm) private readonly queue: Queue,
    private readonly prisma: PrismaService,
    private readonly leads: LeadsService,
    private readonly repo: LeadsRepository,
    private readonly filters: LeadFilterCompiler,
    private readonly jobs: JobsService,
    private readonly audit: AuditLogService,
  ) {}

  async bulk(tenantId: string, actor: Actor, dto: BulkLeadsDto): Promise<BulkResultDto> {
    if (dto.ids !== undefined && dto.matching !== undefined) {
      throw new CommonError('VALIDATION_FAILED', 'Give ids or matching, not both.', [{ field: 'matching', code: 'conflict', message: 'ids and matching exclude each other' }]);
    }
    const { matching, ...action } = dto;
    if (!matching) return this.leads.bulk(tenantId, action);

    const { filter: rules, ...criteria } = matching;
    const filter = await this.filters.compile(tenantId, rules, 'matching.filter');
    // Checks the action's own input (tags, changes, owner) before anything is counted or queued.
    await this.leads.bulk(tenantId, { ...action, ids: [] }, false, false);
    const asOf = new Date();
    const ids = await this.repo.matchingIds(tenantId, criteria, asOf, null, BULK_INLINE_MAX + 1, filter);
    if (ids.length <= BULK_INLINE_MAX) {
      const { affected } = ids.length ? await this.leads.bulk(tenantId, { ...action, ids }) : { affected: 0 };
      return { affected, matched: ids.length };
    }

    const job = await this.jobs.enqueue<CrmJobs['bulk-leads']>(
      this.queue,
      'bulk-leads',
      {
        tenantId,
        action: action.action,
        tags: action.tags,
        changes: action.changes as Record<string, unknown> | undefined,
        matching: payloadOf(matching),
        asOf: asOf.toISOString(),
        actor: { type: actor.type, id: actor.id, label: actor.label },
      },
      { createdById: actor.type === 'user' ? actor.id : null },
    );
    return { affected: null, jobId: job.id };
  }

  /**
   * Worker side. A retried job starts over: every action is idempotent (tagging twice tags once).
   * The audit entry is written once the leads are changed, naming who asked and how many changed.
   */
  run(job: Job<CrmJobs['bulk-leads']>) {
    return this.jobs.track(job, async (report) => {
      const { tenantId, action, tags, changes, matching, asOf, actor } = job.data;
      const { criteria, filter: rules } = criteriaOf(matching);
      const filter = await this.filters.compile(tenantId, rules, 'matching.filter');
      const at = new Date(asOf);
      const { count: total } = await this.repo.count(tenantId, { ...criteria }, COUNT_ALL, filter);
      let done = 0;
      let affected = 0;
      let after: string | null = null;
      await report({ done, total, affected });
      for (;;) {
        const ids = await this.repo.matchingIds(tenantId, criteria, at, after, CHUNK, filter);
        if (!ids.length) break;
        affected += (await this.leads.bulk(tenantId, { action, tags, changes, ids }, false, false)).affected;
        done += ids.length;
        after = ids.at(-1)!;
        await report({ done, total: Math.max(total, done), affected });
      }
      await this.prisma.scoped({ tenantId }, (tx) =>
        this.audit.record(tx, tenantId, {
          action: `lead.bulk_${action}`,
          entityType: 'lead',
          entityId: null,
          actor,
          metadata: { matching, jobId: job.data.trackingId, matched: done, affected, ...(tags && { tags }), ...(changes && { changes }) },
        }),
      );
      return { matched: done, affected };
    });
  }
}

/** The matching filters as a job payload (plain JSON: dates as ISO text, no undefined). */
function payloadOf(matching: BulkMatchingDto): Record<string, unknown> {
  return JSON.parse(JSON.stringify(matching)) as Record<string, unknown>;
}
