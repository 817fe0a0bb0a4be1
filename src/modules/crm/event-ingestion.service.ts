import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor.js';
import { PrismaService } from '../../infra/prisma/prisma.service.js';
import type { EventRow } from '../analytics/events.repository.js';
import { LeadEventsService } from '../analytics/lead-events.service.js';
import type { EventInputDto } from './dto/event.dto.js';
import { normaliseLeadEmail } from './lead-values.js';
import { LeadsRepository } from './leads.repository.js';
import { ScoringService } from './scoring/scoring.service.js';

const FUTURE_TOLERANCE_MS = 5 * 60_000;
const MAX_PROPERTIES_BYTES = 16_384;

interface Rejection {
  index: number;
  code: string;
  message: string;
}

/**
 * POST /events: identifies each event's lead (by id, by email — creating the lead when new —
 * or by an anonymous id already linked), stores the batch in one statement, and links earlier
 * anonymous events once a visitor is identified. The store itself belongs to analytics.
 */
@Injectable()
export class EventIngestionService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly leads: LeadsRepository,
    private readonly store: LeadEventsService,
    private readonly scoring: ScoringService,
  ) {}

  async ingest(tenantId: string, actor: Actor, events: EventInputDto[]) {
    const rejected: Rejection[] = [];
    const now = Date.now();
    const result = await this.prisma.scoped({ tenantId }, async (tx) => {
      const emails = [...new Set(events.map((e) => (e.lead.email ? normaliseLeadEmail(e.lead.email) : null)).filter((x): x is string => Boolean(x)))];
      const ids = [...new Set(events.map((e) => e.lead.id).filter((x): x is string => Boolean(x)))];
      const known = await this.leads.findLiveByIdsOrEmails(tx, tenantId, ids, emails);
      const byId = new Set(known.map((l) => l.id));
      const byEmail = new Map(known.filter((l) => l.email).map((l) => [l.email!, l.id]));
      const newEmails = emails.filter((e) => !byEmail.has(e));
      if (newEmails.length) {
        // Leads first seen through events.
        for (const l of await this.leads.createForEmails(tx, tenantId, newEmails, 'events')) byEmail.set(l.email!, l.id);
      }
      const anonymous = [...new Set(events.map((e) => e.lead.anonymousId).filter((x): x is string => Boolean(x)))];
      const byAnonymous = await this.store.leadsOfAnonymous(tx, tenantId, anonymous);

      const rows: EventRow[] = [];
      const identified = new Map<string, string>();
      events.forEach((e, index) => {
        const reject = (code: string, message: string) => rejected.push({ index, code, message });
        if (!e.lead.id && !e.lead.email && !e.lead.anonymousId) return reject('LEAD_REQUIRED', 'lead needs an id, an email or an anonymousId');
        if (e.occurredAt.getTime() > now + FUTURE_TOLERANCE_MS) return reject('OCCURRED_IN_FUTURE', 'occurredAt is in the future');
        if (JSON.stringify(e.properties ?? {}).length > MAX_PROPERTIES_BYTES) return reject('PROPERTIES_TOO_LARGE', `properties exceed ${MAX_PROPERTIES_BYTES} bytes`);
        let leadId: string | null = null;
        if (e.lead.id) {
          if (!byId.has(e.lead.id)) return reject('LEAD_NOT_FOUND', 'no such lead in this workspace');
          leadId = e.lead.id;
        } else if (e.lead.email) {
          const email = normaliseLeadEmail(e.lead.email);
          if (!email) return reject('INVALID_EMAIL', 'lead.email is not an email address');
          leadId = byEmail.get(email) ?? null;
        } else if (e.lead.anonymousId) {
          leadId = byAnonymous.get(e.lead.anonymousId) ?? null;
        }
        if (leadId && e.lead.anonymousId) identified.set(e.lead.anonymousId, leadId);
        rows.push({
          externalId: e.id ?? null,
          type: e.type,
          leadId,
          anonymousId: e.lead.anonymousId ?? null,
          properties: e.properties ?? {},
          occurredAt: e.occurredAt,
          source: actor.type === 'api_key' ? 'api' : 'app',
        });
      });
      const accepted = await this.store.insertBatch(tx, tenantId, rows);
      for (const [anonymousId, leadId] of identified) await this.store.linkAnonymous(tx, tenantId, anonymousId, leadId);
      const scored = [...new Set(rows.map((r) => r.leadId).filter((x): x is string => Boolean(x)).concat([...identified.values()]))];
      return { accepted, duplicates: rows.length - accepted, rejected, leadsCreated: newEmails.length, scored };
    }, { timeout: 60_000 });
    // Scores follow behaviour: the leads these events concern are rescored by the worker.
    const { scored, ...response } = result;
    if (response.accepted) await this.scoring.rescoreLeadsLater(tenantId, scored, 'new events');
    return response;
  }
}
