import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../../../infra/prisma/prisma.service.js';
import { AuditLogService } from '../../governance/audit-log.service.js';
import { CrmError } from '../crm.errors.js';
import type { CreateCustomFieldDto, CustomFieldType, UpdateCustomFieldDto } from './custom-field.dto.js';
import { CustomFieldsRepository } from './custom-fields.repository.js';

export interface CustomFieldSchema {
  types: Record<string, CustomFieldType>;
  options: Record<string, string[]>;
}

@Injectable()
export class CustomFieldsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly repo: CustomFieldsRepository,
    private readonly audit: AuditLogService,
  ) {}

  async list(tenantId: string) {
    return { items: await this.prisma.scoped({ tenantId }, (tx) => this.repo.list(tx, tenantId)) };
  }

  /** Types and select options by key, as lead validation, import and segments need them. */
  async schema(tx: Tx, tenantId: string): Promise<CustomFieldSchema> {
    const defs = await this.repo.list(tx, tenantId);
    return {
      types: Object.fromEntries(defs.map((d) => [d.key, d.type])),
      options: Object.fromEntries(defs.filter((d) => d.type === 'select').map((d) => [d.key, d.options])),
    };
  }

  async create(tenantId: string, dto: CreateCustomFieldDto) {
    if (dto.type === 'select' && !dto.options?.length) throw this.invalid('options', 'a select field needs at least one option');
    if (dto.type !== 'select' && dto.options?.length) throw this.invalid('options', 'only select fields have options');
    try {
      return await this.prisma.scoped({ tenantId }, async (tx) => {
        const field = await this.repo.create(tx, { tenantId, key: dto.key, label: dto.label, type: dto.type, options: [...new Set(dto.options ?? [])], position: dto.position ?? 0 });
        await this.audit.record(tx, tenantId, { action: 'custom_field.created', entityType: 'custom_field', entityId: field.id, metadata: { name: field.label, key: field.key, type: field.type } });
        return field;
      });
    } catch (err) {
      if ((err as { code?: string }).code === 'P2002') throw new CrmError('CUSTOM_FIELD_KEY_TAKEN', `A custom field with the key "${dto.key}" already exists.`);
      throw err;
    }
  }

  async update(tenantId: string, id: string, dto: UpdateCustomFieldDto) {
    return this.prisma.scoped({ tenantId }, async (tx) => {
      const field = await this.repo.find(tx, tenantId, id);
      if (!field) throw new CrmError('CUSTOM_FIELD_NOT_FOUND', 'No such custom field.');
      if (dto.options && field.type !== 'select') throw this.invalid('options', 'only select fields have options');
      if (dto.options && !dto.options.length) throw this.invalid('options', 'a select field needs at least one option');
      const updated = await this.repo.update(tx, id, { label: dto.label, options: dto.options && [...new Set(dto.options)], position: dto.position });
      await this.audit.record(tx, tenantId, { action: 'custom_field.updated', entityType: 'custom_field', entityId: id, metadata: { ...dto, name: updated.label, key: field.key } });
      return updated;
    });
  }

  async remove(tenantId: string, id: string): Promise<void> {
    await this.prisma.scoped({ tenantId }, async (tx) => {
      const field = await this.repo.find(tx, tenantId, id);
      if (!field) throw new CrmError('CUSTOM_FIELD_NOT_FOUND', 'No such custom field.');
      await this.repo.delete(tx, id);
      await this.repo.dropValues(tx, tenantId, field.key);
      await this.audit.record(tx, tenantId, { action: 'custom_field.deleted', entityType: 'custom_field', entityId: id, metadata: { name: field.label, key: field.key } });
    }, { timeout: 120_000 });
  }

  private invalid(field: string, message: string) {
    return new CrmError('CUSTOM_FIELD_INVALID', message, [{ field, code: 'invalid', message }]);
  }
}
