import { Injectable } from '@nestjs/common';
import type { TimeIdCursor } from '../../common/http/pagination.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { Tx } from '../../infra/prisma/prisma.service.js';
import type { CampaignStatus } from './campaign-status.js';
import type { StepKind } from './journeys/journey-graph.js';

export type CampaignRow = Prisma.CampaignGetPayload<object>;
export type StepRow = Prisma.CampaignStepGetPayload<object>;
export type EdgeRow = Prisma.CampaignEdgeGetPayload<object>;
export type RunRow = Prisma.CampaignRunGetPayload<object>;

/** Campaigns, their journeys (steps and edges) and runs. */
@Injectable()
export class CampaignsRepository {
  list(tx: Tx, tenantId: string, status: CampaignStatus | undefined, limit: number, cursor?: TimeIdCursor) {
    return tx.campaign.findMany({
      where: {
        tenantId,
        deletedAt: null,
        ...(status && { status }),
        ...(cursor && { OR: [{ createdAt: { lt: cursor.at } }, { createdAt: cursor.at, id: { lt: cursor.id } }] }),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
    });
  }

  find(tx: Tx, tenantId: string, id: string) {
    return tx.campaign.findFirst({ where: { tenantId, id, deletedAt: null } });
  }

  /** The campaign row locked until the transaction ends: status changes are serialised with the stepper's batches (which hold it FOR SHARE). */
  async lock(tx: Tx, tenantId: string, id: string): Promise<CampaignRow | null> {
    await tx.$executeRaw`SELECT 1 FROM campaigns.campaigns WHERE tenant_id = ${tenantId}::uuid AND id = ${id}::uuid FOR UPDATE`;
    return this.find(tx, tenantId, id);
  }

  create(tx: Tx, data: Prisma.CampaignUncheckedCreateInput) {
    return tx.campaign.create({ data });
  }

  update(tx: Tx, id: string, data: Prisma.CampaignUncheckedUpdateInput) {
    return tx.campaign.update({ where: { id }, data });
  }

  runs(tx: Tx, tenantId: string, ids: string[]) {
    return ids.length ? tx.campaignRun.findMany({ where: { tenantId, id: { in: ids } } }) : Promise.resolve([]);
  }

  steps(tx: Tx, tenantId: string, campaignId: string) {
    return tx.campaignStep.findMany({ where: { tenantId, campaignId }, orderBy: { position: 'asc' } });
  }

  step(tx: Tx, tenantId: string, id: string) {
    return tx.campaignStep.findFirst({ where: { tenantId, id } });
  }

  edges(tx: Tx, tenantId: string, campaignId: string) {
    return tx.campaignEdge.findMany({ where: { tenantId, campaignId }, orderBy: { id: 'asc' } });
  }

  /** Steps removed from a journey that leads still stand on. */
  async stepsInUse(tx: Tx, tenantId: string, stepIds: string[]): Promise<string[]> {
    if (!stepIds.length) return [];
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT DISTINCT step_id AS id FROM campaigns.enrollments WHERE tenant_id = ${tenantId}::uuid AND step_id = ANY(${stepIds}::uuid[]) AND status IN ('active', 'waiting')`;
    return rows.map((r) => r.id);
  }

  /**
   * Writes a journey: steps kept by key (so leads standing on them stay put), new ones added,
   * missing ones deleted, all edges replaced. Returns the step ids by key.
   */
  async writeJourney(
    tx: Tx,
    tenantId: string,
    campaignId: string,
    steps: { key: string; kind: StepKind; name: string; config: Prisma.InputJsonValue; position: number }[],
    edges: { from: string; to: string; branch: string }[],
  ): Promise<Map<string, string>> {
    await tx.campaignEdge.deleteMany({ where: { tenantId, campaignId } });
    await tx.campaignStep.deleteMany({ where: { tenantId, campaignId, key: { notIn: steps.map((s) => s.key) } } });
    const ids = new Map<string, string>();
    for (const s of steps) {
      const row = await tx.campaignStep.upsert({
        where: { campaignId_key: { campaignId, key: s.key } },
        create: { tenantId, campaignId, key: s.key, kind: s.kind, name: s.name, config: s.config, position: s.position, channel: s.kind === 'send' ? 'email' : null },
        update: { kind: s.kind, name: s.name, config: s.config, position: s.position, channel: s.kind === 'send' ? 'email' : null },
      });
      ids.set(s.key, row.id);
    }
    if (edges.length) {
      await tx.campaignEdge.createMany({ data: edges.map((e) => ({ tenantId, campaignId, fromStepId: ids.get(e.from)!, toStepId: ids.get(e.to)!, branch: e.branch })) });
    }
    return ids;
  }
}
