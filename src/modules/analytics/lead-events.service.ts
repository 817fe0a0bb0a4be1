import { Injectable } from '@nestjs/common';
import type { Tx } from '../../infra/prisma/prisma.service.js';
import { LeadEventsRepository } from './lead-events.repository.js';

/** What other modules may ask of a lead's behaviour events (crm: timeline and merge). */
@Injectable()
export class LeadEventsService {
  constructor(private readonly repo: LeadEventsRepository) {}

  recent(tx: Tx, tenantId: string, leadId: string, before: Date, limit: number) {
    return this.repo.recent(tx, tenantId, leadId, before, limit);
  }

  reassign(tx: Tx, tenantId: string, fromLeadIds: string[], toLeadId: string) {
    return this.repo.reassign(tx, tenantId, fromLeadIds, toLeadId);
  }
}
