import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../../../infra/prisma/prisma.service.js';
import { AuditLogService } from '../../governance/audit-log.service.js';
import { EntitiesError } from '../entities.errors.js';
import { ProductsRepository } from '../products/products.repository.js';
import { PropertiesRepository } from '../properties/properties.repository.js';
import { GALLERY_MAX } from './gallery.js';
import type { GalleryDto, GalleryOrderDto } from './media.dto.js';
import { MediaRepository, type MediaOwner } from './media.repository.js';
import { MediaService } from './media.service.js';

/**
 * A product's or a listing's photos in the order people chose: the first image is the main photo
 * (the thumbnail in tables). Reordering names some of its media; they go first, in that order.
 */
@Injectable()
export class GalleryService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly repo: MediaRepository,
    private readonly products: ProductsRepository,
    private readonly properties: PropertiesRepository,
    private readonly media: MediaService,
    private readonly audit: AuditLogService,
  ) {}

  async list(tenantId: string, owner: MediaOwner, ownerId: string): Promise<GalleryDto> {
    const rows = await this.prisma.scoped({ tenantId }, async (tx) => {
      await this.ownerName(tx, tenantId, owner, ownerId);
      return this.repo.gallery(tx, tenantId, owner, ownerId, GALLERY_MAX * 2);
    });
    return { items: rows.map((r) => this.media.toDto(r)) };
  }

  async reorder(tenantId: string, owner: MediaOwner, ownerId: string, dto: GalleryOrderDto): Promise<GalleryDto> {
    const rows = await this.prisma.scoped({ tenantId }, async (tx) => {
      const name = await this.ownerName(tx, tenantId, owner, ownerId);
      const current = (await this.repo.gallery(tx, tenantId, owner, ownerId, GALLERY_MAX * 2)).map((m) => m.id);
      const inGallery = new Set(current);
      const foreign = dto.mediaIds.filter((id) => !inGallery.has(id));
      if (foreign.length) {
        throw new EntitiesError('MEDIA_NOT_IN_GALLERY', `Not in this ${owner}'s gallery: ${foreign.join(', ')}.`, [
          { field: 'mediaIds', code: 'invalid', message: `${foreign.length} of the media given are not in this ${owner}'s gallery` },
        ]);
      }
      const chosen = new Set(dto.mediaIds);
      const order = [...dto.mediaIds, ...current.filter((id) => !chosen.has(id))];
      await this.repo.setPositions(tx, tenantId, owner, ownerId, order);
      await this.audit.record(tx, tenantId, { action: `${owner}.media_reordered`, entityType: owner, entityId: ownerId, metadata: { name, mediaIds: order } });
      return this.repo.gallery(tx, tenantId, owner, ownerId, GALLERY_MAX * 2);
    });
    return { items: rows.map((r) => this.media.toDto(r)) };
  }

  /** The owner's name for the audit log; a product or listing of another workspace is not found. */
  private async ownerName(tx: Tx, tenantId: string, owner: MediaOwner, ownerId: string): Promise<string> {
    if (owner === 'product') {
      const product = await this.products.find(tx, tenantId, ownerId);
      if (!product) throw new EntitiesError('PRODUCT_NOT_FOUND', 'No such product.');
      return product.name;
    }
    const property = await this.properties.find(tx, tenantId, ownerId);
    if (!property) throw new EntitiesError('PROPERTY_NOT_FOUND', 'No such property.');
    return property.title;
  }
}
