import { Injectable } from '@nestjs/common';
import { shiftParams } from '../../../common/text/sql-text.js';
import type { Prisma, ScoringRule } from '../../../generated/prisma/client.js';
import type { Tx } from '../../../infra/prisma/prisma.service.js';
import { type CompiledSegment } from '../segments/compiler/index.js';

/** One rule as SQL over `crm.leads l`: its points for the lead, with its own parameters. */
export interface RuleSql {
  rule: ScoringRule;
  expr: (offset: number) => { sql: string; params: unknown[] };
}

export function attributeSql(rule: ScoringRule, compiled: CompiledSegment): RuleSql {
  return { rule, expr: (offset) => ({ sql: `CASE WHEN ${shiftParams(compiled.where, offset)} THEN ${rule.points} ELSE 0 END`, params: compiled.params }) };
}

export function behaviourSql(rule: ScoringRule, tenantId: string, now: Date): RuleSql {
  const c = rule.condition as { eventType: string; properties?: Record<string, unknown> };
  return {
    rule,
    expr: (offset) => {
      const params: unknown[] = [tenantId, c.eventType];
      const p = (v: unknown) => `$${offset + params.push(v)}`;
      let where = `e.tenant_id = $${offset + 1}::uuid AND e.lead_id = l.id AND e.type = $${offset + 2}`;
      if (c.properties && Object.keys(c.properties).length) where += ` AND e.properties @> ${p(JSON.stringify(c.properties))}::jsonb`;
      if (rule.decayDays) where += ` AND e.occurred_at >= ${p(new Date(now.getTime() - rule.decayDays * 86_400_000).toISOString())}::timestamptz`;
      // With a cap, counting stops as soon as the cap is reached.
      const cap = rule.maxPoints ? Math.ceil(rule.maxPoints / Math.abs(rule.points)) : null;
      const counted = cap
        ? `(SELECT count(*) FROM (SELECT 1 FROM analytics.events e WHERE ${where} LIMIT ${cap}) x)`
        : `(SELECT count(*) FROM analytics.events e WHERE ${where})`;
      const points = `(${counted} * ${rule.points})`;
      const capped = rule.maxPoints ? (rule.points > 0 ? `LEAST(${points}, ${rule.maxPoints})` : `GREATEST(${points}, ${-rule.maxPoints})`) : points;
      return { sql: `${capped}::int`, params };
    },
  };
}

/** The per-rule points of each lead, as one array expression and its parameters after $1 = tenant. */
function partsSql(rules: RuleSql[], firstParam: number) {
  const params: unknown[] = [];
  const parts = rules.map((r) => {
    const { sql, params: own } = r.expr(firstParam - 1 + params.length);
    params.push(...own);
    return sql;
  });
  return { array: parts.length ? `ARRAY[${parts.join(', ')}]::int[]` : `ARRAY[]::int[]`, params };
}

@Injectable()
export class ScoringRepository {
  list(tx: Tx, tenantId: string) {
    return tx.scoringRule.findMany({ where: { tenantId }, orderBy: { createdAt: 'asc' } });
  }
  active(tx: Tx, tenantId: string) {
    return tx.scoringRule.findMany({ where: { tenantId, active: true }, orderBy: { createdAt: 'asc' } });
  }
  find(tx: Tx, tenantId: string, id: string) {
    return tx.scoringRule.findFirst({ where: { tenantId, id } });
  }
  create(tx: Tx, data: Prisma.ScoringRuleUncheckedCreateInput) {
    return tx.scoringRule.create({ data });
  }
  update(tx: Tx, id: string, data: Prisma.ScoringRuleUncheckedUpdateInput) {
    return tx.scoringRule.update({ where: { id }, data });
  }
  delete(tx: Tx, id: string) {
    return tx.scoringRule.delete({ where: { id } });
  }

  /**
   * Recomputes the scores of a tenant's leads (all, or the given ones) in one statement; only
   * leads whose score changes are written, each with a history row explaining its points.
   */
  async rescore(tx: Tx, tenantId: string, rules: RuleSql[], leadIds: string[] | null, reason: string): Promise<number> {
    const { array, params } = partsSql(rules, leadIds ? 5 : 4);
    const ruleIds = JSON.stringify(rules.map((r) => r.rule.id));
    const only = leadIds ? `AND l.id = ANY($4::uuid[])` : '';
    const sql = `
      WITH computed AS (
        SELECT l.id, l.score AS old, ${array} AS parts FROM crm.leads l
         WHERE l.tenant_id = $1::uuid AND l.deleted_at IS NULL ${only}
      ), scored AS (
        SELECT id, old, parts, (SELECT coalesce(sum(p), 0) FROM unnest(parts) p)::int AS score FROM computed
      ), changed AS (
        UPDATE crm.leads l SET score = s.score FROM scored s WHERE l.id = s.id AND s.score <> s.old
        RETURNING l.id, s.old, s.score, s.parts
      )
      INSERT INTO crm.lead_scores (tenant_id, lead_id, score, delta, reason, explanation)
      SELECT $1::uuid, id, score, score - old, $2, jsonb_build_object('rules', $3::jsonb, 'points', to_jsonb(parts)) FROM changed`;
    return tx.$executeRawUnsafe(sql, tenantId, reason, ruleIds, ...(leadIds ? [leadIds] : []), ...params);
  }

  /** The points each rule gives one lead now. */
  async parts(tx: Tx, tenantId: string, leadId: string, rules: RuleSql[]): Promise<{ score: number; parts: number[] } | null> {
    const { array, params } = partsSql(rules, 3);
    const rows = await tx.$queryRawUnsafe<{ score: number; parts: number[] }[]>(
      `SELECT l.score, ${array} AS parts FROM crm.leads l WHERE l.tenant_id = $1::uuid AND l.id = $2::uuid`,
      tenantId,
      leadId,
      ...params,
    );
    return rows[0] ?? null;
  }
}
