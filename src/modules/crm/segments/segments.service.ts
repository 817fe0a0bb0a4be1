import { Injectable } from '@nestjs/common';
import { CommonError } from '../../../common/errors/domain-error.js';
import { decodeCursor, page } from '../../../common/http/pagination.js';
import { PrismaService, type Tx } from '../../../infra/prisma/prisma.service.js';
import { AuditLogService } from '../../governance/audit-log.service.js';
import { CrmError } from '../crm.errors.js';
import { CustomFieldsService } from '../custom-fields/custom-fields.service.js';
import { toLeadDto } from '../leads.service.js';
import { type CompiledSegment, compileSegment, parseSegmentRules, SegmentRuleError } from './compiler/index.js';
import type { CreateSegmentDto, UpdateSegmentDto } from './segment.dto.js';
import { eventCountsFor } from './event-counts-strategy.js';
import { SegmentsRepository } from './segments.repository.js';

const SAMPLE_SIZE = 10;
// Re-exported where the benchmark has always found it.
export { eventCountsFor };

type SegmentRow = Awaited<ReturnType<SegmentsRepository['find']>> & object;

const toDto = (s: SegmentRow) => ({
  id: s.id,
  name: s.name,
  description: s.description,
  kind: s.kind,
  rules: s.rules as Record<string, unknown>,
  leadCount: s.leadCount,
  countedAt: s.countedAt,
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
});

/**
 * Segments: a rule tree compiled to one SQL query (see compiler/). Dynamic segments are
 * evaluated when used; static ones keep the members found when saved or refreshed. Every
 * count is kept, so a segment's size over time can be charted.
 */
@Injectable()
export class SegmentsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly repo: SegmentsRepository,
    private readonly customFields: CustomFieldsService,
    private readonly audit: AuditLogService,
  ) {}

  async preview(tenantId: string, rules: unknown) {
    const compiled = await this.compile(tenantId, rules);
    const [count, sample] = await Promise.all([this.repo.count(tenantId, compiled), this.repo.sample(tenantId, compiled, SAMPLE_SIZE)]);
    return { count, sample };
  }

  async list(tenantId: string) {
    const rows = await this.prisma.scoped({ tenantId }, (tx) => this.repo.list(tx, tenantId));
    return { items: rows.map(toDto) };
  }

  async get(tenantId: string, id: string) {
    return toDto(await this.prisma.scoped({ tenantId }, (tx) => this.mustFind(tx, tenantId, id)));
  }

  async create(tenantId: string, actorId: string | null, dto: CreateSegmentDto) {
    const compiled = await this.compile(tenantId, dto.rules);
    return this.saveUnique(dto.name, () =>
      this.prisma.scoped({ tenantId }, async (tx) => {
        const segment = await this.repo.create(tx, {
          tenantId,
          name: dto.name,
          description: dto.description ?? null,
          kind: dto.kind ?? 'dynamic',
          rules: dto.rules as object,
          createdById: actorId,
        });
        const counted = await this.recount(tx, tenantId, segment, compiled);
        await this.audit.record(tx, tenantId, { action: 'segment.created', entityType: 'segment', entityId: segment.id, metadata: { name: dto.name, kind: segment.kind } });
        return toDto(counted);
      }, { timeout: 120_000 }),
    );
  }

  async update(tenantId: string, id: string, dto: UpdateSegmentDto) {
    const compiled = dto.rules ? await this.compile(tenantId, dto.rules) : undefined;
    return this.saveUnique(dto.name ?? '', () =>
      this.prisma.scoped({ tenantId }, async (tx) => {
        const current = await this.mustFind(tx, tenantId, id);
        let segment = await this.repo.update(tx, id, {
          ...(dto.name !== undefined && { name: dto.name }),
          ...(dto.description !== undefined && { description: dto.description }),
          ...(dto.rules && { rules: dto.rules as object }),
        });
        if (compiled) segment = await this.recount(tx, tenantId, segment, compiled);
        await this.audit.record(tx, tenantId, { action: 'segment.updated', entityType: 'segment', entityId: id, metadata: { name: segment.name, fields: Object.keys(dto), from: current.name } });
        return toDto(segment);
      }, { timeout: 120_000 }),
    );
  }

  /** Counts a dynamic segment now, or re-materialises a static one; records the size either way. */
  async refresh(tenantId: string, id: string) {
    return this.prisma.scoped({ tenantId }, async (tx) => {
      const segment = await this.mustFind(tx, tenantId, id);
      const compiled = await this.compileFor(tx, tenantId, segment.rules);
      return toDto(await this.recount(tx, tenantId, segment, compiled));
    }, { timeout: 120_000 });
  }

  async remove(tenantId: string, id: string): Promise<void> {
    await this.prisma.scoped({ tenantId }, async (tx) => {
      const segment = await this.mustFind(tx, tenantId, id);
      // The name is freed for a new segment; the trashed one keeps it for the record.
      await this.repo.update(tx, id, { deletedAt: new Date(), name: `${segment.name} (deleted ${id.slice(0, 8)})` });
      await this.audit.record(tx, tenantId, { action: 'segment.deleted', entityType: 'segment', entityId: id, metadata: { name: segment.name } });
    });
  }

  async leads(tenantId: string, id: string, limit: number, rawCursor?: string) {
    const page = await this.leadRows(tenantId, id, limit, rawCursor);
    return { items: page.rows.map(toLeadDto), nextCursor: page.nextCursor };
  }

  /** A page of the segment's leads as stored (for the list above and for CSV export). */
  async leadRows(tenantId: string, id: string, limit: number, rawCursor?: string) {
    const cursor = decodeCursor(rawCursor);
    const segment = await this.prisma.scoped({ tenantId }, (tx) => this.mustFind(tx, tenantId, id));
    const source = segment.kind === 'static' ? { segmentId: id } : { compiled: await this.compile(tenantId, segment.rules) };
    const { items, nextCursor } = page(await this.repo.leads(tenantId, source, limit, cursor), limit, (r) => r.createdAt);
    return { rows: items, nextCursor };
  }

  async sizes(tenantId: string, id: string) {
    return this.prisma.scoped({ tenantId }, async (tx) => {
      await this.mustFind(tx, tenantId, id);
      return { items: await this.repo.sizes(tx, tenantId, id) };
    });
  }

  private async recount(tx: Tx, tenantId: string, segment: SegmentRow, compiled: CompiledSegment) {
    const size = segment.kind === 'static' ? await this.repo.materialise(tx, tenantId, segment.id, compiled) : await this.repo.countIn(tx, compiled);
    await this.repo.recordSize(tx, tenantId, segment.id, size);
    return this.repo.update(tx, segment.id, { leadCount: size, countedAt: new Date() });
  }

  private async compile(tenantId: string, rules: unknown): Promise<CompiledSegment> {
    return this.prisma.scoped({ tenantId }, (tx) => this.compileFor(tx, tenantId, rules));
  }

  /** For snapshots: a live segment of this tenant, or 404. */
  findLive(tx: Tx, tenantId: string, id: string) {
    return this.mustFind(tx, tenantId, id);
  }

  /** For snapshots: rules compiled in the caller's transaction (400 naming the bad node). */
  compileIn(tx: Tx, tenantId: string, rules: unknown): Promise<CompiledSegment> {
    return this.compileFor(tx, tenantId, rules);
  }

  /** Invalid rules become a 400 naming each bad node (`rules.conditions[1].operator`). */
  private async compileFor(tx: Tx, tenantId: string, rules: unknown): Promise<CompiledSegment> {
    try {
      const parsed = parseSegmentRules(rules);
      const schema = await this.customFields.schema(tx, tenantId);
      return compileSegment(parsed, { tenantId, customFields: schema.types, eventCounts: eventCountsFor(parsed) });
    } catch (err) {
      if (err instanceof SegmentRuleError) {
        throw new CommonError(
          'VALIDATION_FAILED',
          `The segment rules are invalid (${err.errors.length} problem(s)).`,
          err.errors.map((e) => ({ field: e.path ? `rules.${e.path}` : 'rules', code: e.code, message: e.message })),
        );
      }
      throw err;
    }
  }

  private async mustFind(tx: Tx, tenantId: string, id: string) {
    const segment = await this.repo.find(tx, tenantId, id);
    if (!segment) throw new CrmError('SEGMENT_NOT_FOUND', 'No such segment in this workspace.');
    return segment;
  }

  private async saveUnique<T>(name: string, save: () => Promise<T>): Promise<T> {
    try {
      return await save();
    } catch (err) {
      if ((err as { code?: string }).code === 'P2002') throw new CrmError('SEGMENT_NAME_TAKEN', `A segment named "${name}" already exists.`);
      throw err;
    }
  }
}
