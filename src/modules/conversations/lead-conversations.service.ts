import { Injectable } from '@nestjs/common';
import type { Tx } from '../../infra/prisma/prisma.service.js';

/** What other modules may ask of a lead's conversations (crm: merge). */
@Injectable()
export class LeadConversationsService {
  async reassign(tx: Tx, tenantId: string, fromLeadIds: string[], toLeadId: string): Promise<number> {
    const inbox = await tx.inboxMessage.updateMany({ where: { tenantId, leadId: { in: fromLeadIds } }, data: { leadId: toLeadId } });
    const social = await tx.socialInteraction.updateMany({ where: { tenantId, leadId: { in: fromLeadIds } }, data: { leadId: toLeadId } });
    return inbox.count + social.count;
  }
}
