import type { ProductDto } from './product.dto.js';
import type { ProductRow } from './products.repository.js';

/** BigInt minor units leave the API as JSON numbers (input is capped at 2^53−1, so none is ever rounded). */
export const toProductDto = (r: ProductRow): ProductDto => ({
  id: r.id,
  sku: r.sku,
  name: r.name,
  description: r.description,
  priceMinor: r.priceMinor === null ? null : Number(r.priceMinor),
  currency: r.currency,
  attributes: (r.attributes ?? {}) as Record<string, unknown>,
  active: r.active,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});
