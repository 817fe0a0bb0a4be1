import { Injectable } from '@nestjs/common';
import type { Tx } from '../../infra/prisma/prisma.service.js';

/** conversations.inbox_messages and social_interactions seen from one lead. */
@Injectable()
export class LeadConversationsRepository {
  /** Moves the leads' inbox messages and social interactions; returns the ids moved (both tables). */
  async reassign(tx: Tx, tenantId: string, fromLeadIds: string[], toLeadId: string): Promise<string[]> {
    const inbox = await tx.$queryRaw<{ id: string }[]>`
      UPDATE conversations.inbox_messages SET lead_id = ${toLeadId}::uuid WHERE tenant_id = ${tenantId}::uuid AND lead_id = ANY(${fromLeadIds}::uuid[]) RETURNING id`;
    const social = await tx.$queryRaw<{ id: string }[]>`
      UPDATE conversations.social_interactions SET lead_id = ${toLeadId}::uuid WHERE tenant_id = ${tenantId}::uuid AND lead_id = ANY(${fromLeadIds}::uuid[]) RETURNING id`;
    return [...inbox, ...social].map((r) => r.id);
  }

  /** Undoing a merge: these rows (as reassign returned them) go back to `toLeadId`. */
  async moveBack(tx: Tx, tenantId: string, ids: string[], toLeadId: string): Promise<number> {
    const inbox = await tx.$executeRaw`UPDATE conversations.inbox_messages SET lead_id = ${toLeadId}::uuid WHERE tenant_id = ${tenantId}::uuid AND id = ANY(${ids}::uuid[])`;
    const social = await tx.$executeRaw`UPDATE conversations.social_interactions SET lead_id = ${toLeadId}::uuid WHERE tenant_id = ${tenantId}::uuid AND id = ANY(${ids}::uuid[])`;
    return inbox + social;
  }
}
