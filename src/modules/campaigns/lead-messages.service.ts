import { Injectable } from '@nestjs/common';
import type { FeedBound } from '../../common/http/feed-bound.js';
import type { Tx } from '../../infra/prisma/prisma.service.js';
import { LeadMessagesRepository } from './lead-messages.repository.js';

/** What other modules may ask of the messages sent to a lead (crm: timeline and merge). */
@Injectable()
export class LeadMessagesService {
  constructor(private readonly repo: LeadMessagesRepository) {}

  recent(tx: Tx, tenantId: string, leadId: string, bound: FeedBound, limit: number) {
    return this.repo.recent(tx, tenantId, leadId, bound, limit);
  }

  reassign(tx: Tx, tenantId: string, fromLeadIds: string[], toLeadId: string) {
    return this.repo.reassign(tx, tenantId, fromLeadIds, toLeadId);
  }
}
