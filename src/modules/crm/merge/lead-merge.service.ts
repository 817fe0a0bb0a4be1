import { Injectable } from '@nestjs/common';
import type { Lead, Prisma } from '../../../generated/prisma/client.js';
import { currentDbActor, dbActor, parseDbActor } from '../../../infra/database/db-actor.js';
import { PrismaService, type Tx } from '../../../infra/prisma/prisma.service.js';
import { AuditLogService } from '../../governance/audit-log.service.js';
import { CrmError } from '../crm.errors.js';
import { MERGE_CHOOSABLE_FIELDS, type MergeChoice, type MergeChoosableField, type MergeLeadsDto, isMergeChoice, isMergeChoosable } from '../dto/lead-merge.dto.js';
import { LeadHistoryRegistry, type MovedRows } from '../history/lead-history.registry.js';
import { leadLabel } from '../lead-label.js';
import { LeadsRepository } from '../leads.repository.js';
import { toLeadDto } from '../leads.service.js';
import { ScoringService } from '../scoring/scoring.service.js';
import { LeadMergesRepository } from './lead-merges.repository.js';

const CHANNELS = ['email', 'sms', 'whatsapp'] as const;
const ADDRESS_FIELDS = ['streetAddress', 'postalCode', 'city', 'region', 'country'] as const satisfies readonly MergeChoosableField[];
/** Secondary emails and phones kept on a lead, at most. */
const MAX_OTHERS = 20;

/** The surviving lead's fields a merge may change: what an undo puts back. */
const WINNER_FIELDS = [
  ...MERGE_CHOOSABLE_FIELDS,
  'tags',
  'customFields',
  'score',
  'otherEmails',
  'otherPhones',
  ...CHANNELS.flatMap((c) => [`${c}Consent`, `${c}ConsentAt`, `${c}ConsentSource`] as const),
] as const satisfies readonly (keyof Lead)[];
const DATE_FIELDS = new Set<string>(['sourceCreatedAt', 'emailConsentAt', 'smsConsentAt', 'whatsappConsentAt']);

type Snapshot = Record<string, unknown>;
interface LoserReceipt {
  id: string;
  before: { email: string | null };
}

function snapshot(lead: Lead): Snapshot {
  return Object.fromEntries(WINNER_FIELDS.map((k) => [k, lead[k] instanceof Date ? (lead[k] as Date).toISOString() : lead[k]]));
}

/** A stored snapshot back as Prisma update data (dates revived). */
function restoreData(s: Snapshot): Prisma.LeadUncheckedUpdateInput {
  return Object.fromEntries(
    Object.entries(s).map(([k, v]) => [k, DATE_FIELDS.has(k) && typeof v === 'string' ? new Date(v) : v]),
  ) as Prisma.LeadUncheckedUpdateInput;
}

const distinct = (values: (string | null | undefined)[], except: (string | null | undefined)[]) =>
  [...new Set(values.filter((v): v is string => Boolean(v) && !except.includes(v)))].slice(0, MAX_OTHERS);

/**
 * Merging duplicates into one lead, and undoing it. Everything every history source holds for
 * the duplicates moves over; field by field the person merging chooses whose value stays (by
 * default the surviving lead's, unless empty); the email and phone not kept become secondary ones;
 * tags are united. The duplicates go to the trash, pointing at the survivor. A receipt keeps the
 * survivor's fields before, the duplicates' emails and the ids of every row moved, so an undo puts
 * both leads back exactly, once.
 */
@Injectable()
export class LeadMergeService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly leads: LeadsRepository,
    private readonly merges: LeadMergesRepository,
    private readonly history: LeadHistoryRegistry,
    private readonly audit: AuditLogService,
    private readonly scoring: ScoringService,
  ) {}

  async merge(tenantId: string, targetId: string, dto: MergeLeadsDto) {
    const sources = this.sourcesOf(targetId, dto);
    const choices = this.checkChoices(dto.choices, sources.length);
    const actor = currentDbActor();
    const result = await this.prisma.scoped({ tenantId }, async (tx) => {
      const target = await this.mustFind(tx, tenantId, targetId);
      const found = await this.leads.findMany(tx, tenantId, sources);
      const missing = sources.filter((s) => !found.some((f) => f.id === s));
      if (missing.length) throw new CrmError('LEAD_NOT_FOUND', `No such lead: ${missing.join(', ')}.`);
      if (target.deletedAt || found.some((f) => f.deletedAt)) throw new CrmError('LEAD_MERGE_INVALID', 'Leads in the trash cannot be merged; restore them first.');
      const losers = sources.map((s) => found.find((f) => f.id === s)!);

      const receipt = await this.merges.create(tx, {
        tenantId,
        winnerId: target.id,
        loserIds: losers.map((l) => l.id),
        winnerBefore: snapshot(target) as Prisma.InputJsonValue,
        losers: losers.map((l): LoserReceipt => ({ id: l.id, before: { email: l.email } })) as unknown as Prisma.InputJsonValue,
        moved: {},
        choices: choices as Prisma.InputJsonValue,
        actor,
      });
      // The field changes this merge makes are recorded under it: the timeline shows them as the merge.
      await this.actAs(tx, dbActor('merge', receipt.id, parseDbActor(actor)?.label));

      const fill = this.mergedFields(target, losers, choices);
      // Duplicates keep no email: the address must stay free for the survivor (unique per tenant).
      for (const l of losers) await this.leads.update(tx, l.id, { deletedAt: new Date(), mergedIntoId: target.id, email: null });
      const moved: Record<string, MovedRows> = {};
      for (const l of losers) moved[l.id] = await this.history.reassignAll(tx, tenantId, [l.id], target.id);
      await this.merges.setMoved(tx, receipt.id, moved as Prisma.InputJsonValue);
      const merged = await this.leads.update(tx, target.id, fill);

      const counts: Record<string, number> = {};
      for (const rows of Object.values(moved)) for (const [kind, ids] of Object.entries(rows)) counts[kind] = (counts[kind] ?? 0) + ids.length;
      await this.audit.record(tx, tenantId, {
        action: 'lead.merged',
        entityType: 'lead',
        entityId: target.id,
        metadata: { name: leadLabel(merged), mergeId: receipt.id, sourceIds: sources, sourceNames: losers.map(leadLabel), moved: counts },
      });
      return { ...toLeadDto(merged), mergeId: receipt.id };
    }, { timeout: 60_000 }).catch(this.emailRace);
    return result;
  }

  async undo(tenantId: string, mergeId: string) {
    const actor = currentDbActor();
    const result = await this.prisma.scoped({ tenantId }, async (tx) => {
      const receipt = await this.merges.claimUndo(tx, tenantId, mergeId, actor);
      if (!receipt) {
        if (await this.merges.find(tx, tenantId, mergeId)) throw new CrmError('MERGE_ALREADY_UNDONE', 'This merge was already undone.');
        throw new CrmError('MERGE_NOT_FOUND', 'No such merge in this workspace.');
      }
      await this.actAs(tx, dbActor('unmerge', receipt.id, parseDbActor(actor)?.label));
      const losers = receipt.losers as unknown as LoserReceipt[];
      const moved = receipt.moved as unknown as Record<string, MovedRows>;
      for (const l of losers) await this.history.moveBackAll(tx, tenantId, moved[l.id] ?? {}, l.id);
      // The survivor first: it may give back an email a duplicate had.
      const winner = await this.leads.update(tx, receipt.winnerId, restoreData(receipt.winnerBefore as Snapshot));
      const restored = [];
      for (const l of losers) restored.push(await this.leads.update(tx, l.id, { deletedAt: null, mergedIntoId: null, email: l.before.email }));
      await this.audit.record(tx, tenantId, {
        action: 'lead.merge_undone',
        entityType: 'lead',
        entityId: winner.id,
        metadata: { name: leadLabel(winner), mergeId: receipt.id, sourceIds: losers.map((l) => l.id), sourceNames: restored.map(leadLabel) },
      });
      return { lead: toLeadDto(winner), restored: restored.map(toLeadDto) };
    }, { timeout: 60_000 }).catch(this.emailRace);
    // Scores moved back with their leads; rules reading tags, stage or events see them again.
    await this.scoring.rescoreLeadsLater(tenantId, [result.lead.id, ...result.restored.map((r) => r.id)], 'lead changed');
    return result;
  }

  private sourcesOf(targetId: string, dto: MergeLeadsDto): string[] {
    if (dto.otherId && dto.sourceIds) {
      throw new CrmError('LEAD_MERGE_INVALID', 'Give otherId or sourceIds, not both.', [{ field: 'otherId', code: 'invalid', message: 'give otherId or sourceIds' }]);
    }
    const sources = [...new Set(dto.otherId ? [dto.otherId] : (dto.sourceIds ?? []))].filter((s) => s !== targetId);
    if (!sources.length) throw new CrmError('LEAD_MERGE_INVALID', 'Give at least one other lead to merge.', [{ field: 'otherId', code: 'invalid', message: 'must name another lead' }]);
    return sources;
  }

  private checkChoices(raw: MergeLeadsDto['choices'], losers: number): Partial<Record<MergeChoosableField, MergeChoice>> {
    const entries = Object.entries(raw ?? {});
    const errors = entries
      .filter(([k, v]) => !isMergeChoosable(k) || !isMergeChoice(v))
      .map(([k]) => ({ field: `choices.${k}`, code: 'invalid', message: isMergeChoosable(k) ? "must be 'this' or 'other'" : 'not a field a merge can choose' }));
    if (errors.length) throw new CrmError('LEAD_MERGE_INVALID', 'Some merge choices are not valid.', errors);
    if (entries.length && losers !== 1) {
      throw new CrmError('LEAD_MERGE_INVALID', 'Choices apply to a merge of two leads.', [{ field: 'choices', code: 'invalid', message: 'merge one other lead to choose values' }]);
    }
    return Object.fromEntries(entries) as Partial<Record<MergeChoosableField, MergeChoice>>;
  }

  /** The survivor's new fields: chosen values, empty ones filled, the rest united. */
  private mergedFields(target: Lead, losers: Lead[], choices: Partial<Record<MergeChoosableField, MergeChoice>>): Prisma.LeadUncheckedUpdateInput {
    const fill: Record<string, unknown> = {};
    // Unless the person chose part of it, an address moves as a whole: a street from one lead with
    // the city of another is nobody's.
    const addressChosen = ADDRESS_FIELDS.some((k) => choices[k]);
    const addressFrom = addressChosen || ADDRESS_FIELDS.some((k) => target[k]) ? target : (losers.find((l) => ADDRESS_FIELDS.some((k) => l[k])) ?? target);
    for (const key of MERGE_CHOOSABLE_FIELDS) {
      const choice = choices[key];
      const value =
        choice === 'other' ? losers[0]![key]
        : choice === 'this' ? target[key]
        : (ADDRESS_FIELDS as readonly string[]).includes(key) ? addressFrom[key]
        : (target[key] ?? losers.find((l) => l[key] !== null)?.[key] ?? null);
      if (value !== target[key]) fill[key] = value;
    }
    const email = (fill.email === undefined ? target.email : fill.email) as string | null;
    const phone = (fill.phone === undefined ? target.phone : fill.phone) as string | null;
    fill.otherEmails = distinct([target.email, ...target.otherEmails, ...losers.flatMap((l) => [l.email, ...l.otherEmails])], [email]);
    fill.otherPhones = distinct([target.phone, ...target.otherPhones, ...losers.flatMap((l) => [l.phone, ...l.otherPhones])], [phone]);
    for (const c of CHANNELS) {
      if (target[`${c}Consent`] === 'unknown') {
        const known = losers.filter((f) => f[`${c}Consent`] !== 'unknown').sort((a, b) => (b[`${c}ConsentAt`]?.getTime() ?? 0) - (a[`${c}ConsentAt`]?.getTime() ?? 0))[0];
        if (known) Object.assign(fill, { [`${c}Consent`]: known[`${c}Consent`], [`${c}ConsentAt`]: known[`${c}ConsentAt`], [`${c}ConsentSource`]: known[`${c}ConsentSource`] });
      }
    }
    fill.tags = [...new Set([...target.tags, ...losers.flatMap((f) => f.tags)])].slice(0, 50);
    fill.customFields = Object.assign({}, ...losers.map((f) => f.customFields as object).reverse(), target.customFields as object);
    fill.score = Math.max(target.score, ...losers.map((f) => f.score));
    return fill as Prisma.LeadUncheckedUpdateInput;
  }

  private async actAs(tx: Tx, actor: string): Promise<void> {
    await tx.$queryRaw`SELECT set_config('lynara.actor', ${actor}, true)`;
  }

  private async mustFind(tx: Tx, tenantId: string, id: string) {
    const lead = await this.leads.find(tx, tenantId, id);
    if (!lead) throw new CrmError('LEAD_NOT_FOUND', 'No such lead in this workspace.');
    return lead;
  }

  private readonly emailRace = (err: unknown): never => {
    if ((err as { code?: string }).code === 'P2002') {
      throw new CrmError('LEAD_EMAIL_TAKEN', 'Another lead has taken one of these emails since: change it, then try again.', [
        { field: 'email', code: 'taken', message: 'another lead has this email' },
      ]);
    }
    throw err;
  };
}
