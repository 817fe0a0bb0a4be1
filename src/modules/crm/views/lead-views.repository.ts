import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../../generated/prisma/client.js';
import type { Tx } from '../../../infra/prisma/prisma.service.js';

@Injectable()
export class LeadViewsRepository {
  /** The member's own views and the workspace's shared ones, by name. */
  visible(tx: Tx, tenantId: string, memberId: string) {
    return tx.leadView.findMany({ where: { tenantId, OR: [{ ownerId: memberId }, { shared: true }] }, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
  }

  find(tx: Tx, tenantId: string, id: string) {
    return tx.leadView.findFirst({ where: { tenantId, id } });
  }

  create(tx: Tx, data: Prisma.LeadViewUncheckedCreateInput) {
    return tx.leadView.create({ data });
  }

  update(tx: Tx, id: string, data: Prisma.LeadViewUncheckedUpdateInput) {
    return tx.leadView.update({ where: { id }, data });
  }

  delete(tx: Tx, id: string) {
    return tx.leadView.delete({ where: { id } });
  }
}
