import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../generated/prisma/client.js';
import { ScopedSql, type SqlValue } from '../../infra/database/scoped-sql.js';
import type { Tx } from '../../infra/prisma/prisma.service.js';
import type { LeadCriteriaDto } from './dto/lead.dto.js';
import { type LeadCursor, type LeadSort, LEAD_SORT_FIELDS } from './lead-sort.js';
import type { CompiledSegment } from './segments/compiler/index.js';
import { escapeLike } from '../../common/text/sql-text.js';
import { fold, foldedContains, foldedStartsWith } from './folded-text.js';
import { type LeadSearchTerm, leadSearchTerms } from './lead-search.js';

/** A lead as the API reads it (leadColumns()): search_text is the database's own. */
export type LeadRow = Omit<Prisma.LeadGetPayload<object>, 'searchText'>;

/** The lead columns the API returns, camel-cased, optionally qualified by a table alias. */
export function leadColumns(alias = ''): string {
  const a = alias ? `${alias}.` : '';
  return [
    'id', 'tenant_id AS "tenantId"', 'email', 'first_name AS "firstName"', 'last_name AS "lastName"', 'phone', 'company',
    'job_title AS "jobTitle"', 'civility', 'street_address AS "streetAddress"', 'postal_code AS "postalCode"', 'city', 'region', 'country',
    'source_created_at AS "sourceCreatedAt"', 'source', 'lifecycle_stage AS "lifecycleStage"', 'owner_id AS "ownerId"', 'tags', 'custom_fields AS "customFields"',
    'email_consent AS "emailConsent"', 'email_consent_at AS "emailConsentAt"', 'email_consent_source AS "emailConsentSource"',
    'sms_consent AS "smsConsent"', 'sms_consent_at AS "smsConsentAt"', 'sms_consent_source AS "smsConsentSource"',
    'whatsapp_consent AS "whatsappConsent"', 'whatsapp_consent_at AS "whatsappConsentAt"', 'whatsapp_consent_source AS "whatsappConsentSource"',
    'language', 'timezone', 'score', 'created_at AS "createdAt"', 'updated_at AS "updatedAt"', 'deleted_at AS "deletedAt"', 'merged_into_id AS "mergedIntoId"',
    'created_by AS "createdBy"', 'other_emails AS "otherEmails"', 'other_phones AS "otherPhones"',
  ]
    .map((c) => a + c)
    .join(', ');
}

const COLUMNS = leadColumns();
const ALIASED = leadColumns('l');

/** The list's filters (LeadCriteriaDto) as the repository reads them. */
export type LeadCriteria = Omit<LeadCriteriaDto, 'deleted'> & { deleted?: 'exclude' | 'only' };

/**
 * The list's filters as conditions on crm.leads `l`, $1 being the tenant. A compiled rule tree
 * (the `filter` parameter) brings its own parameters, numbered from $1 = the tenant too, so the
 * other conditions' values follow them.
 */
function criteriaSql(tenantId: string, q: LeadCriteria, filter?: CompiledSegment) {
  const values: SqlValue[] = filter ? [...(filter.params as SqlValue[])] : [tenantId];
  if (values[0] !== tenantId) throw new Error('a filter compiled for another tenant');
  const p = (v: SqlValue) => `$${values.push(v)}`;
  const where = ['l.tenant_id = $1', q.deleted === 'only' ? 'l.deleted_at IS NOT NULL' : 'l.deleted_at IS NULL'];
  if (filter) where.push(filter.conditions);
  if (q.q) where.push(...leadSearchConditions(q.q, p));
  if (q.lifecycleStage?.length) where.push(`l.lifecycle_stage::text IN (${q.lifecycleStage.map((s) => p(s)).join(', ')})`);
  if (q.source) where.push(`l.source = ${p(q.source)}`);
  if (q.tag) where.push(`EXISTS (SELECT 1 FROM unnest(l.tags) t WHERE lower(t) = ${p(q.tag.toLowerCase())})`);
  if (q.ownerId) where.push(`l.owner_id = ${p(q.ownerId)}::uuid`);
  if (q.emailConsent) where.push(`l.email_consent::text = ${p(q.emailConsent)}`);
  if (q.scoreMin !== undefined) where.push(`l.score >= ${p(q.scoreMin)}`);
  if (q.scoreMax !== undefined) where.push(`l.score <= ${p(q.scoreMax)}`);
  if (q.city) where.push(`${fold('l.city')} = ${fold(p(q.city))}`);
  if (q.postalCode) where.push(`l.postal_code LIKE ${p(`${escapeLike(q.postalCode.toUpperCase())}%`)}`);
  if (q.country?.length) where.push(`l.country = ANY(${p(q.country)}::bpchar[])`);
  if (q.civility?.length) where.push(`l.civility::text = ANY(${p(q.civility)}::text[])`);
  if (q.createdFrom) where.push(`l.created_at >= ${p(q.createdFrom)}::timestamptz`);
  if (q.createdTo) where.push(`l.created_at <= ${p(q.createdTo)}::timestamptz`);
  return { where, p, values };
}

/**
 * GET /leads?q= as conditions on crm.leads (unqualified columns), one per group of
 * leadSearchTerms(). `search_text LIKE <constant>` is served by the trigram index (under row-level
 * security only because the condition is leakproof: see 20261204110000_folded_search.sql), a whole
 * phone number by the (tenant_id, phone) index. Exported for the benchmark's floor, which runs the
 * same SQL.
 */
export function leadSearchConditions(q: string, param: (v: string) => string): string[] {
  const term = (t: LeadSearchTerm) => ('phone' in t ? `phone = ${param(t.phone)}` : `search_text LIKE ${foldedContains(param(t.contains))}`);
  return leadSearchTerms(q).map((terms) => `(${terms.map(term).join(' OR ')})`);
}

@Injectable()
export class LeadsRepository {
  constructor(private readonly sql: ScopedSql) {}

  /**
   * The lead list with search, filters and keyset pagination, in one round trip (ScopedSql):
   * the hottest read of the product. Each sort is served by its (tenant_id, column, id) index where
   * there is one (created_at, score, last_name, company, city, and email's unique index), search by
   * the trigram index on search_text. A nullable column sorts in two parts, its values then its
   * nulls, each its own index range read at most one page deep: "nulls last" in both directions
   * without a second index per direction.
   */
  list(tenantId: string, q: LeadCriteria, sort: LeadSort, limit: number, cursor?: LeadCursor, filter?: CompiledSegment): Promise<(LeadRow & { sortValue: unknown })[]> {
    const { where, p, values } = criteriaSql(tenantId, q, filter);
    const def: { column: string; kind: string; nullable: boolean; type?: string } = LEAD_SORT_FIELDS[sort.field];
    const col = `l.${def.column}`;
    const dir = sort.descending ? 'DESC' : 'ASC';
    const cmp = sort.descending ? '<' : '>';
    const typed = (v: string | number) => (def.kind === 'time' ? `${p(v)}::timestamptz` : def.kind === 'int' ? `${p(v)}::int` : def.kind === 'enum' ? `${p(v)}::${def.type}` : p(v));
    const n = p(limit + 1);
    const select = (sortValue: string, conditions: string[], order: string, part = '') =>
      `SELECT ${ALIASED}, ${sortValue} AS "sortValue"${part} FROM crm.leads l WHERE ${[...where, ...conditions].join(' AND ')} ORDER BY ${order} LIMIT ${n}`;
    const after = cursor && cursor.value !== null ? [`(${col}, l.id) ${cmp} (${typed(cursor.value)}, ${p(cursor.id)}::uuid)`] : [];
    if (!def.nullable) return this.sql.query({ tenantId }, select(col, after, `${col} ${dir}, l.id ${dir}`), values);
    const nulls = (extra: string[], part = '') => select(`NULL::${def.kind === 'time' ? 'timestamptz' : def.kind === 'enum' ? def.type : 'text'}`, [`${col} IS NULL`, ...extra], `l.id ${dir}`, part);
    if (cursor && cursor.value === null) return this.sql.query({ tenantId }, nulls([`l.id ${cmp} ${p(cursor.id)}::uuid`]), values);
    return this.sql.query(
      { tenantId },
      `SELECT * FROM ((${select(col, [`${col} IS NOT NULL`, ...after], `${col} ${dir}, l.id ${dir}`, ', 0 AS part')})
        UNION ALL (${nulls([], ', 1 AS part')})) u ORDER BY part, "sortValue" ${dir}, id ${dir} LIMIT ${n}`,
      values,
    );
  }

  /**
   * How many leads match: counted exactly up to `bound` (a LIMIT'ed count reads at most bound + 1
   * index entries), beyond it the planner's estimate of the same query (EXPLAIN, as the runtime
   * role: row-level security and all), never below what was counted.
   */
  async count(tenantId: string, q: LeadCriteria, bound: number, filter?: CompiledSegment): Promise<{ count: number; exact: boolean }> {
    const { where, p, values } = criteriaSql(tenantId, q, filter);
    const matching = `SELECT 1 FROM crm.leads l WHERE ${where.join(' AND ')}`;
    const [counted] = await this.sql.query<{ n: number }>({ tenantId }, `SELECT count(*)::int AS n FROM (${matching} LIMIT ${p(bound + 1)}) x`, values);
    if (counted!.n <= bound) return { count: counted!.n, exact: true };
    const [plan] = await this.sql.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>({ tenantId }, `EXPLAIN (FORMAT JSON) ${matching}`, values);
    return { count: Math.max(Math.round(plan!['QUERY PLAN'][0].Plan['Plan Rows']), bound + 1), exact: false };
  }

  /**
   * The next `limit` ids (in id order, after `afterId`) of the leads matching, created by `asOf`:
   * how a bulk job walks "every matching lead" in chunks without holding them all. Walking by id,
   * a lead the action moves out of the filter (tagged, trashed) is never met twice.
   */
  async matchingIds(tenantId: string, q: LeadCriteria, asOf: Date, afterId: string | null, limit: number, filter?: CompiledSegment): Promise<string[]> {
    const { where, p, values } = criteriaSql(tenantId, q, filter);
    where.push(`l.created_at <= ${p(asOf)}::timestamptz`);
    if (afterId) where.push(`l.id > ${p(afterId)}::uuid`);
    const rows = await this.sql.query<{ id: string }>({ tenantId }, `SELECT l.id FROM crm.leads l WHERE ${where.join(' AND ')} ORDER BY l.id LIMIT ${p(limit)}`, values);
    return rows.map((r) => r.id);
  }

  /**
   * Likely duplicates of a lead, the likeliest first: same phone (main or secondary), same email
   * local part at any domain, same full name, compared folded ("Hélène Lefèvre" = "helene
   * lefevre"), same company only as extra evidence. Candidates are found through the indexes
   * (phone, the trigram index on search_text — the folded "first last email company phone" — for
   * the name at its start and " local@" inside), then each reason is checked exactly.
   */
  duplicatesOf(
    tenantId: string,
    lead: { id: string; email: string | null; phone: string | null; firstName: string | null; lastName: string | null; company: string | null },
  ) {
    const values: SqlValue[] = [tenantId, lead.id];
    const p = (v: SqlValue) => `$${values.push(v)}`;
    const local = lead.email?.split('@')[0];
    const name = lead.firstName && lead.lastName ? `${lead.firstName} ${lead.lastName}` : null;
    const found: string[] = [];
    const reasons: string[] = [];
    if (lead.phone) {
      const phone = p(lead.phone);
      found.push(`phone = ${phone}`);
      reasons.push(`CASE WHEN phone = ${phone} OR ${phone} = ANY(other_phones) THEN 'phone' END`);
    }
    if (local && local.length >= 4) {
      const l = p(` ${local}@`);
      found.push(`search_text LIKE ${foldedContains(l)}`);
      reasons.push(`CASE WHEN ${fold(`split_part(email, '@', 1)`)} = ${fold(p(local))} THEN 'emailLocalPart' END`);
    }
    if (name) {
      found.push(`search_text LIKE ${foldedStartsWith(p(`${name} `))}`);
      reasons.push(`CASE WHEN ${fold(`concat_ws(' ', first_name, last_name)`)} = ${fold(p(name))} THEN 'name' END`);
    }
    if (!found.length) return Promise.resolve([]);
    if (lead.company) reasons.push(`CASE WHEN ${fold('company')} = ${fold(p(lead.company))} THEN 'company' END`);
    return this.sql.query<LeadRow & { reasons: string[] }>(
      { tenantId },
      `SELECT * FROM (
         SELECT ${COLUMNS}, array_remove(ARRAY[${reasons.join(', ')}], NULL) AS reasons
           FROM crm.leads
          WHERE tenant_id = $1 AND deleted_at IS NULL AND id <> $2::uuid AND (${found.join(' OR ')})
       ) c
       WHERE reasons && ARRAY['phone', 'emailLocalPart', 'name']
       ORDER BY cardinality(reasons) DESC, 'phone' = ANY(reasons) DESC, "createdAt" DESC LIMIT 20`,
      values,
    );
  }

  find(tx: Tx, tenantId: string, id: string) {
    return tx.lead.findFirst({ where: { tenantId, id } });
  }

  findMany(tx: Tx, tenantId: string, ids: string[]) {
    return tx.lead.findMany({ where: { tenantId, id: { in: ids } } });
  }

  findByEmail(tx: Tx, tenantId: string, email: string) {
    return tx.lead.findFirst({ where: { tenantId, email }, select: { id: true, deletedAt: true } });
  }

  /** Live leads of the tenant named by any of these ids or emails (as events name them). */
  findLiveByIdsOrEmails(tx: Tx, tenantId: string, ids: string[], emails: string[]) {
    return tx.lead.findMany({ where: { tenantId, deletedAt: null, OR: [{ id: { in: ids } }, { email: { in: emails } }] }, select: { id: true, email: true } });
  }

  /**
   * Creates a lead for each email, then returns the leads holding these emails; skipDuplicates
   * covers a concurrent request creating the same one.
   */
  async createForEmails(tx: Tx, tenantId: string, emails: string[], source: string) {
    await tx.lead.createMany({ data: emails.map((email) => ({ tenantId, email, source })), skipDuplicates: true });
    return tx.lead.findMany({ where: { tenantId, email: { in: emails } }, select: { id: true, email: true } });
  }

  create(tx: Tx, data: Prisma.LeadUncheckedCreateInput) {
    return tx.lead.create({ data });
  }

  update(tx: Tx, id: string, data: Prisma.LeadUncheckedUpdateInput) {
    return tx.lead.update({ where: { id }, data });
  }

  async bulkSetDeleted(tx: Tx, tenantId: string, ids: string[], deleted: boolean): Promise<number> {
    const { count } = await tx.lead.updateMany({
      where: { tenantId, id: { in: ids }, deletedAt: deleted ? null : { not: null }, ...(deleted ? {} : { mergedIntoId: null }) },
      data: { deletedAt: deleted ? new Date() : null },
    });
    return count;
  }

  async bulkUpdate(tx: Tx, tenantId: string, ids: string[], data: Prisma.LeadUncheckedUpdateManyInput): Promise<number> {
    const { count } = await tx.lead.updateMany({ where: { tenantId, id: { in: ids }, deletedAt: null }, data });
    return count;
  }

  /** Tags compare case-insensitively; a lead keeps the spelling it had first. */
  bulkAddTags(tx: Tx, tenantId: string, ids: string[], tags: string[]): Promise<number> {
    const lower = tags.map((t) => t.toLowerCase());
    return tx.$executeRaw`
      UPDATE crm.leads SET updated_at = now(), tags = ARRAY(
          SELECT t FROM (SELECT DISTINCT ON (lower(t)) t, o FROM unnest(tags || ${tags}::text[]) WITH ORDINALITY AS u(t, o) ORDER BY lower(t), o) d ORDER BY o)
       WHERE tenant_id = ${tenantId}::uuid AND id = ANY(${ids}::uuid[]) AND deleted_at IS NULL
         AND EXISTS (SELECT 1 FROM unnest(${lower}::text[]) n WHERE n <> ALL(ARRAY(SELECT lower(x) FROM unnest(tags) x)))`;
  }

  bulkRemoveTags(tx: Tx, tenantId: string, ids: string[], tags: string[]): Promise<number> {
    const lower = tags.map((t) => t.toLowerCase());
    return tx.$executeRaw`
      UPDATE crm.leads SET updated_at = now(), tags = ARRAY(SELECT t FROM unnest(tags) t WHERE lower(t) <> ALL(${lower}::text[]))
       WHERE tenant_id = ${tenantId}::uuid AND id = ANY(${ids}::uuid[]) AND deleted_at IS NULL
         AND EXISTS (SELECT 1 FROM unnest(tags) t WHERE lower(t) = ANY(${lower}::text[]))`;
  }

  createNote(tx: Tx, data: { tenantId: string; leadId: string; authorId: string | null; body: string }) {
    return tx.leadNote.create({ data });
  }
}
