import { Injectable } from '@nestjs/common';
import { decodeCursor, page } from '../../../common/http/pagination.js';
import { PrismaService } from '../../../infra/prisma/prisma.service.js';
import { AuditLogService } from '../../governance/audit-log.service.js';
import { EntitiesError } from '../entities.errors.js';
import { invalidIf, priceErrors } from '../shared/price.js';
import { isUniqueViolation } from '../shared/prisma-errors.js';
import type { CreateProductDto, ListProductsQueryDto, ProductDto, ProductPageDto, UpdateProductDto } from './product.dto.js';
import { toProductDto } from './product.mapper.js';
import { ProductsRepository } from './products.repository.js';
import { MediaService } from '../media/media.service.js';

@Injectable()
export class ProductsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly repo: ProductsRepository,
    private readonly audit: AuditLogService,
    private readonly media: MediaService,
  ) {}

  async list(tenantId: string, q: ListProductsQueryDto): Promise<ProductPageDto> {
    const cursor = decodeCursor(q.cursor);
    const rows = await this.prisma.scoped({ tenantId }, (tx) => this.repo.list(tx, tenantId, q, cursor));
    const { items, nextCursor } = page(rows, q.limit, (r) => r.createdAt);
    const covers = await this.media.covers(tenantId, 'product', items.map((r) => r.id));
    return { items: items.map((r) => ({ ...toProductDto(r), cover: covers.get(r.id) ?? null })), nextCursor };
  }

  async get(tenantId: string, id: string): Promise<ProductDto> {
    const row = await this.prisma.scoped({ tenantId }, (tx) => this.repo.find(tx, tenantId, id));
    if (!row) throw notFound();
    return toProductDto(row);
  }

  async create(tenantId: string, dto: CreateProductDto): Promise<ProductDto> {
    invalidIf(priceErrors(dto.priceMinor, dto.currency));
    try {
      return await this.prisma.scoped({ tenantId }, async (tx) => {
        await this.repo.purgeDeleted(tx, tenantId, [dto.sku]);
        const row = await this.repo.create(tx, {
          tenantId,
          sku: dto.sku,
          name: dto.name,
          description: dto.description ?? null,
          priceMinor: dto.priceMinor ?? null,
          currency: dto.currency ?? null,
          attributes: (dto.attributes ?? {}) as object,
          active: dto.active ?? true,
        });
        await this.audit.record(tx, tenantId, { action: 'product.created', entityType: 'product', entityId: row.id, metadata: { name: row.name, sku: row.sku } });
        return toProductDto(row);
      });
    } catch (err) {
      throw isUniqueViolation(err) ? skuTaken(dto.sku) : err;
    }
  }

  async update(tenantId: string, id: string, dto: UpdateProductDto): Promise<ProductDto> {
    try {
      return await this.prisma.scoped({ tenantId }, async (tx) => {
        const current = await this.repo.find(tx, tenantId, id);
        if (!current) throw notFound();
        invalidIf(priceErrors(dto.priceMinor === undefined ? current.priceMinor : dto.priceMinor, dto.currency === undefined ? current.currency : dto.currency));
        if (dto.sku && dto.sku !== current.sku) await this.repo.purgeDeleted(tx, tenantId, [dto.sku]);
        const row = await this.repo.update(tx, id, {
          sku: dto.sku,
          name: dto.name,
          description: dto.description,
          priceMinor: dto.priceMinor,
          currency: dto.currency,
          attributes: dto.attributes as object | undefined,
          active: dto.active,
        });
        await this.audit.record(tx, tenantId, { action: 'product.updated', entityType: 'product', entityId: id, metadata: { name: row.name, sku: row.sku, fields: Object.keys(dto) } });
        return toProductDto(row);
      });
    } catch (err) {
      throw isUniqueViolation(err) ? skuTaken(dto.sku ?? '') : err;
    }
  }

  async remove(tenantId: string, id: string): Promise<void> {
    await this.prisma.scoped({ tenantId }, async (tx) => {
      const deleted = await this.repo.softDelete(tx, tenantId, id);
      if (!deleted) throw notFound();
      await this.audit.record(tx, tenantId, { action: 'product.deleted', entityType: 'product', entityId: id, metadata: deleted });
    });
  }
}

const notFound = () => new EntitiesError('PRODUCT_NOT_FOUND', 'No such product.');
const skuTaken = (sku: string) => new EntitiesError('PRODUCT_SKU_TAKEN', `A product with the SKU "${sku}" already exists.`, [{ field: 'sku', code: 'unique', message: 'sku is already used by another product' }]);
