import type { Media, UpdateMediaInput } from '@/lib/api/types';

/** What a media asset can be linked to: one product and one property at most. */
export type MediaOwnerKind = 'product' | 'property';

export interface MediaOwner {
  kind: MediaOwnerKind;
  id: string;
  name: string;
}

export const OWNER_FIELD = { product: 'productId', property: 'propertyId' } as const satisfies Record<MediaOwnerKind, keyof UpdateMediaInput>;

export const OWNER_HREF = { product: '/catalogue/products', property: '/catalogue/properties' } as const satisfies Record<MediaOwnerKind, string>;

type OwnerField = (typeof OWNER_FIELD)[MediaOwnerKind];

/** The media list filter and upload fields (an id), or the PATCH body (an id links, null unlinks), for this owner. */
export function ownerLink<V extends string | null>(kind: MediaOwnerKind, id: V): Partial<Record<OwnerField, V>> {
  return { [OWNER_FIELD[kind]]: id } as Partial<Record<OwnerField, V>>;
}

/** Which product/property the asset is linked to, if any. */
export function linkedId(m: Pick<Media, 'productId' | 'propertyId'>, kind: MediaOwnerKind): string | null {
  return m[OWNER_FIELD[kind]];
}

/** After media change: the library, galleries, and the lists whose covers may have changed. */
export const MEDIA_DEPENDENT_QUERIES = [['media'], ['products', 'list'], ['properties', 'list']] as const;
