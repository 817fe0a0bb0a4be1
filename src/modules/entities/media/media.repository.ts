import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../../generated/prisma/client.js';
import type { TimeIdCursor } from '../../../common/http/pagination.js';
import type { Tx } from '../../../infra/prisma/prisma.service.js';
import type { ListMediaQueryDto } from './media.dto.js';
import { escapeLike } from '../../../common/text/sql-text.js';

export const MEDIA_FIELDS = {
  id: true, kind: true, mimeType: true, originalName: true, sizeBytes: true, checksum: true, width: true, height: true,
  dominantColor: true, storageKey: true, variants: true, productId: true, propertyId: true, createdAt: true,
} satisfies Prisma.MediaAssetSelect;

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

  /** The newest ready image of each product (or property): their covers, in one query. */
  covers(tx: Tx, tenantId: string, owner: 'productId' | 'propertyId', ids: string[]) {
    return tx.mediaAsset.findMany({
      where: { tenantId, deletedAt: null, status: 'ready', kind: 'image', [owner]: { in: ids } },
      orderBy: [{ [owner]: 'asc' }, { createdAt: 'desc' }, { id: 'desc' }],
      distinct: [owner],
      select: MEDIA_FIELDS,
    });
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
