import { Injectable } from '@nestjs/common';
import { Prisma } from '../../../generated/prisma/client.js';
import type { TimeIdCursor } from '../../../common/http/pagination.js';
import type { Tx } from '../../../infra/prisma/prisma.service.js';
import { escapeLike } from '../../../common/text/sql-text.js';
import type { ListPropertiesQueryDto } from './property.dto.js';

export const PROPERTY_FIELDS = {
  id: true, reference: true, title: true, description: true, propertyType: true, transactionType: true, status: true,
  addressLine: true, postalCode: true, city: true, country: true, latitude: true, longitude: true, surfaceM2: true,
  rooms: true, bedrooms: true, energyRating: true, priceMinor: true, currency: true, attributes: true, createdAt: true, updatedAt: true,
} satisfies Prisma.PropertySelect;

export type PropertyRow = Prisma.PropertyGetPayload<{ select: typeof PROPERTY_FIELDS }>;

@Injectable()
export class PropertiesRepository {
  find(tx: Tx, tenantId: string, id: string) {
    return tx.property.findFirst({ where: { tenantId, id, deletedAt: null }, select: PROPERTY_FIELDS });
  }

  findByReferences(tx: Tx, tenantId: string, references: string[]) {
    return tx.property.findMany({ where: { tenantId, reference: { in: references }, deletedAt: null }, select: PROPERTY_FIELDS });
  }

  list(tx: Tx, tenantId: string, f: ListPropertiesQueryDto, cursor?: TimeIdCursor): Promise<PropertyRow[]> {
    const where: Prisma.Sql[] = [Prisma.sql`tenant_id = ${tenantId}::uuid`, Prisma.sql`deleted_at IS NULL`];
    if (f.q) {
      const like = `%${escapeLike(f.q)}%`;
      where.push(Prisma.sql`(title ILIKE ${like} ESCAPE '\\' OR reference ILIKE ${like} ESCAPE '\\' OR city ILIKE ${like} ESCAPE '\\')`);
    }
    if (f.city) where.push(Prisma.sql`lower(city) = lower(${f.city})`);
    if (f.status) where.push(Prisma.sql`status::text = ${f.status}`);
    if (f.propertyType) where.push(Prisma.sql`property_type::text = ${f.propertyType}`);
    if (f.transactionType) where.push(Prisma.sql`transaction_type = ${f.transactionType}`);
    if (f.priceMin !== undefined) where.push(Prisma.sql`price_minor >= ${BigInt(f.priceMin)}`);
    if (f.priceMax !== undefined) where.push(Prisma.sql`price_minor <= ${BigInt(f.priceMax)}`);
    if (f.surfaceMin !== undefined) where.push(Prisma.sql`surface_m2 >= ${f.surfaceMin}`);
    if (f.surfaceMax !== undefined) where.push(Prisma.sql`surface_m2 <= ${f.surfaceMax}`);
    if (f.roomsMin !== undefined) where.push(Prisma.sql`rooms >= ${f.roomsMin}`);
    if (cursor) where.push(Prisma.sql`(created_at, id) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`);
    return tx.$queryRaw<PropertyRow[]>`
      SELECT id, reference, title, description, property_type::text AS "propertyType", transaction_type AS "transactionType", status::text AS status,
             address_line AS "addressLine", postal_code AS "postalCode", city, country, latitude, longitude, surface_m2 AS "surfaceM2",
             rooms, bedrooms, energy_rating::text AS "energyRating", price_minor AS "priceMinor", currency, attributes, created_at AS "createdAt", updated_at AS "updatedAt"
      FROM entities.properties WHERE ${Prisma.join(where, ' AND ')}
      ORDER BY created_at DESC, id DESC LIMIT ${f.limit + 1}`;
  }

  create(tx: Tx, data: Prisma.PropertyUncheckedCreateInput) {
    return tx.property.create({ data, select: PROPERTY_FIELDS });
  }

  /** Bulk insert for imports (see ProductsRepository.insertMany). */
  insertMany(tx: Tx, tenantId: string, rows: Record<string, unknown>[]) {
    const json = JSON.stringify(rows.map((r) => ({ ...r, tenantId: undefined })));
    return tx.$executeRaw`
      INSERT INTO entities.properties (tenant_id, reference, title, description, property_type, transaction_type, status, address_line, postal_code,
                                       city, country, latitude, longitude, surface_m2, rooms, bedrooms, energy_rating, price_minor, currency, attributes)
      SELECT ${tenantId}::uuid, x."reference", x."title", x."description", x."propertyType"::entities."PropertyType", COALESCE(x."transactionType", 'sale'),
             COALESCE(x."status", 'draft')::entities."PropertyStatus", x."addressLine", x."postalCode", x."city", x."country", x."latitude", x."longitude",
             x."surfaceM2", x."rooms", x."bedrooms", x."energyRating"::entities."EnergyRating", x."priceMinor", x."currency", COALESCE(x."attributes", '{}'::jsonb)
      FROM jsonb_to_recordset(${json}::jsonb) AS x("reference" text, "title" text, "description" text, "propertyType" text, "transactionType" text,
           "status" text, "addressLine" text, "postalCode" text, "city" text, "country" text, "latitude" float8, "longitude" float8,
           "surfaceM2" numeric, "rooms" int, "bedrooms" int, "energyRating" text, "priceMinor" bigint, "currency" text, "attributes" jsonb)`;
  }

  /** Bulk update for imports (see ProductsRepository.updateMany). */
  updateMany(tx: Tx, tenantId: string, rows: Record<string, unknown>[]) {
    return tx.$executeRaw`
      UPDATE entities.properties p SET reference = x."reference", title = x."title", description = x."description", property_type = x."propertyType"::entities."PropertyType",
             transaction_type = x."transactionType", status = x."status"::entities."PropertyStatus", address_line = x."addressLine", postal_code = x."postalCode",
             city = x."city", country = x."country", latitude = x."latitude", longitude = x."longitude", surface_m2 = x."surfaceM2", rooms = x."rooms",
             bedrooms = x."bedrooms", energy_rating = x."energyRating"::entities."EnergyRating", price_minor = x."priceMinor", currency = x."currency", attributes = COALESCE(x."attributes", '{}'::jsonb), updated_at = now()
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x("id" uuid, "reference" text, "title" text, "description" text, "propertyType" text,
           "transactionType" text, "status" text, "addressLine" text, "postalCode" text, "city" text, "country" text, "latitude" float8, "longitude" float8,
           "surfaceM2" numeric, "rooms" int, "bedrooms" int, "energyRating" text, "priceMinor" bigint, "currency" text, "attributes" jsonb)
      WHERE p.id = x."id" AND p.tenant_id = ${tenantId}::uuid AND p.deleted_at IS NULL`;
  }

  update(tx: Tx, id: string, data: Prisma.PropertyUncheckedUpdateInput) {
    return tx.property.update({ where: { id }, data, select: PROPERTY_FIELDS });
  }

  /** The deleted listing's title and reference, or null when there was no live listing. */
  async softDelete(tx: Tx, tenantId: string, id: string): Promise<{ title: string; reference: string } | null> {
    const [row] = await tx.property.updateManyAndReturn({ where: { tenantId, id, deletedAt: null }, data: { deletedAt: new Date() }, select: { title: true, reference: true } });
    return row ?? null;
  }

  /** As for products: a deleted listing's reference is free again. */
  purgeDeleted(tx: Tx, tenantId: string, references: string[]) {
    return tx.property.deleteMany({ where: { tenantId, reference: { in: references }, deletedAt: { not: null } } });
  }
}
