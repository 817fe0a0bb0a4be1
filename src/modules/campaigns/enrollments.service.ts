import { Injectable } from '@nestjs/common';
import { CURSOR_PART, decodeCursorParts, encodeCursorParts } from '../../common/http/pagination.js';
import { PrismaService } from '../../infra/prisma/prisma.service.js';
import { CampaignError } from './campaigns.errors.js';
import { CampaignsRepository } from './campaigns.repository.js';
import { CampaignsService } from './campaigns.service.js';
import type { EnrollmentDetailDto, EnrollmentPageDto, EnrollmentQueryDto } from './dto/campaign.dto.js';
import { EnrollmentsRepository } from './engine/enrollments.repository.js';

type EnrollmentRow = NonNullable<Awaited<ReturnType<EnrollmentsRepository['find']>>>;

/** Where each lead of a campaign is in its journey, and the steps it went through. */
@Injectable()
export class EnrollmentsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly campaigns: CampaignsService,
    private readonly steps: CampaignsRepository,
    private readonly repo: EnrollmentsRepository,
  ) {}

  async list(tenantId: string, campaignId: string, q: EnrollmentQueryDto): Promise<EnrollmentPageDto> {
    const afterId = decodeCursorParts(q.cursor, 'cursor', (p) => (p.length === 1 ? CURSOR_PART.uuid(p[0]) : undefined));
    return this.prisma.scoped({ tenantId }, async (tx) => {
      await this.campaigns.mustFind(tx, tenantId, campaignId);
      const keys = await this.keys(tx, tenantId, campaignId);
      const rows = await this.repo.list(tx, tenantId, campaignId, { status: q.status, leadId: q.leadId, afterId }, q.limit);
      const items = rows.slice(0, q.limit);
      return { items: items.map((e) => toDto(e, keys)), nextCursor: rows.length > q.limit ? encodeCursorParts([items[items.length - 1]!.id]) : null };
    });
  }

  async get(tenantId: string, campaignId: string, id: string): Promise<EnrollmentDetailDto> {
    return this.prisma.scoped({ tenantId }, async (tx) => {
      await this.campaigns.mustFind(tx, tenantId, campaignId);
      const e = await this.repo.find(tx, tenantId, campaignId, id);
      if (!e) throw new CampaignError('ENROLLMENT_NOT_FOUND', 'No such enrollment in this campaign.');
      const keys = await this.keys(tx, tenantId, campaignId);
      const history = await this.repo.historyOf(tx, tenantId, id);
      return { ...toDto(e, keys), history: history.map((h) => ({ stepKey: keys.get(h.stepId) ?? null, at: h.at, outcome: h.outcome, detail: (h.detail as Record<string, unknown> | null) ?? null })) };
    });
  }

  private async keys(tx: Parameters<CampaignsRepository['steps']>[0], tenantId: string, campaignId: string) {
    return new Map((await this.steps.steps(tx, tenantId, campaignId)).map((s) => [s.id, s.key]));
  }
}

function toDto(e: EnrollmentRow, keys: Map<string, string>) {
  return { id: e.id, runId: e.runId, leadId: e.leadId, stepKey: e.stepId ? (keys.get(e.stepId) ?? null) : null, status: e.status, nextWakeAt: e.nextWakeAt, variant: e.variant, enteredAt: e.enteredAt, updatedAt: e.updatedAt };
}
