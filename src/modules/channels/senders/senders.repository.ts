import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../../generated/prisma/client.js';
import type { Tx } from '../../../infra/prisma/prisma.service.js';

export type SenderRow = Prisma.SenderGetPayload<object>;

@Injectable()
export class SendersRepository {
  list(tx: Tx, tenantId: string) {
    return tx.sender.findMany({ where: { tenantId }, orderBy: [{ isDefault: 'desc' }, { name: 'asc' }] });
  }

  find(tx: Tx, tenantId: string, id: string) {
    return tx.sender.findFirst({ where: { tenantId, id } });
  }

  findDefault(tx: Tx, tenantId: string) {
    return tx.sender.findFirst({ where: { tenantId, isDefault: true } });
  }

  count(tx: Tx, tenantId: string) {
    return tx.sender.count({ where: { tenantId } });
  }

  create(tx: Tx, data: Prisma.SenderUncheckedCreateInput) {
    return tx.sender.create({ data });
  }

  /** Every change bumps the version, so a pooled transport built from the old settings is rebuilt. */
  update(tx: Tx, id: string, data: Prisma.SenderUncheckedUpdateInput) {
    return tx.sender.update({ where: { id }, data: { ...data, version: { increment: 1 } } });
  }

  /** Before another sender becomes the default: at most one is (a unique index says so). */
  clearDefault(tx: Tx, tenantId: string) {
    return tx.sender.updateMany({ where: { tenantId, isDefault: true }, data: { isDefault: false } });
  }

  async remove(tx: Tx, tenantId: string, id: string): Promise<boolean> {
    return (await tx.sender.deleteMany({ where: { tenantId, id } })).count > 0;
  }
}
