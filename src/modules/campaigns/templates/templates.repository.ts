import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../../generated/prisma/client.js';
import type { TimeIdCursor } from '../../../common/http/pagination.js';
import type { Tx } from '../../../infra/prisma/prisma.service.js';

export const SUMMARY_FIELDS = { id: true, name: true, subject: true, updatedBy: true, createdAt: true, updatedAt: true } satisfies Prisma.EmailTemplateSelect;
export type TemplateRow = Prisma.EmailTemplateGetPayload<object>;

@Injectable()
export class TemplatesRepository {
  /** Last saved first. */
  list(tx: Tx, tenantId: string, limit: number, cursor?: TimeIdCursor) {
    return tx.emailTemplate.findMany({
      where: { tenantId, ...(cursor ? { OR: [{ updatedAt: { lt: cursor.at } }, { updatedAt: cursor.at, id: { lt: cursor.id } }] } : {}) },
      orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
      select: SUMMARY_FIELDS,
    });
  }

  find(tx: Tx, tenantId: string, id: string) {
    return tx.emailTemplate.findFirst({ where: { tenantId, id } });
  }

  create(tx: Tx, data: Prisma.EmailTemplateUncheckedCreateInput) {
    return tx.emailTemplate.create({ data });
  }

  update(tx: Tx, id: string, data: Prisma.EmailTemplateUncheckedUpdateInput) {
    return tx.emailTemplate.update({ where: { id }, data });
  }

  async remove(tx: Tx, tenantId: string, id: string): Promise<boolean> {
    return (await tx.emailTemplate.deleteMany({ where: { tenantId, id } })).count > 0;
  }
}
