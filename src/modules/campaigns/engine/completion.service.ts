import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../../infra/prisma/prisma.service.js';
import { AuditLogService } from '../../governance/audit-log.service.js';
import { CampaignsRepository } from '../campaigns.repository.js';
import { EnrollmentsRepository } from './enrollments.repository.js';

/**
 * A running campaign completes when its audience is all admitted and every lead has finished
 * the journey. One that admits late joiners stays running (until cancelled): someone may join.
 */
@Injectable()
export class CompletionService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly campaigns: CampaignsRepository,
    private readonly enrollments: EnrollmentsRepository,
    private readonly audit: AuditLogService,
  ) {}

  async completeIfDone(tenantId: string, campaignId: string): Promise<boolean> {
    return this.prisma.scoped({ tenantId }, async (tx) => {
      const c = await this.campaigns.lock(tx, tenantId, campaignId);
      if (!c || c.status !== 'running' || c.admitLateJoiners || !c.currentRunId) return false;
      const run = await this.enrollments.findRun(tx, tenantId, c.currentRunId);
      if (!run?.admissionDoneAt || (await this.enrollments.hasUnfinished(tx, tenantId, campaignId))) return false;
      await this.campaigns.update(tx, campaignId, { status: 'completed', finishedAt: new Date() });
      await this.audit.record(tx, tenantId, { action: 'campaign.completed', entityType: 'campaign', entityId: campaignId, metadata: { name: c.name, admitted: run.admitted }, actor: { type: 'system', label: 'campaign engine' } });
      return true;
    });
  }
}
