import { queryOptions } from '@tanstack/react-query';
import { ApiError } from '@/lib/api/client';
import { endpoints } from '@/lib/api/endpoints';
import type { MediaOwnerKind } from './media-owner';

/** A missing (or malformed) id will not appear by asking again. */
const retryUnlessMissing = (failures: number, err: Error) => !(err instanceof ApiError && (err.status === 404 || err.status === 400)) && failures < 2;

export const isMissing = (err: unknown) => err instanceof ApiError && (err.status === 404 || err.status === 400);

export const productQuery = (id: string) =>
  queryOptions({ queryKey: ['products', 'one', id], queryFn: () => endpoints.products.get(id), retry: retryUnlessMissing, staleTime: 60_000 });

export const propertyQuery = (id: string) =>
  queryOptions({ queryKey: ['properties', 'one', id], queryFn: () => endpoints.properties.get(id), retry: retryUnlessMissing, staleTime: 60_000 });

export interface OwnerOption {
  id: string;
  name: string;
  detail: string;
}

/** A few products or properties matching a search, to link an asset to. */
export const ownerSearchQuery = (kind: MediaOwnerKind, q: string) =>
  queryOptions({
    queryKey: [kind === 'product' ? 'products' : 'properties', 'pick', q],
    queryFn: async (): Promise<OwnerOption[]> => {
      const query = { q: q || undefined, limit: 5 };
      if (kind === 'product') return (await endpoints.products.list(query)).items.map((p) => ({ id: p.id, name: p.name, detail: p.sku }));
      return (await endpoints.properties.list(query)).items.map((p) => ({ id: p.id, name: p.title, detail: [p.reference, p.city].filter(Boolean).join(' · ') }));
    },
  });
