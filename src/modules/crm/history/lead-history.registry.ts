import { Injectable } from '@nestjs/common';
import type { FeedBound } from '../../../common/http/feed-bound.js';
import type { Tx } from '../../../infra/prisma/prisma.service.js';

/** One entry of a lead's timeline. */
export interface LeadHistoryItem {
  kind: string;
  id: string;
  at: Date;
  title: string;
  details: Record<string, unknown>;
}

/**
 * Something a lead has, kept in crm's own tables (scores, notes) or in a module above crm
 * (campaign messages, conversations) or beside it (behaviour events). crm owns this interface;
 * each owner registers its source at start-up, so the timeline and merges see everything a lead
 * has while crm imports none of those modules.
 */
export interface LeadHistorySource {
  /** A stable name, also the `kind` of its timeline items. */
  readonly kind: string;
  /** Where its items go at equal times on the timeline (lower first). */
  readonly order: number;
  /** The lead's items strictly after `bound`, newest first, at most `limit`. Sources with nothing to show omit it. */
  recent?(tx: Tx, tenantId: string, leadId: string, bound: FeedBound, limit: number): Promise<LeadHistoryItem[]>;
  /** Moves the rows of the merged duplicates to the surviving lead; returns how many moved. */
  reassign(tx: Tx, tenantId: string, fromLeadIds: string[], toLeadId: string): Promise<number>;
}

/** The registered sources, in timeline order. */
@Injectable()
export class LeadHistoryRegistry {
  private readonly byKind = new Map<string, LeadHistorySource>();

  register(source: LeadHistorySource): void {
    if (!/^[a-z][a-z_]{1,30}$/.test(source.kind)) throw new Error(`"${source.kind}" is not a valid lead history kind`);
    if (this.byKind.has(source.kind)) throw new Error(`a lead history source "${source.kind}" is already registered`);
    this.byKind.set(source.kind, source);
  }

  sources(): LeadHistorySource[] {
    return [...this.byKind.values()].sort((a, b) => a.order - b.order || (a.kind < b.kind ? -1 : 1));
  }

  get(kind: string): LeadHistorySource | undefined {
    return this.byKind.get(kind);
  }

  /** Merge: every source moves its rows, one after the other in the caller's transaction. */
  async reassignAll(tx: Tx, tenantId: string, fromLeadIds: string[], toLeadId: string): Promise<Record<string, number>> {
    const moved: Record<string, number> = {};
    for (const source of this.sources()) moved[source.kind] = await source.reassign(tx, tenantId, fromLeadIds, toLeadId);
    return moved;
  }
}
