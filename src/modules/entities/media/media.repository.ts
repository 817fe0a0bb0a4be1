import { Injectable } from '@nestjs/common';
import { Prisma } from '../../../generated/prisma/client.js';
import type { TimeIdCursor } from '../../../common/http/pagination.js';
import type { Tx } from '../../../infra/prisma/prisma.service.js';
import type { ListMediaQueryDto } from './media.dto.js';
import { escapeLike } from '../../../common/text/sql-text.js';

export const MEDIA_FIELDS = {
  id: true, kind: true, mimeType: true, originalName: true, sizeBytes: true, checksum: true, width: true, height: true,
  dominantColor: true, storageKey: true, variants: true, productId: true, propertyId: true, productPosition: true, propertyPosition: true, createdAt: true,
} satisfies Prisma.MediaAssetSelect;

/** What a media asset can be linked to, and the columns of that link. */
export type MediaOwner = 'product' | 'property';
export const OWNER_COLUMNS = {
  product: { id: 'productId', position: 'productPosition' },
  property: { id: 'propertyId', position: 'propertyPosition' },
} as const satisfies Record<MediaOwner, { id: keyof MediaRow; position: keyof MediaRow }>;

export type MediaRow = Prisma.MediaAssetGetPayload<{ select: typeof MEDIA_FIELDS }>;

@Injectable()
export class MediaRepository {
  find(tx: Tx, tenantId: string, id: string) {
    return tx.mediaAsset.findFirst({ where: { tenantId, id, deletedAt: null }, select: MEDIA_FIELDS });
  }

  list(tx: Tx, tenantId: string, q: ListMediaQueryDto, cursor?: TimeIdCursor) {
    const where: Prisma.MediaAssetWhereInput = {
      tenantId,
      deletedAt: null,
      status: 'ready',
      ...(q.productId && { productId: q.productId }),
      ...(q.propertyId && { propertyId: q.propertyId }),
      ...(q.kind && { kind: q.kind }),
      // Prisma passes `contains` to LIKE as is: wildcards in the search are escaped to stay literal.
      ...(q.q && { originalName: { contains: escapeLike(q.q), mode: 'insensitive' as const } }),
      ...(cursor && { OR: [{ createdAt: { lt: cursor.at } }, { createdAt: cursor.at, id: { lt: cursor.id } }] }),
    };
    return tx.mediaAsset.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: q.limit + 1, select: MEDIA_FIELDS });
  }

  /** The main photo of each product (or property): the first ready image of its gallery, in one query. */
  covers(tx: Tx, tenantId: string, owner: MediaOwner, ids: string[]) {
    const { id } = OWNER_COLUMNS[owner];
    return tx.mediaAsset.findMany({
      where: { tenantId, deletedAt: null, status: 'ready', kind: 'image', [id]: { in: ids } },
      orderBy: [{ [id]: 'asc' }, ...galleryOrder(owner)],
      distinct: [id],
      select: MEDIA_FIELDS,
    });
  }

  /** One owner's gallery in its order (at most `limit`). */
  gallery(tx: Tx, tenantId: string, owner: MediaOwner, ownerId: string, limit: number) {
    return tx.mediaAsset.findMany({
      where: { tenantId, deletedAt: null, status: 'ready', [OWNER_COLUMNS[owner].id]: ownerId },
      orderBy: galleryOrder(owner),
      take: limit,
      select: MEDIA_FIELDS,
    });
  }

  /** How many live media the owner's gallery holds, and the position after its last. */
  async galleryEnd(tx: Tx, tenantId: string, owner: MediaOwner, ownerId: string): Promise<{ count: number; next: number }> {
    const { id, position } = OWNER_COLUMNS[owner];
    const r = await tx.mediaAsset.aggregate({ where: { tenantId, deletedAt: null, [id]: ownerId }, _count: { _all: true }, _max: { [position]: true } });
    const max = (r._max as Record<string, number | null>)[position];
    return { count: r._count._all, next: max === null || max === undefined ? 0 : max + 1 };
  }

  /** Gives the owner's media the positions 0, 1, 2… in the order of `ids`. */
  async setPositions(tx: Tx, tenantId: string, owner: MediaOwner, ownerId: string, ids: string[]): Promise<void> {
    // Column names come from OWNER_COLUMNS, never from input.
    const column = owner === 'product' ? Prisma.raw('product') : Prisma.raw('property');
    await tx.$executeRaw`
      UPDATE entities.media_assets m SET ${column}_position = o.n - 1
        FROM unnest(${ids}::uuid[]) WITH ORDINALITY AS o(id, n)
       WHERE m.id = o.id AND m.tenant_id = ${tenantId}::uuid AND m.${column}_id = ${ownerId}::uuid`;
  }

  create(tx: Tx, data: Prisma.MediaAssetUncheckedCreateInput) {
    return tx.mediaAsset.create({ data, select: MEDIA_FIELDS });
  }

  update(tx: Tx, id: string, data: Prisma.MediaAssetUncheckedUpdateInput) {
    return tx.mediaAsset.update({ where: { id }, data, select: MEDIA_FIELDS });
  }

  async softDelete(tx: Tx, tenantId: string, id: string): Promise<boolean> {
    const { count } = await tx.mediaAsset.updateMany({ where: { tenantId, id, deletedAt: null }, data: { deletedAt: new Date() } });
    return count === 1;
  }
}

/** Gallery order: the chosen positions; links made at the same moment by their time, then id. */
function galleryOrder(owner: MediaOwner): Prisma.MediaAssetOrderByWithRelationInput[] {
  return [{ [OWNER_COLUMNS[owner].position]: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }];
}
