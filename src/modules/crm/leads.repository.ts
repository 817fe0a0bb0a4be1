import { Injectable } from '@nestjs/common';
import type { TimeIdCursor } from '../../common/http/pagination.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { Tx } from '../../infra/prisma/prisma.service.js';

const LEAD_LIST_FIELDS = {
  id: true,
  email: true,
  firstName: true,
  lastName: true,
  phone: true,
  company: true,
  jobTitle: true,
  source: true,
  lifecycleStage: true,
  tags: true,
  score: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.LeadSelect;

@Injectable()
export class LeadsRepository {
  /** Newest first, keyset-paginated on (created_at, id): served by leads_tenant_id_created_at_id_idx. */
  list(tx: Tx, tenantId: string, limit: number, cursor?: TimeIdCursor) {
    return tx.lead.findMany({
      where: {
        tenantId,
        deletedAt: null,
        ...(cursor && { OR: [{ createdAt: { lt: cursor.at } }, { createdAt: cursor.at, id: { lt: cursor.id } }] }),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
      select: LEAD_LIST_FIELDS,
    });
  }
}
