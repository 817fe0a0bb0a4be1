import { Injectable } from '@nestjs/common';
import type { Tx } from '../../infra/prisma/prisma.service.js';

/** conversations.inbox_messages and social_interactions seen from one lead. */
@Injectable()
export class LeadConversationsRepository {
  async reassign(tx: Tx, tenantId: string, fromLeadIds: string[], toLeadId: string): Promise<number> {
    const inbox = await tx.inboxMessage.updateMany({ where: { tenantId, leadId: { in: fromLeadIds } }, data: { leadId: toLeadId } });
    const social = await tx.socialInteraction.updateMany({ where: { tenantId, leadId: { in: fromLeadIds } }, data: { leadId: toLeadId } });
    return inbox.count + social.count;
  }
}
