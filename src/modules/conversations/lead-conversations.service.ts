import { Injectable } from '@nestjs/common';
import type { Tx } from '../../infra/prisma/prisma.service.js';
import { LeadConversationsRepository } from './lead-conversations.repository.js';

/** What other modules may ask of a lead's conversations (crm: merge). */
@Injectable()
export class LeadConversationsService {
  constructor(private readonly repo: LeadConversationsRepository) {}

  reassign(tx: Tx, tenantId: string, fromLeadIds: string[], toLeadId: string): Promise<number> {
    return this.repo.reassign(tx, tenantId, fromLeadIds, toLeadId);
  }
}
