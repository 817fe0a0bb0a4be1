import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { decodeCursor, page } from '../../common/http/pagination.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { PrismaService, type Tx } from '../../infra/prisma/prisma.service.js';
import { type CampaignJobs, QUEUES } from '../../infra/queue/queues.js';
import { CampaignMessagesService } from '../channels/campaign-messages/campaign-messages.service.js';
import { AudienceService } from '../crm/segments/audience.service.js';
import { AuditLogService } from '../governance/audit-log.service.js';
import { JobsService } from '../governance/jobs/jobs.service.js';
import { assertMove, type CampaignStatus } from './campaign-status.js';
import { CampaignError } from './campaigns.errors.js';
import { type CampaignRow, CampaignsRepository, type RunRow } from './campaigns.repository.js';
import type { CampaignDto, CampaignListQueryDto, CreateCampaignDto, UpdateCampaignDto } from './dto/campaign.dto.js';
import { EnrollmentsRepository } from './engine/enrollments.repository.js';

export const toRunDto = (r: RunRow) => ({ id: r.id, jobId: r.jobId, audienceSize: r.audienceSize, admitted: r.admitted, admissionDoneAt: r.admissionDoneAt, createdAt: r.createdAt });

export const toCampaignDto = (c: CampaignRow, run: RunRow | null | undefined): CampaignDto => ({
  id: c.id,
  name: c.name,
  description: c.description,
  status: c.status,
  statusReason: c.statusReason,
  segmentId: c.segmentId,
  admitLateJoiners: c.admitLateJoiners,
  goal: c.goalEventType && c.goalWindowHours ? { eventType: c.goalEventType, windowHours: c.goalWindowHours } : null,
  startsAt: c.startsAt,
  launchedAt: c.launchedAt,
  finishedAt: c.finishedAt,
  run: run ? toRunDto(run) : null,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

/**
 * Campaigns and their life: draft → scheduled → running ⇄ paused → completed | cancelled,
 * archived at the end. Every status change locks the campaign row, so it is serialised with the
 * stepper's batches (which hold the row FOR SHARE): once a pause answers, no lead moves.
 */
@Injectable()
export class CampaignsService {
  constructor(
    @InjectQueue(QUEUES.campaigns) private readonly queue: Queue,
    private readonly prisma: PrismaService,
    private readonly repo: CampaignsRepository,
    private readonly enrollments: EnrollmentsRepository,
    private readonly audience: AudienceService,
    private readonly messages: CampaignMessagesService,
    private readonly jobs: JobsService,
    private readonly audit: AuditLogService,
  ) {}

  async list(tenantId: string, q: CampaignListQueryDto) {
    const cursor = decodeCursor(q.cursor);
    return this.prisma.scoped({ tenantId }, async (tx) => {
      const { items, nextCursor } = page(await this.repo.list(tx, tenantId, q.status, q.limit, cursor), q.limit, (c) => c.createdAt);
      return { items: await this.withRuns(tx, tenantId, items), nextCursor };
    });
  }

  async get(tenantId: string, id: string) {
    return this.prisma.scoped({ tenantId }, async (tx) => (await this.withRuns(tx, tenantId, [await this.mustFind(tx, tenantId, id)]))[0]!);
  }

  async create(tenantId: string, actorId: string | null, dto: CreateCampaignDto) {
    return this.prisma.scoped({ tenantId }, async (tx) => {
      if (dto.segmentId) await this.audience.segmentName(tx, tenantId, dto.segmentId);
      const c = await this.repo.create(tx, {
        tenantId,
        name: dto.name,
        description: dto.description ?? null,
        segmentId: dto.segmentId ?? null,
        admitLateJoiners: dto.admitLateJoiners ?? false,
        goalEventType: dto.goal?.eventType ?? null,
        goalWindowHours: dto.goal?.windowHours ?? null,
        createdById: actorId,
      });
      await this.audit.record(tx, tenantId, { action: 'campaign.created', entityType: 'campaign', entityId: c.id, metadata: { name: c.name } });
      return toCampaignDto(c, null);
    });
  }

  async update(tenantId: string, id: string, dto: UpdateCampaignDto) {
    return this.prisma.scoped({ tenantId }, async (tx) => {
      const c = await this.mustLock(tx, tenantId, id);
      if (c.status === 'archived') throw new CampaignError('CAMPAIGN_LOCKED', 'An archived campaign cannot be changed.');
      const audienceChange = dto.segmentId !== undefined || dto.goal !== undefined;
      if (audienceChange && c.status !== 'draft' && c.status !== 'scheduled') {
        throw new CampaignError('CAMPAIGN_LOCKED', `The audience and goal are fixed once launched (this campaign is ${c.status}).`);
      }
      if (dto.segmentId) await this.audience.segmentName(tx, tenantId, dto.segmentId);
      const data: Prisma.CampaignUncheckedUpdateInput = {
        ...(dto.name !== undefined && { name: dto.name }),
        ...(dto.description !== undefined && { description: dto.description }),
        ...(dto.segmentId !== undefined && { segmentId: dto.segmentId }),
        ...(dto.admitLateJoiners !== undefined && { admitLateJoiners: dto.admitLateJoiners }),
        ...(dto.goal !== undefined && { goalEventType: dto.goal?.eventType ?? null, goalWindowHours: dto.goal?.windowHours ?? null }),
      };
      const updated = await this.repo.update(tx, id, data);
      await this.audit.record(tx, tenantId, { action: 'campaign.updated', entityType: 'campaign', entityId: id, metadata: { name: updated.name, fields: Object.keys(data) } });
      return (await this.withRuns(tx, tenantId, [updated]))[0]!;
    });
  }

  /** A draft copy: same audience, goal and journey (step keys and edges), no runs. */
  async clone(tenantId: string, actorId: string | null, id: string) {
    return this.prisma.scoped({ tenantId }, async (tx) => {
      const c = await this.mustFind(tx, tenantId, id);
      const copy = await this.repo.create(tx, {
        tenantId,
        name: `${c.name} (copy)`.slice(0, 200),
        description: c.description,
        segmentId: c.segmentId,
        admitLateJoiners: c.admitLateJoiners,
        goalEventType: c.goalEventType,
        goalWindowHours: c.goalWindowHours,
        settings: c.settings as Prisma.InputJsonValue,
        createdById: actorId,
      });
      const steps = await this.repo.steps(tx, tenantId, id);
      const byId = new Map(steps.map((s) => [s.id, s.key]));
      const edges = await this.repo.edges(tx, tenantId, id);
      const ids = await this.repo.writeJourney(
        tx,
        tenantId,
        copy.id,
        steps.map((s) => ({ key: s.key, kind: s.kind, name: s.name, config: s.config as Prisma.InputJsonValue, position: s.position })),
        edges.map((e) => ({ from: byId.get(e.fromStepId)!, to: byId.get(e.toStepId)!, branch: e.branch })),
      );
      const entryKey = c.entryStepId ? byId.get(c.entryStepId) : undefined;
      const created = entryKey ? await this.repo.update(tx, copy.id, { entryStepId: ids.get(entryKey)! }) : copy;
      await this.audit.record(tx, tenantId, { action: 'campaign.cloned', entityType: 'campaign', entityId: created.id, metadata: { name: created.name, from: c.name, fromId: c.id } });
      return toCampaignDto(created, null);
    });
  }

  schedule(tenantId: string, id: string, startsAt: Date) {
    return this.move(tenantId, id, 'scheduled', { startsAt });
  }
  archive(tenantId: string, id: string) {
    return this.move(tenantId, id, 'archived');
  }
  pause(tenantId: string, id: string) {
    return this.move(tenantId, id, 'paused');
  }
  /** Only a paused campaign resumes (a draft is launched: it needs its run). */
  resume(tenantId: string, id: string) {
    return this.move(tenantId, id, 'running', {}, undefined, ['paused']);
  }

  /** Stops every lead where it is; queued messages not yet taken by the dispatcher are cancelled. */
  cancel(tenantId: string, id: string) {
    return this.move(tenantId, id, 'cancelled', { finishedAt: new Date() }, async (tx) => {
      await this.messages.cancelQueued(tx, tenantId, id, 'campaign cancelled');
    });
  }

  /**
   * draft | scheduled → running: records the run and its launch job in one transaction (the job
   * is queued once it commits); the job freezes the audience and admits it.
   */
  async launch(tenantId: string, actorId: string | null, id: string) {
    const jobId = randomUUID();
    return this.prisma.scoped({ tenantId }, async (tx) => {
      const c = await this.mustLock(tx, tenantId, id);
      assertMove(c.status, 'running');
      if (c.status === 'paused') throw new CampaignError('CAMPAIGN_TRANSITION_INVALID', 'A paused campaign is resumed, not launched again.');
      if (!c.segmentId) throw new CampaignError('CAMPAIGN_NOT_READY', 'Choose the campaign\'s audience (a segment) before launching it.', [{ field: 'segmentId', code: 'required', message: 'a segment is required' }]);
      if (!c.entryStepId) throw new CampaignError('CAMPAIGN_NOT_READY', 'Write the campaign\'s journey before launching it.', [{ field: 'journey', code: 'required', message: 'a journey is required' }]);
      await this.audience.segmentName(tx, tenantId, c.segmentId);
      const run = await this.enrollments.createRun(tx, { tenantId, campaignId: id, jobId });
      const updated = await this.repo.update(tx, id, { status: 'running', statusReason: null, currentRunId: run.id, launchedAt: new Date() });
      await this.audit.record(tx, tenantId, { action: 'campaign.launched', entityType: 'campaign', entityId: id, metadata: { name: c.name, runId: run.id } });
      await this.jobs.enqueueIn<CampaignJobs['launch-campaign']>(tx, this.queue, 'launch-campaign', { tenantId, campaignId: id, runId: run.id }, { createdById: actorId, trackingId: jobId });
      return { jobId, runId: run.id, campaign: toCampaignDto(updated, run) };
    });
  }

  private async move(tenantId: string, id: string, to: CampaignStatus, extra: Prisma.CampaignUncheckedUpdateInput = {}, also?: (tx: Tx) => Promise<void>, onlyFrom?: CampaignStatus[]) {
    return this.prisma.scoped({ tenantId }, async (tx) => {
      const c = await this.mustLock(tx, tenantId, id);
      if (onlyFrom && !onlyFrom.includes(c.status)) {
        throw new CampaignError('CAMPAIGN_TRANSITION_INVALID', `Only a ${onlyFrom.join(' or ')} campaign can become ${to} this way; this one is ${c.status}.`, [{ field: 'status', code: 'invalid_transition', message: `${c.status} → ${to}` }]);
      }
      assertMove(c.status, to);
      const updated = await this.repo.update(tx, id, { status: to, statusReason: null, ...extra });
      await also?.(tx);
      await this.audit.record(tx, tenantId, { action: `campaign.${to === 'running' ? 'resumed' : to}`, entityType: 'campaign', entityId: id, metadata: { name: c.name, from: c.status } });
      return (await this.withRuns(tx, tenantId, [updated]))[0]!;
    });
  }

  private async withRuns(tx: Tx, tenantId: string, rows: CampaignRow[]) {
    const runs = new Map((await this.repo.runs(tx, tenantId, rows.map((c) => c.currentRunId).filter((r): r is string => !!r))).map((r) => [r.id, r]));
    return rows.map((c) => toCampaignDto(c, c.currentRunId ? runs.get(c.currentRunId) : null));
  }

  async mustFind(tx: Tx, tenantId: string, id: string) {
    const c = await this.repo.find(tx, tenantId, id);
    if (!c) throw new CampaignError('CAMPAIGN_NOT_FOUND', 'No such campaign.');
    return c;
  }

  async mustLock(tx: Tx, tenantId: string, id: string) {
    const c = await this.repo.lock(tx, tenantId, id);
    if (!c) throw new CampaignError('CAMPAIGN_NOT_FOUND', 'No such campaign.');
    return c;
  }
}
