import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../generated/prisma/client.js';
import { ScopedSql, type SqlValue } from '../../infra/database/scoped-sql.js';
import type { Tx } from '../../infra/prisma/prisma.service.js';
import type { ListLeadsQueryDto } from './dto/lead.dto.js';
import { escapeLike } from '../../common/text/sql-text.js';
import { fold, foldedContains, foldedStartsWith } from './folded-text.js';
import { type LeadSearchTerm, leadSearchTerms } from './lead-search.js';

/** A lead as the API reads it (leadColumns()): search_text is the database's own. */
export type LeadRow = Omit<Prisma.LeadGetPayload<object>, 'searchText'>;

/** Where the next page starts: the sort key's value and the id of the last row seen. */
export interface LeadCursor {
  sort: 'createdAt' | 'score';
  value: string | number;
  id: string;
}

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
   * the hottest read of the product. Default order is served by (tenant_id, created_at, id),
   * score order by (tenant_id, score, id), search by the trigram index on search_text.
   */
  list(tenantId: string, q: ListLeadsQueryDto, cursor?: LeadCursor): Promise<LeadRow[]> {
    const values: SqlValue[] = [tenantId];
    const p = (v: SqlValue) => `$${values.push(v)}`;
    const where = ['tenant_id = $1', q.deleted === 'only' ? 'deleted_at IS NOT NULL' : 'deleted_at IS NULL'];
    if (q.q) where.push(...leadSearchConditions(q.q, p));
    if (q.lifecycleStage?.length) where.push(`lifecycle_stage::text IN (${q.lifecycleStage.map((s) => p(s)).join(', ')})`);
    if (q.source) where.push(`source = ${p(q.source)}`);
    if (q.tag) where.push(`EXISTS (SELECT 1 FROM unnest(tags) t WHERE lower(t) = ${p(q.tag.toLowerCase())})`);
    if (q.ownerId) where.push(`owner_id = ${p(q.ownerId)}::uuid`);
    if (q.emailConsent) where.push(`email_consent::text = ${p(q.emailConsent)}`);
    if (q.scoreMin !== undefined) where.push(`score >= ${p(q.scoreMin)}`);
    if (q.scoreMax !== undefined) where.push(`score <= ${p(q.scoreMax)}`);
    if (q.city) where.push(`${fold('city')} = ${fold(p(q.city))}`);
    if (q.postalCode) where.push(`postal_code LIKE ${p(`${escapeLike(q.postalCode.toUpperCase())}%`)}`);
    if (q.country?.length) where.push(`country = ANY(${p(q.country)}::bpchar[])`);
    if (q.civility?.length) where.push(`civility::text = ANY(${p(q.civility)}::text[])`);
    if (q.createdFrom) where.push(`created_at >= ${p(q.createdFrom)}::timestamptz`);
    if (q.createdTo) where.push(`created_at <= ${p(q.createdTo)}::timestamptz`);
    const key = q.sort === 'score' ? 'score' : 'created_at';
    if (cursor) {
      where.push(
        q.sort === 'score'
          ? `(score, id) < (${p(Number(cursor.value))}, ${p(cursor.id)}::uuid)`
          : `(created_at, id) < (${p(String(cursor.value))}::timestamptz, ${p(cursor.id)}::uuid)`,
      );
    }
    return this.sql.query<LeadRow>(
      { tenantId },
      `SELECT ${COLUMNS} FROM crm.leads WHERE ${where.join(' AND ')} ORDER BY ${key} DESC, id DESC LIMIT ${p(q.limit + 1)}`,
      values,
    );
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
