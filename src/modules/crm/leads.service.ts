import { Injectable } from '@nestjs/common';
import { CURSOR_PART, decodeCursorParts, encodeCursorParts } from '../../common/http/pagination.js';
import type { Actor } from '../../common/auth/actor.js';
import type { FieldError } from '../../common/errors/domain-error.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { PrismaService, type Tx } from '../../infra/prisma/prisma.service.js';
import { AuditLogService } from '../governance/audit-log.service.js';
import { CrmError } from './crm.errors.js';
import { ScoringService } from './scoring/scoring.service.js';
import { EnrichmentService } from './enrichment/enrichment.service.js';
import type { BulkLeadsDto, LeadInputDto, ListLeadsQueryDto } from './dto/lead.dto.js';
import { noteItem } from './history/crm-history.sources.js';
import { LeadInputNormaliser } from './lead-input.normaliser.js';
import { type LeadCursor, type LeadRow, LeadsRepository } from './leads.repository.js';
import { leadLabel } from './lead-label.js';

const CHANNELS = ['email', 'sms', 'whatsapp'] as const;

/** The API shape of a lead: consent grouped per channel, nothing internal. */
export function toLeadDto(l: LeadRow) {
  const consent = (c: (typeof CHANNELS)[number]) => ({ status: l[`${c}Consent`], at: l[`${c}ConsentAt`], source: l[`${c}ConsentSource`] });
  return {
    id: l.id,
    email: l.email,
    firstName: l.firstName,
    lastName: l.lastName,
    phone: l.phone,
    company: l.company,
    jobTitle: l.jobTitle,
    source: l.source,
    civility: l.civility,
    streetAddress: l.streetAddress,
    postalCode: l.postalCode,
    city: l.city,
    region: l.region,
    country: l.country,
    sourceCreatedAt: l.sourceCreatedAt,
    lifecycleStage: l.lifecycleStage,
    ownerId: l.ownerId,
    tags: l.tags,
    customFields: (l.customFields ?? {}) as Record<string, unknown>,
    consent: { email: consent('email'), sms: consent('sms'), whatsapp: consent('whatsapp') },
    language: l.language,
    timezone: l.timezone,
    score: l.score,
    createdAt: l.createdAt,
    updatedAt: l.updatedAt,
    deletedAt: l.deletedAt,
    mergedIntoId: l.mergedIntoId,
    otherEmails: l.otherEmails,
    otherPhones: l.otherPhones,
  };
}

function encodeCursor(c: LeadCursor): string {
  return encodeCursorParts([c.sort, c.value, c.id]);
}

/** Scores are PostgreSQL integers. */
const SCORE_RANGE = [-2_147_483_648, 2_147_483_647] as const;

function decodeCursor(raw: string | undefined, sort: LeadCursor['sort']): LeadCursor | undefined {
  return decodeCursorParts(raw, 'cursor', (parts): LeadCursor | undefined => {
    const id = CURSOR_PART.uuid(parts[2]);
    if (parts.length !== 3 || parts[0] !== sort || !id) return undefined;
    if (sort === 'score') {
      const score = CURSOR_PART.int(parts[1], ...SCORE_RANGE);
      return score === undefined ? undefined : { sort, value: score, id };
    }
    const at = CURSOR_PART.time(parts[1]);
    return at && { sort, value: at.toISOString(), id };
  });
}

@Injectable()
export class LeadsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly repo: LeadsRepository,
    private readonly normaliser: LeadInputNormaliser,
    private readonly audit: AuditLogService,
    private readonly enrichment: EnrichmentService,
    private readonly scoring: ScoringService,
  ) {}

  async list(tenantId: string, query: ListLeadsQueryDto) {
    const rows = await this.repo.list(tenantId, query, decodeCursor(query.cursor, query.sort));
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    const nextCursor =
      rows.length > query.limit && last
        ? encodeCursor({ sort: query.sort, value: query.sort === 'score' ? last.score : last.createdAt.toISOString(), id: last.id })
        : null;
    return { items: items.map(toLeadDto), nextCursor };
  }

  async duplicates(tenantId: string, id: string) {
    const lead = await this.prisma.scoped({ tenantId }, (tx) => this.mustFind(tx, tenantId, id));
    const rows = await this.repo.duplicatesOf(tenantId, lead);
    return { items: rows.map((r) => ({ lead: toLeadDto(r), reasons: r.reasons })) };
  }

  async get(tenantId: string, id: string) {
    return toLeadDto(await this.prisma.scoped({ tenantId }, (tx) => this.mustFind(tx, tenantId, id)));
  }

  async create(tenantId: string, dto: LeadInputDto) {
    const created = await this.prisma.scoped({ tenantId }, async (tx) => {
      const data = await this.normaliser.normalise(tx, tenantId, dto, 'create');
      if (!data.email && !data.phone) {
        throw new CrmError('LEAD_INVALID', 'A lead needs an email or a phone number.', [{ field: 'email', code: 'required', message: 'email or phone is required' }]);
      }
      if (typeof data.email === 'string') await this.assertEmailFree(tx, tenantId, data.email);
      const lead = await this.repo.create(tx, { ...(data as Prisma.LeadUncheckedCreateInput), tenantId });
      await this.audit.record(tx, tenantId, { action: 'lead.created', entityType: 'lead', entityId: lead.id, metadata: { name: leadLabel(lead) } });
      return toLeadDto(lead);
    }).catch(this.emailRace);
    await this.enrichment.enrichLater(tenantId, [created.id]);
    return created;
  }

  async update(tenantId: string, id: string, dto: LeadInputDto) {
    const updated = await this.prisma.scoped({ tenantId }, async (tx) => {
      const current = await this.mustFind(tx, tenantId, id);
      if (current.deletedAt) throw new CrmError('LEAD_NOT_FOUND', 'This lead is in the trash: restore it to change it.');
      const data = await this.normaliser.normalise(tx, tenantId, dto, 'update', current);
      const email = data.email === undefined ? current.email : data.email;
      const phone = data.phone === undefined ? current.phone : data.phone;
      if (!email && !phone) {
        throw new CrmError('LEAD_INVALID', 'A lead needs an email or a phone number.', [{ field: 'email', code: 'required', message: 'email or phone is required' }]);
      }
      if (typeof data.email === 'string' && data.email !== current.email) await this.assertEmailFree(tx, tenantId, data.email);
      const lead = await this.repo.update(tx, id, data);
      await this.audit.record(tx, tenantId, { action: 'lead.updated', entityType: 'lead', entityId: id, metadata: { name: leadLabel(lead), fields: Object.keys(data) } });
      return toLeadDto(lead);
    }).catch(this.emailRace);
    // Enrichment reads contact fields and rescores after; any other change only moves the score.
    if (dto.email !== undefined || dto.phone !== undefined || dto.firstName !== undefined || dto.lastName !== undefined) await this.enrichment.enrichLater(tenantId, [id]);
    else await this.scoring.rescoreLeadsLater(tenantId, [id], 'lead changed');
    return updated;
  }

  async remove(tenantId: string, id: string): Promise<void> {
    await this.bulk(tenantId, { ids: [id], action: 'delete' }, true);
  }

  async restore(tenantId: string, id: string) {
    await this.bulk(tenantId, { ids: [id], action: 'restore' }, true);
    return this.get(tenantId, id);
  }

  async bulk(tenantId: string, dto: BulkLeadsDto, single = false) {
    const ids = [...new Set(dto.ids)];
    const affected = await this.prisma.scoped({ tenantId }, async (tx) => {
      let n: number;
      let name: string | null = null;
      switch (dto.action) {
        case 'delete':
        case 'restore':
          if (single) {
            const lead = await this.mustFind(tx, tenantId, ids[0]!);
            name = leadLabel(lead);
            if (dto.action === 'restore' && lead.mergedIntoId) {
              throw new CrmError('LEAD_MERGE_INVALID', `This lead was merged into ${lead.mergedIntoId} and cannot be restored.`);
            }
          }
          n = await this.repo.bulkSetDeleted(tx, tenantId, ids, dto.action === 'delete');
          break;
        case 'addTags':
        case 'removeTags': {
          const tags = this.normaliser.tags(dto.tags ?? [], 'tags');
          if (!tags.length) throw new CrmError('LEAD_INVALID', 'Give at least one tag.', [{ field: 'tags', code: 'required', message: 'at least one tag' }]);
          n = dto.action === 'addTags' ? await this.repo.bulkAddTags(tx, tenantId, ids, tags) : await this.repo.bulkRemoveTags(tx, tenantId, ids, tags);
          break;
        }
        case 'update': {
          const changes = Object.fromEntries(Object.entries(dto.changes ?? {}).filter(([, v]) => v !== undefined));
          if (!Object.keys(changes).length) throw new CrmError('LEAD_INVALID', 'Nothing to change.', [{ field: 'changes', code: 'required', message: 'give at least one change' }]);
          if (changes.ownerId) await this.normaliser.assertOwner(tx, tenantId, changes.ownerId);
          n = await this.repo.bulkUpdate(tx, tenantId, ids, changes);
          break;
        }
      }
      const action = single ? `lead.${dto.action === 'delete' ? 'deleted' : 'restored'}` : `lead.bulk_${dto.action}`;
      if (n > 0) await this.audit.record(tx, tenantId, { action, entityType: 'lead', entityId: single ? ids[0] : null, metadata: { ...(single && { name }), ids: ids.slice(0, 100), affected: n } });
      return n;
    });
    // Tags, stage and owner are what attribute rules read; trash and restore change no score.
    if (affected && (dto.action === 'addTags' || dto.action === 'removeTags' || dto.action === 'update')) await this.scoring.rescoreLeadsLater(tenantId, ids, 'lead changed');
    return { affected };
  }

  async addNote(tenantId: string, actor: Actor, leadId: string, body: string) {
    if (!body) throw new CrmError('LEAD_INVALID', 'A note needs text.', [{ field: 'body', code: 'required', message: 'must not be empty' }]);
    return this.prisma.scoped({ tenantId }, async (tx) => {
      const lead = await this.mustFind(tx, tenantId, leadId);
      const note = await this.repo.createNote(tx, { tenantId, leadId, authorId: actor.type === 'user' ? actor.id : null, body });
      await this.audit.record(tx, tenantId, { action: 'lead.note_added', entityType: 'lead', entityId: leadId, metadata: { name: leadLabel(lead), noteId: note.id } });
      return noteItem(note);
    });
  }

  private async mustFind(tx: Tx, tenantId: string, id: string) {
    const lead = await this.repo.find(tx, tenantId, id);
    if (!lead) throw new CrmError('LEAD_NOT_FOUND', 'No such lead in this workspace.');
    return lead;
  }

  private async assertEmailFree(tx: Tx, tenantId: string, email: string) {
    const other = await this.repo.findByEmail(tx, tenantId, email);
    if (other) {
      const error = new CrmError(
        'LEAD_EMAIL_TAKEN',
        other.deletedAt ? `A lead in the trash already has this email (${other.id}): restore it instead.` : `Another lead already has this email (${other.id}).`,
        [{ field: 'email', code: 'taken', message: 'another lead has this email' } satisfies FieldError],
      );
      throw error;
    }
  }

  private readonly emailRace = (err: unknown): never => {
    if ((err as { code?: string }).code === 'P2002') {
      throw new CrmError('LEAD_EMAIL_TAKEN', 'Another lead already has this email.', [{ field: 'email', code: 'taken', message: 'another lead has this email' }]);
    }
    throw err;
  };
}
