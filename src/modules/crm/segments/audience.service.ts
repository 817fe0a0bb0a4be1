import { Injectable } from '@nestjs/common';
import { shiftParams } from '../../../common/text/sql-text.js';
import type { Tx } from '../../../infra/prisma/prisma.service.js';
import { CrmError } from '../crm.errors.js';
import { LeadInputNormaliser } from '../lead-input.normaliser.js';
import { LeadsRepository, type LeadRow } from '../leads.repository.js';
import { SegmentsRepository } from './segments.repository.js';
import { SegmentsService } from './segments.service.js';

/** What a journey reads of a lead to run its steps. */
export interface LeadFacts {
  id: string;
  email: string | null;
  timezone: string | null;
  score: number;
  deleted: boolean;
  row: LeadRow;
}

/** Standard lead fields a journey may test or set, by their API names. */
export const JOURNEY_LEAD_FIELDS = ['firstName', 'lastName', 'company', 'jobTitle', 'phone', 'source', 'language', 'timezone', 'city', 'region', 'postalCode', 'country', 'lifecycleStage'] as const;
type JourneyLeadField = (typeof JOURNEY_LEAD_FIELDS)[number];

/**
 * A segment's audience and its leads as campaigns see them: frozen at launch in a snapshot,
 * walked in keyset batches (never loaded whole), tested for membership, read and changed by
 * journey steps. Every method works in the caller's transaction, under its tenant's RLS.
 */
@Injectable()
export class AudienceService {
  constructor(
    private readonly segments: SegmentsService,
    private readonly repo: SegmentsRepository,
    private readonly leads: LeadsRepository,
    private readonly normaliser: LeadInputNormaliser,
  ) {}

  /** The segment's name, or 404 SEGMENT_NOT_FOUND. */
  async segmentName(tx: Tx, tenantId: string, segmentId: string): Promise<string> {
    return (await this.segments.findLive(tx, tenantId, segmentId)).name;
  }

  /** Freezes the segment's members now, in one statement: the snapshot's id and size. */
  async snapshotNow(tx: Tx, tenantId: string, segmentId: string, purpose: string, jobId: string): Promise<{ snapshotId: string; size: number }> {
    const segment = await this.segments.findLive(tx, tenantId, segmentId);
    const snapshot = await this.repo.createSnapshot(tx, { tenantId, segmentId, kind: segment.kind, rules: segment.rules as object, purpose, jobId });
    const size =
      segment.kind === 'static'
        ? await this.repo.snapshotStaticMembers(tx, tenantId, snapshot.id, segmentId)
        : await this.repo.snapshotMatching(tx, tenantId, snapshot.id, await this.segments.compileIn(tx, tenantId, segment.rules));
    await this.repo.completeSnapshot(tx, snapshot.id, size);
    return { snapshotId: snapshot.id, size };
  }

  /** The snapshot's lead ids after `after`, in id order (a keyset page on its primary key). */
  async snapshotLeadIds(tx: Tx, tenantId: string, snapshotId: string, after: string | null, limit: number): Promise<string[]> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT m.lead_id AS id FROM crm.segment_snapshot_members m
       WHERE m.tenant_id = ${tenantId}::uuid AND m.snapshot_id = ${snapshotId}::uuid AND (${after}::uuid IS NULL OR m.lead_id > ${after}::uuid)
       ORDER BY m.lead_id LIMIT ${limit}`;
    return rows.map((r) => r.id);
  }

  /** The segment's current members (rules evaluated now for a dynamic one) after `after`, in id order. */
  async memberIdsAfter(tx: Tx, tenantId: string, segmentId: string, after: string | null, limit: number): Promise<string[]> {
    const segment = await this.segments.findLive(tx, tenantId, segmentId);
    if (segment.kind === 'static') {
      const rows = await tx.$queryRaw<{ id: string }[]>`
        SELECT m.lead_id AS id FROM crm.segment_members m JOIN crm.leads l ON l.id = m.lead_id AND l.deleted_at IS NULL
         WHERE m.tenant_id = ${tenantId}::uuid AND m.segment_id = ${segmentId}::uuid AND (${after}::uuid IS NULL OR m.lead_id > ${after}::uuid)
         ORDER BY m.lead_id LIMIT ${limit}`;
      return rows.map((r) => r.id);
    }
    const compiled = await this.segments.compileIn(tx, tenantId, segment.rules);
    const n = compiled.params.length;
    const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
      `SELECT l.id FROM crm.leads l WHERE ${compiled.where} AND ($${n + 1}::uuid IS NULL OR l.id > $${n + 1}::uuid) ORDER BY l.id LIMIT $${n + 2}`,
      ...compiled.params,
      after,
      limit,
    );
    return rows.map((r) => r.id);
  }

  /** Which of these leads are in the segment now. */
  async membersAmong(tx: Tx, tenantId: string, segmentId: string, leadIds: string[]): Promise<Set<string>> {
    const segment = await this.segments.findLive(tx, tenantId, segmentId).catch((err) => {
      // A segment deleted since the journey was written has no members.
      if (err instanceof CrmError && err.code === 'SEGMENT_NOT_FOUND') return null;
      throw err;
    });
    if (!segment || !leadIds.length) return new Set();
    let rows: { id: string }[];
    if (segment.kind === 'static') {
      rows = await tx.$queryRaw`SELECT lead_id AS id FROM crm.segment_members WHERE tenant_id = ${tenantId}::uuid AND segment_id = ${segmentId}::uuid AND lead_id = ANY(${leadIds}::uuid[])`;
    } else {
      const compiled = await this.segments.compileIn(tx, tenantId, segment.rules);
      rows = await tx.$queryRawUnsafe(`SELECT l.id FROM crm.leads l WHERE ${shiftParams(compiled.where, 1)} AND l.id = ANY($1::uuid[])`, leadIds, ...compiled.params);
    }
    return new Set(rows.map((r) => r.id));
  }

  /** The leads' contact facts (trashed ones included, flagged). */
  async facts(tx: Tx, tenantId: string, leadIds: string[]): Promise<Map<string, LeadFacts>> {
    if (!leadIds.length) return new Map();
    // Every stored field (address ones included), for conditions and personalised actions.
    const rows: LeadRow[] = await tx.lead.findMany({ where: { tenantId, id: { in: leadIds } }, omit: { searchText: true } });
    return new Map(rows.map((r) => [r.id, { id: r.id, email: r.email, timezone: r.timezone, score: r.score, deleted: r.deletedAt !== null, row: r }]));
  }

  /** A field's value as text (`custom.<key>` for a custom field), or null when empty. */
  fieldValue(lead: LeadRow, field: string): string | null {
    const value = field.startsWith('custom.') ? (lead.customFields as Record<string, unknown>)[field.slice(7)] : (lead as unknown as Record<string, unknown>)[field];
    if (value === null || value === undefined || value === '') return null;
    return value instanceof Date ? value.toISOString() : String(value);
  }

  /** Whether a journey may read or write this field. */
  isJourneyField(field: string): boolean {
    return field.startsWith('custom.') ? /^custom\.[a-z][a-z0-9_]{0,62}$/.test(field) : (JOURNEY_LEAD_FIELDS as readonly string[]).includes(field);
  }

  async addTag(tx: Tx, tenantId: string, leadIds: string[], tag: string): Promise<number> {
    return this.leads.bulkAddTags(tx, tenantId, leadIds, [tag]);
  }

  /** Sets one field as a person would through the API (same normalisation; CrmError when the value does not fit). */
  async setField(tx: Tx, tenantId: string, lead: LeadRow, field: string, value: string | null): Promise<void> {
    const dto = field.startsWith('custom.') ? { customFields: { [field.slice(7)]: value } } : { [field as JourneyLeadField]: value };
    const data = await this.normaliser.normalise(tx, tenantId, dto, 'update', lead);
    await this.leads.update(tx, lead.id, data);
  }
}
