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
  /**
   * Moves the rows of the merged duplicates to the surviving lead; returns the ids of the rows
   * moved. Sources whose rows stay with their own lead (its creation, its field changes) omit it.
   */
  reassign?(tx: Tx, tenantId: string, fromLeadIds: string[], toLeadId: string): Promise<string[]>;
  /** Undoing a merge: moves these rows (ids reassign returned) back to `toLeadId`; returns how many moved. */
  moveBack?(tx: Tx, tenantId: string, ids: string[], toLeadId: string): Promise<number>;
}

/** What a merge moved from one lead: row ids per history kind. */
export type MovedRows = Record<string, string[]>;

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
  async reassignAll(tx: Tx, tenantId: string, fromLeadIds: string[], toLeadId: string): Promise<MovedRows> {
    const moved: MovedRows = {};
    for (const source of this.sources()) {
      if (!source.reassign) continue;
      const ids = await source.reassign(tx, tenantId, fromLeadIds, toLeadId);
      if (ids.length) moved[source.kind] = ids;
    }
    return moved;
  }

  /** Undoing a merge: each source moves the rows it moved back to `toLeadId`. */
  async moveBackAll(tx: Tx, tenantId: string, moved: MovedRows, toLeadId: string): Promise<void> {
    for (const [kind, ids] of Object.entries(moved)) {
      const source = this.byKind.get(kind);
      // A source registered when the merge happened and since removed has nothing left to move.
      if (source?.moveBack && ids.length) await source.moveBack(tx, tenantId, ids, toLeadId);
    }
  }
}
