import { Injectable } from '@nestjs/common';
import type { TimeIdCursor } from '../../../common/http/pagination.js';
import type { Prisma } from '../../../generated/prisma/client.js';
import { shiftParams } from '../../../common/text/sql-text.js';
import { ScopedSql } from '../../../infra/database/scoped-sql.js';
import type { Tx } from '../../../infra/prisma/prisma.service.js';
import { type LeadRow, leadColumns } from '../leads.repository.js';
import { type CompiledSegment, countSql, sampleSql } from './compiler/index.js';

const LEAD_COLUMNS = leadColumns('l');

@Injectable()
export class SegmentsRepository {
  constructor(private readonly sql: ScopedSql) {}

  async count(tenantId: string, compiled: CompiledSegment): Promise<number> {
    const q = countSql(compiled);
    const rows = await this.sql.query<{ count: number }>({ tenantId }, q.text, q.params as never[]);
    return rows[0]?.count ?? 0;
  }

  /** count() in the caller's transaction (what it has written is counted too). */
  async countIn(tx: Tx, compiled: CompiledSegment): Promise<number> {
    const q = countSql(compiled);
    const rows = await tx.$queryRawUnsafe<{ count: number }[]>(q.text, ...q.params);
    return rows[0]?.count ?? 0;
  }

  sample(tenantId: string, compiled: CompiledSegment, limit: number) {
    const q = sampleSql(compiled, limit);
    return this.sql.query<Pick<LeadRow, 'id' | 'email' | 'civility' | 'firstName' | 'lastName' | 'company' | 'city' | 'score'>>(
      { tenantId },
      q.text,
      q.params as never[],
    );
  }

  /** Leads of a dynamic segment (its rules evaluated now), of a static one (its members) or of a snapshot, newest first. */
  leads(tenantId: string, source: { compiled: CompiledSegment } | { segmentId: string } | { snapshotId: string }, limit: number, cursor?: TimeIdCursor): Promise<LeadRow[]> {
    const values: unknown[] = [];
    const p = (v: unknown) => `$${values.push(v)}`;
    let where: string;
    if ('compiled' in source) {
      values.push(...source.compiled.params);
      where = source.compiled.where;
    } else if ('segmentId' in source) {
      where = `l.tenant_id = ${p(tenantId)}::uuid AND l.deleted_at IS NULL AND EXISTS (SELECT 1 FROM crm.segment_members m WHERE m.segment_id = ${p(source.segmentId)}::uuid AND m.lead_id = l.id)`;
    } else {
      where = `l.tenant_id = ${p(tenantId)}::uuid AND l.deleted_at IS NULL AND EXISTS (SELECT 1 FROM crm.segment_snapshot_members m WHERE m.snapshot_id = ${p(source.snapshotId)}::uuid AND m.lead_id = l.id)`;
    }
    const page = cursor ? ` AND (l.created_at, l.id) < (${p(cursor.at)}::timestamptz, ${p(cursor.id)}::uuid)` : '';
    return this.sql.query<LeadRow>({ tenantId }, `SELECT ${LEAD_COLUMNS} FROM crm.leads l WHERE ${where}${page} ORDER BY l.created_at DESC, l.id DESC LIMIT ${p(limit + 1)}`, values as never[]);
  }

  /** Replaces a static segment's members with the leads matching its rules now, in one statement. */
  async materialise(tx: Tx, tenantId: string, segmentId: string, compiled: CompiledSegment): Promise<number> {
    await tx.segmentMember.deleteMany({ where: { tenantId, segmentId } });
    const offset = 2;
    return tx.$executeRawUnsafe(
      `INSERT INTO crm.segment_members (tenant_id, segment_id, lead_id) SELECT $1::uuid, $2::uuid, l.id FROM crm.leads l WHERE ${shiftParams(compiled.where, offset)}`,
      tenantId,
      segmentId,
      ...compiled.params,
    );
  }

  createSnapshot(tx: Tx, data: Prisma.SegmentSnapshotUncheckedCreateInput) {
    return tx.segmentSnapshot.create({ data });
  }
  findSnapshot(tx: Tx, tenantId: string, id: string) {
    return tx.segmentSnapshot.findFirst({ where: { tenantId, id } });
  }
  snapshots(tx: Tx, tenantId: string, segmentId: string) {
    return tx.segmentSnapshot.findMany({ where: { tenantId, segmentId }, orderBy: { createdAt: 'desc' }, take: 100 });
  }
  completeSnapshot(tx: Tx, id: string, size: number) {
    return tx.segmentSnapshot.update({ where: { id }, data: { size, takenAt: new Date() } });
  }

  /** A dynamic segment's matching leads, frozen in one statement. */
  snapshotMatching(tx: Tx, tenantId: string, snapshotId: string, compiled: CompiledSegment): Promise<number> {
    return tx.$executeRawUnsafe(
      `INSERT INTO crm.segment_snapshot_members (tenant_id, snapshot_id, lead_id) SELECT $1::uuid, $2::uuid, l.id FROM crm.leads l WHERE ${shiftParams(compiled.where, 2)}`,
      tenantId,
      snapshotId,
      ...compiled.params,
    );
  }

  /** A static segment's live members, frozen in one statement. */
  snapshotStaticMembers(tx: Tx, tenantId: string, snapshotId: string, segmentId: string): Promise<number> {
    return tx.$executeRaw`
      INSERT INTO crm.segment_snapshot_members (tenant_id, snapshot_id, lead_id)
      SELECT ${tenantId}::uuid, ${snapshotId}::uuid, m.lead_id
        FROM crm.segment_members m JOIN crm.leads l ON l.id = m.lead_id AND l.deleted_at IS NULL
       WHERE m.tenant_id = ${tenantId}::uuid AND m.segment_id = ${segmentId}::uuid`;
  }

  list(tx: Tx, tenantId: string) {
    return tx.segment.findMany({ where: { tenantId, deletedAt: null }, orderBy: { createdAt: 'desc' } });
  }
  find(tx: Tx, tenantId: string, id: string) {
    return tx.segment.findFirst({ where: { tenantId, id, deletedAt: null } });
  }
  create(tx: Tx, data: Prisma.SegmentUncheckedCreateInput) {
    return tx.segment.create({ data });
  }
  update(tx: Tx, id: string, data: Prisma.SegmentUncheckedUpdateInput) {
    return tx.segment.update({ where: { id }, data });
  }
  recordSize(tx: Tx, tenantId: string, segmentId: string, size: number) {
    return tx.segmentSize.create({ data: { tenantId, segmentId, size } });
  }
  sizes(tx: Tx, tenantId: string, segmentId: string) {
    return tx.segmentSize.findMany({ where: { tenantId, segmentId }, orderBy: { countedAt: 'asc' }, take: 1000, select: { size: true, countedAt: true } });
  }
}
