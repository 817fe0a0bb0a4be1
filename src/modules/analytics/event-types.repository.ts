import { Injectable } from '@nestjs/common';
import { escapeLike } from '../../common/text/sql-text.js';
import type { Tx } from '../../infra/prisma/prisma.service.js';

export interface EventTypeCountRow {
  type: string;
  events: number;
  lastOccurredAt: Date;
}

/** analytics.event_type_counts: what types a workspace's events have (kept by a trigger on events). */
@Injectable()
export class EventTypesRepository {
  /** The most frequent first; `search` keeps the types containing it. */
  async mostFrequent(tx: Tx, tenantId: string, search: string | undefined, limit: number): Promise<EventTypeCountRow[]> {
    const rows = await tx.eventTypeCount.findMany({
      where: { tenantId, ...(search && { type: { contains: escapeLike(search) } }) },
      orderBy: [{ events: 'desc' }, { type: 'asc' }],
      take: limit,
    });
    return rows.map((r) => ({ type: r.type, events: Number(r.events), lastOccurredAt: r.lastOccurredAt }));
  }
}
