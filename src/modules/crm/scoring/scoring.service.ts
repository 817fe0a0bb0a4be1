import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Actor } from '../../../common/auth/actor.js';
import { CommonError } from '../../../common/errors/domain-error.js';
import type { ScoringRule } from '../../../generated/prisma/client.js';
import { PrismaService, type Tx } from '../../../infra/prisma/prisma.service.js';
import { addJob, type CrmJobs, QUEUES } from '../../../infra/queue/queues.js';
import { AuditLogService } from '../../governance/audit-log.service.js';
import { JobsService } from '../../governance/jobs/jobs.service.js';
import { CrmError } from '../crm.errors.js';
import { CustomFieldsService } from '../custom-fields/custom-fields.service.js';
import { compileSegment, parseSegmentRules, SegmentRuleError } from '../segments/compiler/index.js';
import type { CreateScoringRuleDto, UpdateScoringRuleDto } from './scoring-rule.dto.js';
import { attributeSql, behaviourSql, type RuleSql, ScoringRepository } from './scoring.repository.js';

const EVENT_TYPE = /^[a-z][a-z0-9_.-]{0,99}$/;

const toDto = (r: ScoringRule) => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  condition: r.condition as Record<string, unknown>,
  points: r.points,
  maxPoints: r.maxPoints,
  decayDays: r.decayDays,
  active: r.active,
  createdAt: r.createdAt,
});

/**
 * Events behind a behaviour rule's points. Counting stops at the cap (see behaviourSql), so a
 * capped rule reports the events it took to reach it.
 */
function behaviourCounts(rule: ScoringRule, points: number): { events: number; capped: boolean } {
  const capped = rule.maxPoints !== null && Math.abs(points) >= rule.maxPoints;
  const perEvent = Math.abs(rule.points);
  return { events: capped ? Math.ceil(Math.abs(points) / perEvent) : Math.round(Math.abs(points) / perEvent), capped };
}

/**
 * Lead scoring: per-tenant rules on what a lead is (attribute: a segment condition) and does
 * (behaviour: points per matching event, capped, counting only recent events). Scores are
 * recomputed in SQL — for every lead when rules change, for the leads concerned when events
 * arrive — and each change is kept with the points per rule that explain it.
 */
@Injectable()
export class ScoringService {
  constructor(
    @InjectQueue(QUEUES.crm) private readonly queue: Queue,
    private readonly prisma: PrismaService,
    private readonly repo: ScoringRepository,
    private readonly customFields: CustomFieldsService,
    private readonly jobs: JobsService,
    private readonly audit: AuditLogService,
  ) {}

  async list(tenantId: string) {
    return { items: (await this.prisma.scoped({ tenantId }, (tx) => this.repo.list(tx, tenantId))).map(toDto) };
  }

  async create(tenantId: string, actor: Actor, dto: CreateScoringRuleDto) {
    const rule = await this.prisma.scoped({ tenantId }, async (tx) => {
      const created = await this.repo.create(tx, { tenantId, name: dto.name, kind: dto.kind, condition: dto.condition as object, points: dto.points, maxPoints: dto.maxPoints ?? null, decayDays: dto.decayDays ?? null, active: dto.active ?? true });
      await this.ruleSql(tx, tenantId, created);
      await this.audit.record(tx, tenantId, { action: 'scoring_rule.created', entityType: 'scoring_rule', entityId: created.id, metadata: { name: dto.name, points: dto.points } });
      return { ...toDto(created), recomputeJobId: await this.recomputeAll(tx, tenantId, actor, `rule "${created.name}" created`) };
    });
    return rule;
  }

  async update(tenantId: string, actor: Actor, id: string, dto: UpdateScoringRuleDto) {
    const rule = await this.prisma.scoped({ tenantId }, async (tx) => {
      const current = await this.repo.find(tx, tenantId, id);
      if (!current) throw new CrmError('SCORING_RULE_NOT_FOUND', 'No such scoring rule.');
      const updated = await this.repo.update(tx, id, { ...dto, condition: (dto.condition as object | undefined) ?? undefined });
      await this.ruleSql(tx, tenantId, updated);
      await this.audit.record(tx, tenantId, { action: 'scoring_rule.updated', entityType: 'scoring_rule', entityId: id, metadata: { name: updated.name, fields: Object.keys(dto) } });
      return { ...toDto(updated), recomputeJobId: await this.recomputeAll(tx, tenantId, actor, `rule "${updated.name}" changed`) };
    });
    return rule;
  }

  async remove(tenantId: string, actor: Actor, id: string) {
    return this.prisma.scoped({ tenantId }, async (tx) => {
      const current = await this.repo.find(tx, tenantId, id);
      if (!current) throw new CrmError('SCORING_RULE_NOT_FOUND', 'No such scoring rule.');
      await this.repo.delete(tx, id);
      await this.audit.record(tx, tenantId, { action: 'scoring_rule.deleted', entityType: 'scoring_rule', entityId: id, metadata: { name: current.name } });
      return { recomputeJobId: await this.recomputeAll(tx, tenantId, actor, `rule "${current.name}" deleted`) };
    });
  }

  /** Why a lead has its score: the points each active rule gives it now. */
  async explain(tenantId: string, leadId: string) {
    return this.prisma.scoped({ tenantId }, async (tx) => {
      const rules = await this.repo.active(tx, tenantId);
      const sql = await this.rulesSql(tx, tenantId, rules);
      const result = await this.repo.parts(tx, tenantId, leadId, sql);
      if (!result) throw new CrmError('LEAD_NOT_FOUND', 'No such lead in this workspace.');
      const parts = rules
        .map((r, i) => ({ ruleId: r.id, name: r.name, kind: r.kind, points: result.parts[i] ?? 0, ...(r.kind === 'behaviour' && behaviourCounts(r, result.parts[i] ?? 0)) }))
        .filter((p) => p.points !== 0);
      return { score: result.score, computed: parts.reduce((n, p) => n + p.points, 0), parts };
    });
  }

  /** Worker side: recompute (all leads, or some), inside one transaction. */
  async rescore(tenantId: string, leadIds: string[] | null, reason: string): Promise<{ changed: number }> {
    return this.prisma.scoped({ tenantId }, async (tx) => {
      const rules = await this.repo.active(tx, tenantId);
      const sql = await this.rulesSql(tx, tenantId, rules);
      return { changed: await this.repo.rescore(tx, tenantId, sql, leadIds, reason) };
    }, { timeout: 600_000 });
  }

  /** After events arrive or leads change: their scores, soon, in the background. */
  async rescoreLeadsLater(tenantId: string, leadIds: string[], reason: 'new events' | 'lead changed'): Promise<void> {
    if (!leadIds.length) return;
    await addJob(this.queue, 'rescore-leads', { tenantId, leadIds, reason } satisfies CrmJobs['rescore-leads'], { removeOnComplete: 1000, removeOnFail: 1000, attempts: 3 });
  }

  /** In the transaction that changes the rules: the rule and its recompute job commit together. */
  private async recomputeAll(tx: Tx, tenantId: string, actor: Actor, reason: string): Promise<string> {
    const job = await this.jobs.enqueueIn<CrmJobs['rescore-leads'] & { trackingId: string }>(tx, this.queue, 'rescore-leads', { tenantId, leadIds: null, reason }, { createdById: actor.type === 'user' ? actor.id : null });
    return job.id;
  }

  /** Sequentially: they share the transaction's one connection. */
  private async rulesSql(tx: Tx, tenantId: string, rules: ScoringRule[]): Promise<RuleSql[]> {
    const sql: RuleSql[] = [];
    for (const rule of rules) sql.push(await this.ruleSql(tx, tenantId, rule));
    return sql;
  }

  /** Validates a rule's condition and turns it into SQL; invalid conditions are a 400 naming the bad part. */
  private async ruleSql(tx: Tx, tenantId: string, rule: ScoringRule): Promise<RuleSql> {
    const condition = rule.condition as Record<string, unknown>;
    if (rule.kind === 'behaviour') {
      const keys = Object.keys(condition);
      const properties = condition.properties;
      if (typeof condition.eventType !== 'string' || !EVENT_TYPE.test(condition.eventType) || keys.some((k) => k !== 'eventType' && k !== 'properties') || (properties !== undefined && (typeof properties !== 'object' || properties === null || Array.isArray(properties)))) {
        throw this.invalid('condition', 'a behaviour condition is { eventType, properties? } with a lower-case event type');
      }
      return behaviourSql(rule, tenantId, new Date());
    }
    if (condition.type === 'event') throw this.invalid('condition.type', 'events belong in behaviour rules');
    if (rule.maxPoints || rule.decayDays) throw this.invalid('maxPoints', 'caps and decay apply to behaviour rules only');
    try {
      const schema = await this.customFields.schema(tx, tenantId);
      return attributeSql(rule, compileSegment(parseSegmentRules({ op: 'and', conditions: [condition] }), { tenantId, customFields: schema.types }));
    } catch (err) {
      if (err instanceof SegmentRuleError) {
        const e = err.errors[0]!;
        throw this.invalid(`condition${e.path.replace(/^conditions\[0\]/, '')}`, e.message, e.code);
      }
      throw err;
    }
  }

  private invalid(field: string, message: string, code = 'invalid') {
    return new CommonError('VALIDATION_FAILED', `The scoring rule is invalid: ${message}.`, [{ field, code, message }]);
  }
}
