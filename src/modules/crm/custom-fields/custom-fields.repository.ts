import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../../generated/prisma/client.js';
import type { Tx } from '../../../infra/prisma/prisma.service.js';

const FIELDS = { id: true, key: true, label: true, type: true, options: true, position: true, createdAt: true } satisfies Prisma.CustomFieldDefinitionSelect;

@Injectable()
export class CustomFieldsRepository {
  list(tx: Tx, tenantId: string) {
    return tx.customFieldDefinition.findMany({ where: { tenantId }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select: FIELDS });
  }
  find(tx: Tx, tenantId: string, id: string) {
    return tx.customFieldDefinition.findFirst({ where: { tenantId, id }, select: FIELDS });
  }
  create(tx: Tx, data: Prisma.CustomFieldDefinitionUncheckedCreateInput) {
    return tx.customFieldDefinition.create({ data, select: FIELDS });
  }
  update(tx: Tx, id: string, data: Prisma.CustomFieldDefinitionUpdateInput) {
    return tx.customFieldDefinition.update({ where: { id }, data, select: FIELDS });
  }
  delete(tx: Tx, id: string) {
    return tx.customFieldDefinition.delete({ where: { id } });
  }
  /** Removing a definition removes its values, so nothing unreachable stays in leads. */
  dropValues(tx: Tx, tenantId: string, key: string) {
    return tx.$executeRaw`UPDATE crm.leads SET custom_fields = custom_fields - ${key} WHERE tenant_id = ${tenantId}::uuid AND custom_fields ? ${key}`;
  }
}
