import { Injectable } from '@nestjs/common';
import { CURSOR_PART, decodeCursorParts, encodeCursorParts } from '../../../common/http/pagination.js';
import type { FeedBound } from '../../../common/http/feed-bound.js';
import { PrismaService } from '../../../infra/prisma/prisma.service.js';
import { CrmError } from '../crm.errors.js';
import type { TimelineQueryDto } from '../dto/lead.dto.js';
import { LeadsRepository } from '../leads.repository.js';
import { type LeadHistoryItem, type LeadHistorySource, LeadHistoryRegistry } from './lead-history.registry.js';

interface FeedCursor {
  at: Date;
  kind: string;
  id: string;
}

/**
 * A lead's timeline: the newest items of every registered history source, merged. Ordered by
 * time, then by source (its `order`), then by id, newest first; the cursor is the last item's
 * (time, kind, id), so each source resumes exactly where the page ended.
 */
@Injectable()
export class LeadTimelineService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly leads: LeadsRepository,
    private readonly registry: LeadHistoryRegistry,
  ) {}

  async timeline(tenantId: string, leadId: string, query: TimelineQueryDto) {
    const sources = this.registry.sources().filter((s): s is LeadHistorySource & Required<Pick<LeadHistorySource, 'recent'>> => Boolean(s.recent));
    const rank = new Map(sources.map((s, i) => [s.kind, i]));
    const cursor = this.decode(query.before, rank);
    const bound = (kind: string): FeedBound =>
      cursor
        ? { at: cursor.at, orEqual: rank.get(kind)! > rank.get(cursor.kind)!, idBelow: kind === cursor.kind ? cursor.id : null }
        : { at: new Date('9999-12-31T00:00:00Z'), orEqual: true, idBelow: null };
    const n = query.limit;
    return this.prisma.scoped({ tenantId }, async (tx) => {
      if (!(await this.leads.find(tx, tenantId, leadId))) throw new CrmError('LEAD_NOT_FOUND', 'No such lead in this workspace.');
      const items: LeadHistoryItem[] = [];
      // One transaction is one connection: its queries run one after the other.
      for (const source of sources) items.push(...(await source.recent(tx, tenantId, leadId, bound(source.kind), n)));
      items.sort((a, b) => b.at.getTime() - a.at.getTime() || rank.get(a.kind)! - rank.get(b.kind)! || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
      const page = items.slice(0, n);
      const last = page.at(-1);
      return { items: page, nextBefore: page.length === n && last ? encodeCursorParts([last.at.toISOString(), last.kind, last.id]) : null };
    });
  }

  private decode(raw: string | undefined, rank: Map<string, number>): FeedCursor | undefined {
    return decodeCursorParts(raw, 'before', (parts) => {
      const at = CURSOR_PART.time(parts[0]);
      const kind = typeof parts[1] === 'string' && rank.has(parts[1]) ? parts[1] : undefined;
      const id = CURSOR_PART.uuid(parts[2]);
      return parts.length === 3 && at && kind && id ? { at, kind, id } : undefined;
    });
  }
}
