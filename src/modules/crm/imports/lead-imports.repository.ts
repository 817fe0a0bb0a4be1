import { Injectable } from '@nestjs/common';
import type pg from 'pg';
import type { Prisma } from '../../../generated/prisma/client.js';
import { ScopedSql } from '../../../infra/database/scoped-sql.js';
import type { Tx } from '../../../infra/prisma/prisma.service.js';
import type { NormalisedLead } from '../import/validate.js';

export interface BatchOutcome {
  created: number;
  updated: number;
  unchanged: number;
}

/** Where a batch ends in the file, and the write it must commit after. */
export interface BatchCheckpoint {
  importId: string;
  /** Last CSV line (1-based, header included) of the batch's rows. */
  line: number;
  after: Promise<unknown>;
}

/**
 * The lead columns an import row fills, with the lead property they come from and their SQL type
 * (rows travel as text arrays, one per column, cast on the way in). Empty values are null, which
 * every upsert below reads as "leave the stored value alone".
 */
const FIELD_COLUMNS = [
  ['first_name', 'firstName', 'text'],
  ['last_name', 'lastName', 'text'],
  ['phone', 'phone', 'text'],
  ['company', 'company', 'text'],
  ['job_title', 'jobTitle', 'text'],
  ['source', 'source', 'text'],
  ['language', 'language', 'text'],
  ['timezone', 'timezone', 'text'],
  ['civility', 'civility', 'crm."Civility"'],
  ['street_address', 'streetAddress', 'text'],
  ['postal_code', 'postalCode', 'text'],
  ['city', 'city', 'text'],
  ['region', 'region', 'text'],
  ['country', 'country', 'text'],
  ['source_created_at', 'sourceCreatedAt', 'timestamptz'],
] as const satisfies readonly (readonly [string, keyof NormalisedLead, string])[];
const COLUMNS = FIELD_COLUMNS.map(([c]) => c);
const CHANNELS = ['email', 'sms', 'whatsapp'] as const;
/** After the field columns: lifecycle stage, tags, custom fields, then the three consents. */
const INPUT_COLUMNS = [...COLUMNS, 'lifecycle_stage', 'tags', 'custom_fields', 'email_consent', 'sms_consent', 'whatsapp_consent'];
const INPUT_TYPES = [...FIELD_COLUMNS.map(() => 'text[]'), 'text[]', 'jsonb[]', 'jsonb[]', 'text[]', 'text[]', 'text[]'];
/** `$from::text[], …` for the input arrays, numbered from `from`. */
const params = (from: number) => INPUT_TYPES.map((t, i) => `$${from + i}::${t}`).join(', ');
const cast = (c: (typeof FIELD_COLUMNS)[number]) => (c[2] === 'text' ? `i.${c[0]}` : `i.${c[0]}::${c[2]}`);
const insertValues = (consentSource: string) =>
  `${FIELD_COLUMNS.map(cast).join(', ')}, COALESCE(i.lifecycle_stage, 'lead')::crm."LifecycleStage",
       CASE WHEN i.tags = '[]'::jsonb THEN '{}'::text[] ELSE ARRAY(SELECT jsonb_array_elements_text(i.tags)) END, i.custom_fields,
       ${CHANNELS.map((c) => `COALESCE(i.${c}_consent, 'unknown')::crm."ConsentStatus", CASE WHEN i.${c}_consent IS NOT NULL THEN now() END, CASE WHEN i.${c}_consent IS NOT NULL THEN ${consentSource} END`).join(',\n       ')}`;
const insertColumns = `${COLUMNS.join(', ')}, lifecycle_stage, tags, custom_fields,
  ${CHANNELS.map((c) => `${c}_consent, ${c}_consent_at, ${c}_consent_source`).join(', ')}`;

/**
 * Upserts one batch by email in a single statement: empty cells leave stored values alone,
 * tags are added, custom fields merged, consent changed (and re-stamped) only when given and
 * different, and a row that would change nothing is not written at all — so importing the
 * same file twice changes nothing. Rows with a phone but no email are added when no lead of
 * the tenant has that phone yet.
 */
const UPSERT_BY_EMAIL = `
WITH input AS (
  SELECT * FROM unnest($2::text[], ${params(3)}) AS u(email, ${INPUT_COLUMNS.join(', ')})
)
INSERT INTO crm.leads AS l (tenant_id, email, ${insertColumns})
SELECT $1::uuid, i.email, ${insertValues(`$${3 + INPUT_COLUMNS.length}`)}
  FROM input i WHERE i.email IS NOT NULL
ON CONFLICT (tenant_id, email) DO UPDATE SET
  ${COLUMNS.map((c) => `${c} = COALESCE(EXCLUDED.${c}, l.${c})`).join(',\n  ')},
  lifecycle_stage = CASE WHEN EXCLUDED.lifecycle_stage <> 'lead' THEN EXCLUDED.lifecycle_stage ELSE l.lifecycle_stage END,
  tags = ARRAY(SELECT DISTINCT unnest(l.tags || EXCLUDED.tags)),
  custom_fields = l.custom_fields || EXCLUDED.custom_fields,
  ${CHANNELS.map(
    (c) => `${c}_consent = CASE WHEN EXCLUDED.${c}_consent_source IS NOT NULL THEN EXCLUDED.${c}_consent ELSE l.${c}_consent END,
  ${c}_consent_at = CASE WHEN EXCLUDED.${c}_consent_source IS NOT NULL AND EXCLUDED.${c}_consent <> l.${c}_consent THEN now() ELSE l.${c}_consent_at END,
  ${c}_consent_source = CASE WHEN EXCLUDED.${c}_consent_source IS NOT NULL AND EXCLUDED.${c}_consent <> l.${c}_consent THEN EXCLUDED.${c}_consent_source ELSE l.${c}_consent_source END`,
  ).join(',\n  ')},
  updated_at = now()
WHERE (${COLUMNS.map((c) => `l.${c}`).join(', ')}) IS DISTINCT FROM (${COLUMNS.map((c) => `COALESCE(EXCLUDED.${c}, l.${c})`).join(', ')})
   OR (EXCLUDED.lifecycle_stage <> 'lead' AND EXCLUDED.lifecycle_stage <> l.lifecycle_stage)
   OR NOT (l.tags @> EXCLUDED.tags)
   OR NOT (l.custom_fields @> EXCLUDED.custom_fields)
   ${CHANNELS.map((c) => `OR (EXCLUDED.${c}_consent_source IS NOT NULL AND EXCLUDED.${c}_consent <> l.${c}_consent)`).join('\n   ')}
RETURNING (xmax = 0) AS inserted`;

const INSERT_BY_PHONE = `
INSERT INTO crm.leads (tenant_id, ${insertColumns})
SELECT $1::uuid, ${insertValues(`$${2 + INPUT_COLUMNS.length}`)}
  FROM unnest(${params(2)}) AS i(${INPUT_COLUMNS.join(', ')})
 WHERE NOT EXISTS (SELECT 1 FROM crm.leads k WHERE k.tenant_id = $1::uuid AND k.phone = i.phone)`;

const consent = (s: NormalisedLead['emailConsent']) => (s === 'unknown' ? null : s);

@Injectable()
export class LeadImportsRepository {
  constructor(private readonly sql: ScopedSql) {}

  create(tx: Tx, data: Prisma.LeadImportUncheckedCreateInput) {
    return tx.leadImport.create({ data });
  }
  find(tx: Tx, tenantId: string, id: string) {
    return tx.leadImport.findFirst({ where: { tenantId, id } });
  }
  list(tx: Tx, tenantId: string, take: number) {
    return tx.leadImport.findMany({ where: { tenantId }, orderBy: { createdAt: 'desc' }, take });
  }
  update(tx: Tx, id: string, data: Prisma.LeadImportUncheckedUpdateInput) {
    return tx.leadImport.update({ where: { id }, data });
  }

  /**
   * Moves an uploaded import on, only if it is still `uploaded`: of two starts at once (or a
   * start and the retention job's expiry), the second waits for the first's row lock, then finds
   * the status changed. Returns the new row, or null when another got there first.
   */
  async claimUploaded(tx: Tx, tenantId: string, id: string, data: Prisma.LeadImportUncheckedUpdateManyInput) {
    const { count } = await tx.leadImport.updateMany({ where: { tenantId, id, status: 'uploaded' }, data });
    return count ? this.find(tx, tenantId, id) : null;
  }

  /** Deletes the import if it is not queued or running; false when it is (or is gone). */
  async deleteIfIdle(tx: Tx, tenantId: string, id: string): Promise<boolean> {
    const { count } = await tx.leadImport.deleteMany({ where: { tenantId, id, status: { in: ['uploaded', 'expired', 'completed', 'failed'] } } });
    return count > 0;
  }

  /** Every tenant (tenancy.all_tenant_ids(), the door through RLS for per-tenant maintenance). */
  async allTenantIds(tx: Tx): Promise<string[]> {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM tenancy.all_tenant_ids() AS id`;
    return rows.map((r) => r.id);
  }

  /** Uploads never started, made before `cutoff`: expired, so they can no longer be started. */
  async expireUnstarted(tx: Tx, tenantId: string, cutoff: Date): Promise<number> {
    const { count } = await tx.leadImport.updateMany({ where: { tenantId, status: 'uploaded', createdAt: { lt: cutoff } }, data: { status: 'expired' } });
    return count;
  }

  /** Imports whose uploaded file is still kept though they expired or finished before `cutoff`. */
  uploadsPastRetention(tx: Tx, tenantId: string, cutoff: Date) {
    return tx.leadImport.findMany({
      where: { tenantId, fileDeletedAt: null, OR: [{ status: 'expired' }, { status: { in: ['completed', 'failed'] }, finishedAt: { lt: cutoff } }] },
      select: { id: true, fileKey: true, reportKey: true },
    });
  }

  /** Finished imports whose reports (rejected rows, warnings) are still kept though they finished before `cutoff`. */
  reportsPastRetention(tx: Tx, tenantId: string, cutoff: Date) {
    return tx.leadImport.findMany({
      where: { tenantId, OR: [{ reportKey: { not: null } }, { warningsKey: { not: null } }], reportDeletedAt: null, status: { in: ['completed', 'failed'] }, finishedAt: { lt: cutoff } },
      select: { id: true, reportKey: true, warningsKey: true },
    });
  }

  async markFilesDeleted(tx: Tx, tenantId: string, ids: string[], at: Date, file: 'upload' | 'report'): Promise<void> {
    await tx.leadImport.updateMany({ where: { tenantId, id: { in: ids } }, data: file === 'upload' ? { fileDeletedAt: at } : { reportDeletedAt: at } });
  }

  /**
   * Writes one batch (its rows already validated and de-duplicated) and its checkpoint in one
   * transaction: the rows, then — once the previous batch has committed, so checkpoints only
   * move forward — the import's resume line and running counts. A batch whose predecessor
   * failed rolls back too.
   */
  upsertBatch(tenantId: string, leads: NormalisedLead[], consentSource: string, checkpoint: BatchCheckpoint, completeNew?: (lead: NormalisedLead) => NormalisedLead): Promise<BatchOutcome> {
    return this.sql.transaction({ tenantId }, async (client) => {
      // New leads get what the workspace gives every new lead (its default country); stored ones keep theirs.
      if (completeNew) leads = await this.completeNewLeads(client, tenantId, leads, completeNew);
      const byEmail = leads.filter((l) => l.email);
      const byPhone = leads.filter((l) => !l.email && l.phone);
      let created = 0;
      let updated = 0;
      if (byEmail.length) {
        const res = await client.query<{ inserted: boolean }>(UPSERT_BY_EMAIL, [
          tenantId,
          byEmail.map((l) => l.email),
          ...this.columns(byEmail),
          consentSource,
        ]);
        for (const r of res.rows) r.inserted ? created++ : updated++;
      }
      if (byPhone.length) {
        const res = await this.insertByPhone(client, tenantId, byPhone, consentSource);
        created += res.rowCount ?? 0;
      }
      const unchanged = leads.length - created - updated;
      await checkpoint.after;
      await client.query(
        `UPDATE crm.lead_imports SET resume_line = $2, created_count = created_count + $3, updated_count = updated_count + $4, unchanged_count = unchanged_count + $5
          WHERE id = $1 AND resume_line < $2`,
        [checkpoint.importId, checkpoint.line, created, updated, unchanged],
      );
      return { created, updated, unchanged };
    });
  }

  private async completeNewLeads(client: pg.PoolClient, tenantId: string, leads: NormalisedLead[], complete: (lead: NormalisedLead) => NormalisedLead) {
    const emails = leads.flatMap((l) => (l.email ? [l.email] : []));
    const phones = leads.flatMap((l) => (!l.email && l.phone ? [l.phone] : []));
    const { rows } = await client.query<{ email: string | null; phone: string | null }>(
      `SELECT email, phone FROM crm.leads WHERE tenant_id = $1 AND (email = ANY($2::text[]) OR phone = ANY($3::text[]))`,
      [tenantId, emails, phones],
    );
    const stored = new Set(rows.flatMap((r) => [r.email && `e:${r.email}`, r.phone && `p:${r.phone}`].filter(Boolean)));
    return leads.map((l) => (stored.has(l.email ? `e:${l.email}` : `p:${l.phone}`) ? l : complete(l)));
  }

  private insertByPhone(client: pg.PoolClient, tenantId: string, leads: NormalisedLead[], consentSource: string) {
    return client.query(INSERT_BY_PHONE, [tenantId, ...this.columns(leads), consentSource]);
  }

  /** Column arrays in the order both statements read them (after email): INPUT_COLUMNS. */
  private columns(leads: NormalisedLead[]): unknown[] {
    return [
      ...FIELD_COLUMNS.map(([, key]) => leads.map((l) => (l[key] as string | undefined) ?? null)),
      leads.map((l) => l.lifecycleStage ?? null),
      leads.map((l) => JSON.stringify(l.tags)),
      leads.map((l) => JSON.stringify(l.customFields)),
      leads.map((l) => consent(l.emailConsent)),
      leads.map((l) => consent(l.smsConsent)),
      leads.map((l) => consent(l.whatsappConsent)),
    ];
  }
}
