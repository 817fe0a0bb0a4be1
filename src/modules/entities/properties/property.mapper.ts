import type { EnergyRatingValue, PropertyDto, PropertyStatusValue, PropertyTypeValue } from './property.dto.js';
import type { PropertyRow } from './properties.repository.js';

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export const toPropertyDto = (r: PropertyRow): PropertyDto => ({
  id: r.id,
  reference: r.reference,
  title: r.title,
  description: r.description,
  propertyType: r.propertyType as PropertyTypeValue,
  transactionType: r.transactionType,
  status: r.status as PropertyStatusValue,
  addressLine: r.addressLine,
  postalCode: r.postalCode,
  city: r.city,
  country: r.country,
  latitude: r.latitude,
  longitude: r.longitude,
  surfaceM2: num(r.surfaceM2),
  rooms: r.rooms,
  bedrooms: r.bedrooms,
  energyRating: (r.energyRating ?? null) as EnergyRatingValue | null,
  priceMinor: num(r.priceMinor),
  currency: r.currency,
  attributes: (r.attributes ?? {}) as Record<string, unknown>,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});
