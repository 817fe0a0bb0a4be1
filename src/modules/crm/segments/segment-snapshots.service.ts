import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { decodeCursor, page } from '../../../common/http/pagination.js';
import { PrismaService, type Tx } from '../../../infra/prisma/prisma.service.js';
import { type CrmJobs, QUEUES } from '../../../infra/queue/queues.js';
import { AuditLogService } from '../../governance/audit-log.service.js';
import { JobsService } from '../../governance/jobs/jobs.service.js';
import { CrmError } from '../crm.errors.js';
import { toLeadDto } from '../leads.service.js';
import { SegmentsRepository } from './segments.repository.js';
import { SegmentsService } from './segments.service.js';

type SnapshotRow = Awaited<ReturnType<SegmentsRepository['findSnapshot']>> & object;

const toDto = (s: SnapshotRow) => ({
  id: s.id,
  segmentId: s.segmentId,
  kind: s.kind,
  rules: s.rules as Record<string, unknown>,
  purpose: s.purpose,
  size: s.size,
  jobId: s.jobId,
  createdAt: s.createdAt,
  takenAt: s.takenAt,
});

/**
 * Snapshots freeze a segment's members at one moment, so a campaign sends to exactly the
 * audience it was shown, however the segment or its leads change afterwards. Taking one is a
 * job (a million members is one INSERT … SELECT, but still seconds); the snapshot keeps the
 * rules it was taken with.
 */
@Injectable()
export class SegmentSnapshotsService {
  constructor(
    @InjectQueue(QUEUES.crm) private readonly queue: Queue,
    private readonly prisma: PrismaService,
    private readonly repo: SegmentsRepository,
    private readonly segments: SegmentsService,
    private readonly jobs: JobsService,
    private readonly audit: AuditLogService,
  ) {}

  async request(tenantId: string, segmentId: string, actorId: string | null, purpose: string | undefined) {
    const jobId = randomUUID();
    const snapshot = await this.prisma.scoped({ tenantId }, async (tx) => {
      const segment = await this.segments.findLive(tx, tenantId, segmentId);
      // Rules that no longer compile (a custom field since deleted) are refused now, not in the job.
      await this.segments.compileIn(tx, tenantId, segment.rules);
      const row = await this.repo.createSnapshot(tx, { tenantId, segmentId, kind: segment.kind, rules: segment.rules as object, purpose: purpose ?? null, jobId, createdById: actorId });
      await this.audit.record(tx, tenantId, { action: 'segment.snapshot_requested', entityType: 'segment', entityId: segmentId, metadata: { name: segment.name, snapshotId: row.id, purpose: purpose ?? null } });
      await this.jobs.enqueueIn<CrmJobs['snapshot-segment']>(tx, this.queue, 'snapshot-segment', { tenantId, snapshotId: row.id }, { createdById: actorId, trackingId: jobId });
      return row;
    });
    return toDto(snapshot);
  }

  /** Worker side. Taking a snapshot twice (a retried job) changes nothing. */
  take(job: Job<CrmJobs['snapshot-segment']>) {
    const { tenantId, snapshotId } = job.data;
    return this.jobs.track(job, () =>
      this.prisma.scoped({ tenantId }, async (tx) => {
        const snapshot = await this.repo.findSnapshot(tx, tenantId, snapshotId);
        if (!snapshot) throw new Error(`snapshot ${snapshotId} not found`);
        if (snapshot.takenAt) return { size: snapshot.size };
        const size =
          snapshot.kind === 'static'
            ? await this.repo.snapshotStaticMembers(tx, tenantId, snapshotId, snapshot.segmentId)
            : await this.repo.snapshotMatching(tx, tenantId, snapshotId, await this.segments.compileIn(tx, tenantId, snapshot.rules));
        await this.repo.completeSnapshot(tx, snapshotId, size);
        return { size };
      }, { timeout: 600_000 }),
    );
  }

  async list(tenantId: string, segmentId: string) {
    return this.prisma.scoped({ tenantId }, async (tx) => {
      await this.segments.findLive(tx, tenantId, segmentId);
      return { items: (await this.repo.snapshots(tx, tenantId, segmentId)).map(toDto) };
    });
  }

  async get(tenantId: string, segmentId: string, snapshotId: string) {
    return toDto(await this.prisma.scoped({ tenantId }, (tx) => this.mustFind(tx, tenantId, segmentId, snapshotId)));
  }

  /** The snapshot's leads (as they are now; trashed ones left out), newest first. */
  async leads(tenantId: string, segmentId: string, snapshotId: string, limit: number, rawCursor?: string) {
    const cursor = decodeCursor(rawCursor);
    const snapshot = await this.prisma.scoped({ tenantId }, (tx) => this.mustFind(tx, tenantId, segmentId, snapshotId));
    if (!snapshot.takenAt) throw new CrmError('SNAPSHOT_NOT_READY', 'This snapshot is still being taken: follow its job, then ask again.');
    const { items, nextCursor } = page(await this.repo.leads(tenantId, { snapshotId }, limit, cursor), limit, (r) => r.createdAt);
    return { items: items.map(toLeadDto), nextCursor };
  }

  private async mustFind(tx: Tx, tenantId: string, segmentId: string, snapshotId: string) {
    const snapshot = await this.repo.findSnapshot(tx, tenantId, snapshotId);
    if (!snapshot || snapshot.segmentId !== segmentId) throw new CrmError('SNAPSHOT_NOT_FOUND', 'No such snapshot of this segment.');
    return snapshot;
  }
}
