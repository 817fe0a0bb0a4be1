import { Injectable } from '@nestjs/common';
import type { FieldError } from '../../../common/errors/domain-error.js';
import { decodeCursor, page } from '../../../common/http/pagination.js';
import { PrismaService } from '../../../infra/prisma/prisma.service.js';
import { AuditLogService } from '../../governance/audit-log.service.js';
import { EntitiesError } from '../entities.errors.js';
import { invalidIf, priceErrors } from '../shared/price.js';
import { isUniqueViolation } from '../shared/prisma-errors.js';
import type { CreatePropertyDto, ListPropertiesQueryDto, PropertyDto, PropertyPageDto, UpdatePropertyDto } from './property.dto.js';
import { toPropertyDto } from './property.mapper.js';
import { PropertiesRepository } from './properties.repository.js';
import { MediaService } from '../media/media.service.js';

/** Rules across fields, checked on the values as they will be stored. */
export function propertyErrors(p: { priceMinor?: unknown; currency?: string | null; latitude?: number | null; longitude?: number | null; rooms?: number | null; bedrooms?: number | null }): FieldError[] {
  const errors = priceErrors(p.priceMinor as number | null | undefined, p.currency);
  if ((p.latitude ?? null) === null !== ((p.longitude ?? null) === null)) errors.push({ field: 'longitude', code: 'pair', message: 'latitude and longitude go together' });
  if (p.rooms != null && p.bedrooms != null && p.bedrooms > p.rooms) errors.push({ field: 'bedrooms', code: 'max', message: 'bedrooms cannot exceed rooms' });
  return errors;
}

@Injectable()
export class PropertiesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly repo: PropertiesRepository,
    private readonly audit: AuditLogService,
    private readonly media: MediaService,
  ) {}

  async list(tenantId: string, q: ListPropertiesQueryDto): Promise<PropertyPageDto> {
    const cursor = decodeCursor(q.cursor);
    const rows = await this.prisma.scoped({ tenantId }, (tx) => this.repo.list(tx, tenantId, q, cursor));
    const { items, nextCursor } = page(rows, q.limit, (r) => r.createdAt);
    const covers = await this.media.covers(tenantId, 'property', items.map((r) => r.id));
    return { items: items.map((r) => ({ ...toPropertyDto(r), cover: covers.get(r.id) ?? null })), nextCursor };
  }

  async get(tenantId: string, id: string): Promise<PropertyDto> {
    const row = await this.prisma.scoped({ tenantId }, (tx) => this.repo.find(tx, tenantId, id));
    if (!row) throw notFound();
    return toPropertyDto(row);
  }

  async create(tenantId: string, dto: CreatePropertyDto): Promise<PropertyDto> {
    invalidIf(propertyErrors(dto));
    try {
      return await this.prisma.scoped({ tenantId }, async (tx) => {
        await this.repo.purgeDeleted(tx, tenantId, [dto.reference]);
        const row = await this.repo.create(tx, {
          tenantId,
          reference: dto.reference,
          title: dto.title,
          description: dto.description ?? null,
          propertyType: dto.propertyType,
          transactionType: dto.transactionType ?? 'sale',
          status: dto.status ?? 'draft',
          addressLine: dto.addressLine ?? null,
          postalCode: dto.postalCode ?? null,
          city: dto.city ?? null,
          country: dto.country ?? null,
          latitude: dto.latitude ?? null,
          longitude: dto.longitude ?? null,
          surfaceM2: dto.surfaceM2 ?? null,
          rooms: dto.rooms ?? null,
          bedrooms: dto.bedrooms ?? null,
          energyRating: dto.energyRating ?? null,
          priceMinor: dto.priceMinor ?? null,
          currency: dto.currency ?? null,
          attributes: (dto.attributes ?? {}) as object,
        });
        await this.audit.record(tx, tenantId, { action: 'property.created', entityType: 'property', entityId: row.id, metadata: { name: row.title, reference: row.reference } });
        return toPropertyDto(row);
      });
    } catch (err) {
      throw isUniqueViolation(err) ? referenceTaken(dto.reference) : err;
    }
  }

  async update(tenantId: string, id: string, dto: UpdatePropertyDto): Promise<PropertyDto> {
    try {
      return await this.prisma.scoped({ tenantId }, async (tx) => {
        const current = await this.repo.find(tx, tenantId, id);
        if (!current) throw notFound();
        const merged = { ...toPropertyDto(current), ...dto };
        invalidIf(propertyErrors(merged));
        if (dto.reference && dto.reference !== current.reference) await this.repo.purgeDeleted(tx, tenantId, [dto.reference]);
        const { attributes, ...rest } = dto;
        const row = await this.repo.update(tx, id, { ...rest, ...(attributes !== undefined && { attributes: attributes as object }) });
        await this.audit.record(tx, tenantId, { action: 'property.updated', entityType: 'property', entityId: id, metadata: { name: row.title, reference: row.reference, fields: Object.keys(dto) } });
        return toPropertyDto(row);
      });
    } catch (err) {
      throw isUniqueViolation(err) ? referenceTaken(dto.reference ?? '') : err;
    }
  }

  async remove(tenantId: string, id: string): Promise<void> {
    await this.prisma.scoped({ tenantId }, async (tx) => {
      const deleted = await this.repo.softDelete(tx, tenantId, id);
      if (!deleted) throw notFound();
      await this.audit.record(tx, tenantId, { action: 'property.deleted', entityType: 'property', entityId: id, metadata: { name: deleted.title, reference: deleted.reference } });
    });
  }
}

const notFound = () => new EntitiesError('PROPERTY_NOT_FOUND', 'No such property.');
const referenceTaken = (reference: string) =>
  new EntitiesError('PROPERTY_REFERENCE_TAKEN', `A property with the reference "${reference}" already exists.`, [{ field: 'reference', code: 'unique', message: 'reference is already used by another property' }]);
