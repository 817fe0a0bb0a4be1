import { Injectable } from '@nestjs/common';
import type { Actor } from '../../../common/auth/actor.js';
import { Prisma } from '../../../generated/prisma/client.js';
import { PrismaService, type Tx } from '../../../infra/prisma/prisma.service.js';
import { AuditLogService } from '../../governance/audit-log.service.js';
import { CrmError } from '../crm.errors.js';
import { LeadFilterCompiler } from '../lead-filter.compiler.js';
import { DEFAULT_LEAD_SORT } from '../lead-sort.js';
import type { CreateLeadViewDto, LeadViewCriteriaDto, UpdateLeadViewDto } from './lead-view.dto.js';
import { LeadViewsRepository } from './lead-views.repository.js';

type Member = Extract<Actor, { type: 'user' }>;
type ViewRow = NonNullable<Awaited<ReturnType<LeadViewsRepository['find']>>>;

const ADMINS = new Set(['owner', 'admin']);

/** Only its owner changes a view; an admin may also change (or remove) a shared one. */
const editable = (view: ViewRow, member: Member) => view.ownerId === member.id || (view.shared && ADMINS.has(member.role));

const toDto = (view: ViewRow, member: Member) => ({
  id: view.id,
  name: view.name,
  shared: view.shared,
  ownerId: view.ownerId,
  mine: view.ownerId === member.id,
  editable: editable(view, member),
  q: view.q,
  criteria: view.criteria as LeadViewCriteriaDto,
  filter: view.filter as Record<string, unknown> | null,
  columns: view.columns,
  sort: view.sort,
  createdAt: view.createdAt,
  updatedAt: view.updatedAt,
});

/**
 * Saved views of the lead list, per member: private ones are seen by their owner only, shared
 * ones by the whole workspace. A view another member cannot see is, to them, not there (404).
 */
@Injectable()
export class LeadViewsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly repo: LeadViewsRepository,
    private readonly filters: LeadFilterCompiler,
    private readonly audit: AuditLogService,
  ) {}

  async list(tenantId: string, member: Member) {
    const rows = await this.prisma.scoped({ tenantId }, (tx) => this.repo.visible(tx, tenantId, member.id));
    return { items: rows.map((r) => toDto(r, member)) };
  }

  async get(tenantId: string, member: Member, id: string) {
    return toDto(await this.prisma.scoped({ tenantId }, (tx) => this.mustSee(tx, tenantId, member, id)), member);
  }

  async create(tenantId: string, member: Member, dto: CreateLeadViewDto) {
    // A filter that does not compile (unknown field, bad operator) is refused now, not when opened.
    if (dto.filter) await this.filters.compile(tenantId, dto.filter, 'filter');
    return this.unique(dto.name, () =>
      this.prisma.scoped({ tenantId }, async (tx) => {
        const view = await this.repo.create(tx, {
          tenantId,
          ownerId: member.id,
          name: dto.name,
          shared: dto.shared ?? false,
          q: dto.q || null,
          criteria: (dto.criteria ?? {}) as Prisma.InputJsonValue,
          filter: (dto.filter ?? undefined) as Prisma.InputJsonValue | undefined,
          columns: dto.columns ?? [],
          sort: dto.sort ?? DEFAULT_LEAD_SORT,
        });
        await this.audit.record(tx, tenantId, { action: 'lead_view.created', entityType: 'lead_view', entityId: view.id, metadata: { name: view.name, shared: view.shared } });
        return toDto(view, member);
      }),
    );
  }

  async update(tenantId: string, member: Member, id: string, dto: UpdateLeadViewDto) {
    if (dto.filter) await this.filters.compile(tenantId, dto.filter, 'filter');
    return this.unique(dto.name ?? '', () =>
      this.prisma.scoped({ tenantId }, async (tx) => {
        const current = await this.mustEdit(tx, tenantId, member, id);
        const data: Prisma.LeadViewUncheckedUpdateInput = {};
        if (dto.name !== undefined) data.name = dto.name;
        if (dto.shared !== undefined) data.shared = dto.shared;
        if (dto.q !== undefined) data.q = dto.q || null;
        if (dto.criteria !== undefined) data.criteria = dto.criteria as Prisma.InputJsonValue;
        if (dto.filter !== undefined) data.filter = dto.filter === null ? Prisma.DbNull : (dto.filter as Prisma.InputJsonValue);
        if (dto.columns !== undefined) data.columns = dto.columns;
        if (dto.sort !== undefined) data.sort = dto.sort;
        const view = await this.repo.update(tx, id, data);
        await this.audit.record(tx, tenantId, {
          action: 'lead_view.updated',
          entityType: 'lead_view',
          entityId: id,
          metadata: { name: view.name, ...(view.name !== current.name && { previousName: current.name }), fields: Object.keys(data), shared: view.shared },
        });
        return toDto(view, member);
      }),
    );
  }

  async remove(tenantId: string, member: Member, id: string): Promise<void> {
    await this.prisma.scoped({ tenantId }, async (tx) => {
      const view = await this.mustEdit(tx, tenantId, member, id);
      await this.repo.delete(tx, id);
      await this.audit.record(tx, tenantId, { action: 'lead_view.deleted', entityType: 'lead_view', entityId: id, metadata: { name: view.name } });
    });
  }

  private async mustSee(tx: Tx, tenantId: string, member: Member, id: string) {
    const view = await this.repo.find(tx, tenantId, id);
    if (!view || (view.ownerId !== member.id && !view.shared)) throw new CrmError('LEAD_VIEW_NOT_FOUND', 'No such view of the lead list.');
    return view;
  }

  private async mustEdit(tx: Tx, tenantId: string, member: Member, id: string) {
    const view = await this.mustSee(tx, tenantId, member, id);
    if (!editable(view, member)) throw new CrmError('LEAD_VIEW_NOT_YOURS', 'Only the member who saved this view, or an admin, can change it.');
    return view;
  }

  private async unique<T>(name: string, save: () => Promise<T>): Promise<T> {
    try {
      return await save();
    } catch (err) {
      if ((err as { code?: string }).code === 'P2002') {
        throw new CrmError('LEAD_VIEW_NAME_TAKEN', `You already have a view named "${name}".`, [{ field: 'name', code: 'taken', message: 'you already have a view of this name' }]);
      }
      throw err;
    }
  }
}
