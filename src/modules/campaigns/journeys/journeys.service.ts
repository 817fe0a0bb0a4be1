import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../../generated/prisma/client.js';
import { SecretBox } from '../../../infra/crypto/secret-box.js';
import { PrismaService, type Tx } from '../../../infra/prisma/prisma.service.js';
import { AudienceService } from '../../crm/segments/audience.service.js';
import { AuditLogService } from '../../governance/audit-log.service.js';
import { JOURNEY_EDITABLE } from '../campaign-status.js';
import { CampaignError } from '../campaigns.errors.js';
import { CampaignsRepository, type EdgeRow, type StepRow } from '../campaigns.repository.js';
import { CampaignsService } from '../campaigns.service.js';
import type { JourneyDto, PutJourneyDto } from '../dto/campaign.dto.js';
import { type ActionConfig, type ConditionConfig, type JourneyIssue, validateJourney } from './journey-graph.js';

/** Webhook secrets are sealed per workspace (a copied campaign keeps working; another workspace's row does not open). */
export const WEBHOOK_SECRET_PURPOSE = 'campaign-webhook';
export const webhookSecretContext = (tenantId: string) => `tenant:${tenantId}`;

/** A step's stored configuration as the API shows it: the webhook secret never leaves. */
function publicConfig(config: unknown): Record<string, unknown> {
  const { secretSealed, ...rest } = config as Record<string, unknown>;
  return secretSealed === undefined ? rest : { ...rest, secretSet: true };
}

export function toJourneyDto(entryStepId: string | null, steps: StepRow[], edges: EdgeRow[]): JourneyDto {
  const keyOf = new Map(steps.map((s) => [s.id, s.key]));
  const position = new Map(steps.map((s) => [s.id, s.position]));
  // In the order of the steps they leave, then by branch: the same journey reads the same way.
  edges = [...edges].sort((x, y) => position.get(x.fromStepId)! - position.get(y.fromStepId)! || x.branch.localeCompare(y.branch));
  return {
    entry: entryStepId ? (keyOf.get(entryStepId) ?? null) : null,
    steps: steps.map((s) => ({ id: s.id, key: s.key, kind: s.kind, name: s.name, config: publicConfig(s.config) })),
    edges: edges.map((e) => ({ from: keyOf.get(e.fromStepId)!, to: keyOf.get(e.toStepId)!, branch: e.branch })),
  };
}

/**
 * A campaign's journey, read and replaced whole. Replacing is atomic and allowed while no lead
 * moves (draft, scheduled, paused); steps keep their ids by key, so leads waiting on a step of a
 * paused campaign stay on it, and a step leads still stand on cannot be removed.
 */
@Injectable()
export class JourneysService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly repo: CampaignsRepository,
    private readonly campaigns: CampaignsService,
    private readonly audience: AudienceService,
    private readonly box: SecretBox,
    private readonly audit: AuditLogService,
  ) {}

  async get(tenantId: string, campaignId: string): Promise<JourneyDto> {
    return this.prisma.scoped({ tenantId }, async (tx) => {
      const c = await this.campaigns.mustFind(tx, tenantId, campaignId);
      return toJourneyDto(c.entryStepId, await this.repo.steps(tx, tenantId, campaignId), await this.repo.edges(tx, tenantId, campaignId));
    });
  }

  async put(tenantId: string, campaignId: string, dto: PutJourneyDto): Promise<JourneyDto> {
    const checked = validateJourney(dto);
    if (!checked.journey) throw invalid(checked.issues);
    const journey = checked.journey;
    return this.prisma.scoped({ tenantId }, async (tx) => {
      const c = await this.campaigns.mustLock(tx, tenantId, campaignId);
      if (!JOURNEY_EDITABLE.includes(c.status)) throw new CampaignError('CAMPAIGN_LOCKED', `The journey can be changed while the campaign is a draft, scheduled or paused; this one is ${c.status}.`);
      await this.checkReferences(tx, tenantId, dto, journey.steps.map((s) => ({ key: s.key, config: s.config })));

      const before = await this.repo.steps(tx, tenantId, campaignId);
      const keep = new Set(journey.steps.map((s) => s.key));
      const removed = before.filter((s) => !keep.has(s.key));
      const inUse = new Set(await this.repo.stepsInUse(tx, tenantId, removed.map((s) => s.id)));
      if (inUse.size) {
        const keys = removed.filter((s) => inUse.has(s.id)).map((s) => `"${s.key}"`);
        throw new CampaignError('JOURNEY_STEP_IN_USE', `Leads are still at step ${keys.join(', ')}: keep it in the journey.`);
      }
      const previous = new Map(before.map((s) => [s.key, s.config as Record<string, unknown>]));
      const steps = journey.steps.map((s, position) => ({ key: s.key, kind: s.kind, name: s.name, position, config: this.stored(tenantId, s.key, s.kind, s.config, previous.get(s.key)) }));
      const ids = await this.repo.writeJourney(tx, tenantId, campaignId, steps, journey.edges);
      await this.repo.update(tx, campaignId, { entryStepId: ids.get(journey.entry)! });
      await this.audit.record(tx, tenantId, { action: 'campaign.journey_saved', entityType: 'campaign', entityId: campaignId, metadata: { name: c.name, steps: steps.length } });
      return toJourneyDto(ids.get(journey.entry)!, await this.repo.steps(tx, tenantId, campaignId), await this.repo.edges(tx, tenantId, campaignId));
    });
  }

  /** Segments named by conditions must be this workspace's; fields must be ones a journey may read or write. */
  private async checkReferences(tx: Tx, tenantId: string, dto: PutJourneyDto, steps: { key: string; config: unknown }[]) {
    const issues: JourneyIssue[] = [];
    const index = new Map(dto.steps.map((s, i) => [s.key, i]));
    for (const s of steps) {
      const at = `steps[${index.get(s.key)}].config`;
      const cfg = s.config as ConditionConfig | ActionConfig;
      if ('test' in cfg && cfg.test === 'inSegment') {
        const found = await this.audience.segmentName(tx, tenantId, cfg.segmentId).then(() => true, () => false);
        if (!found) issues.push({ field: `${at}.segmentId`, code: 'unknown_segment', step: s.key, message: `Step "${s.key}" tests a segment that does not exist.` });
      }
      const field = ('test' in cfg && cfg.test === 'field') || ('action' in cfg && cfg.action === 'setField') ? (cfg as { field: string }).field : undefined;
      if (field !== undefined && !this.audience.isJourneyField(field)) {
        issues.push({ field: `${at}.field`, code: 'unknown_field', step: s.key, message: `Step "${s.key}": "${field}" is not a lead field a journey can use (a standard field, or custom.<key>).` });
      }
    }
    if (issues.length) throw invalid(issues);
  }

  /** A webhook's secret is sealed; left out of a later PUT, the step's stored one is kept. */
  private stored(tenantId: string, key: string, kind: string, config: unknown, previous: Record<string, unknown> | undefined): Prisma.InputJsonValue {
    const cfg = config as Record<string, unknown>;
    if (kind !== 'action' || cfg.action !== 'webhook') return cfg as Prisma.InputJsonValue;
    const { secret, ...rest } = cfg as { secret?: string };
    const sealed = secret ? this.box.seal(WEBHOOK_SECRET_PURPOSE, secret, webhookSecretContext(tenantId)) : previous?.secretSealed;
    if (!sealed) throw invalid([{ field: 'config.secret', code: 'required', step: key, message: `Step "${key}": the webhook needs a secret (16 characters or more) to sign its calls.` }]);
    return { ...rest, secretSealed: sealed } as Prisma.InputJsonValue;
  }
}

function invalid(issues: JourneyIssue[]): CampaignError {
  const head = issues[0]!.message;
  const detail = issues.length === 1 ? head : `${head} (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})`;
  return new CampaignError('JOURNEY_INVALID', detail, issues.map(({ field, code, message }) => ({ field, code, message })));
}
