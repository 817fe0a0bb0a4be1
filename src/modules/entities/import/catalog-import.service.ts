import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import type { FieldError } from '../../../common/errors/domain-error.js';
import { PrismaService, type Tx } from '../../../infra/prisma/prisma.service.js';
import { AuditLogService } from '../../governance/audit-log.service.js';
import { EntitiesError } from '../entities.errors.js';
import { CreateProductDto, UpdateProductDto } from '../products/product.dto.js';
import { toProductDto } from '../products/product.mapper.js';
import { ProductsRepository } from '../products/products.repository.js';
import { CreatePropertyDto, UpdatePropertyDto } from '../properties/property.dto.js';
import { toPropertyDto } from '../properties/property.mapper.js';
import { propertyErrors } from '../properties/properties.service.js';
import { PropertiesRepository } from '../properties/properties.repository.js';
import { priceErrors } from '../shared/price.js';
import { readCsv } from './csv-table.js';
import type { ImportResultDto, RejectedRowDto } from './import.dto.js';
import { type ColumnSpec, mapColumns, PRODUCT_COLUMNS, PROPERTY_COLUMNS, rowToInput } from './import-columns.js';

/** At most this many rejected rows are listed in the answer (rejectedTotal counts them all). */
const MAX_LISTED_REJECTS = 1000;
const BATCH = 1000;

type Comparable = Record<string, unknown> & { id: string; currency?: string | null; attributes?: unknown };

/** What differs between the two kinds of import: columns, DTOs, rules and storage. */
interface ImportTarget {
  entity: 'product' | 'property';
  key: 'sku' | 'reference';
  columns: ColumnSpec[];
  createDto: new () => object;
  updateDto: new () => object;
  crossErrors(merged: Record<string, unknown>): FieldError[];
  findByKeys(tx: Tx, tenantId: string, keys: string[]): Promise<Comparable[]>;
  purgeDeleted(tx: Tx, tenantId: string, keys: string[]): Promise<unknown>;
  insertMany(tx: Tx, tenantId: string, rows: Record<string, unknown>[]): Promise<unknown>;
  updateMany(tx: Tx, tenantId: string, rows: Record<string, unknown>[]): Promise<unknown>;
}

/**
 * Synchronous CSV import of products and properties (files up to 10 MB): upsert by SKU or
 * reference in one transaction. A row that changes nothing is not written, so re-importing a
 * file is a no-op (counted as unchanged).
 */
@Injectable()
export class CatalogImportService {
  private readonly products: ImportTarget;
  private readonly properties: ImportTarget;

  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditLogService,
    productsRepo: ProductsRepository,
    propertiesRepo: PropertiesRepository,
  ) {
    this.products = {
      entity: 'product',
      key: 'sku',
      columns: PRODUCT_COLUMNS,
      createDto: CreateProductDto,
      updateDto: UpdateProductDto,
      crossErrors: (m) => priceErrors(m.priceMinor as number | null, m.currency as string | null),
      findByKeys: async (tx, t, keys) => (await productsRepo.findBySkus(tx, t, keys)).map(toProductDto) as unknown as Comparable[],
      purgeDeleted: (tx, t, keys) => productsRepo.purgeDeleted(tx, t, keys),
      insertMany: (tx, t, rows) => productsRepo.insertMany(tx, t, rows),
      updateMany: (tx, t, rows) => productsRepo.updateMany(tx, t, rows),
    };
    this.properties = {
      entity: 'property',
      key: 'reference',
      columns: PROPERTY_COLUMNS,
      createDto: CreatePropertyDto,
      updateDto: UpdatePropertyDto,
      crossErrors: (m) => propertyErrors(m),
      findByKeys: async (tx, t, keys) => (await propertiesRepo.findByReferences(tx, t, keys)).map(toPropertyDto) as unknown as Comparable[],
      purgeDeleted: (tx, t, keys) => propertiesRepo.purgeDeleted(tx, t, keys),
      insertMany: (tx, t, rows) => propertiesRepo.insertMany(tx, t, rows),
      updateMany: (tx, t, rows) => propertiesRepo.updateMany(tx, t, rows),
    };
  }

  importProducts(tenantId: string, csv: Buffer): Promise<ImportResultDto> {
    return this.run(tenantId, csv, this.products);
  }

  importProperties(tenantId: string, csv: Buffer): Promise<ImportResultDto> {
    return this.run(tenantId, csv, this.properties);
  }

  private async run(tenantId: string, csv: Buffer, target: ImportTarget): Promise<ImportResultDto> {
    const table = readCsv(csv);
    const map = mapColumns(table.header, target.columns);
    const keyColumn = map.fields.find((f) => f.spec.field === target.key);
    if (!keyColumn) throw new EntitiesError('CSV_MALFORMED', `The header has no "${target.key}" column (found: ${table.header.join(', ')}).`);

    const rejected: RejectedRowDto[] = [];
    const reject = (line: number, reasons: string[]) => rejected.push({ line, reasons });
    const firstLine = new Map<string, number>();
    const rows: { line: number; key: string; values: string[] }[] = [];
    for (const row of table.rows) {
      if (row.values.length !== table.header.length) {
        reject(row.line, [`has ${row.values.length} field(s), the header has ${table.header.length}`]);
        continue;
      }
      const key = (row.values[keyColumn.index] ?? '').trim();
      if (!key) {
        reject(row.line, [`${target.key} is empty`]);
        continue;
      }
      const seen = firstLine.get(key);
      if (seen !== undefined) {
        reject(row.line, [`${target.key} "${key}" already appears on line ${seen}`]);
        continue;
      }
      firstLine.set(key, row.line);
      rows.push({ line: row.line, key, values: row.values });
    }

    const counts = await this.prisma.scoped(
      { tenantId },
      async (tx) => {
        let created = 0;
        let updated = 0;
        let unchanged = 0;
        for (let i = 0; i < rows.length; i += BATCH) {
          const batch = rows.slice(i, i + BATCH);
          const existing = new Map((await target.findByKeys(tx, tenantId, batch.map((r) => r.key))).map((e) => [e[target.key] as string, e]));
          const inserts: Record<string, unknown>[] = [];
          const updates: Record<string, unknown>[] = [];
          for (const row of batch) {
            const current = existing.get(row.key);
            const { input, errors } = rowToInput(row.values, map, current);
            const reasons = errors.map((e) => e.message);
            const dto = await this.validated(current ? target.updateDto : target.createDto, current ? input : withoutNulls(input), reasons);
            if (dto) reasons.push(...target.crossErrors({ ...current, ...dto }).map((e) => e.message));
            if (reasons.length || !dto) {
              reject(row.line, reasons);
              continue;
            }
            if (!current) {
              inserts.push(dto);
              continue;
            }
            const changes = Object.fromEntries(Object.entries(dto).filter(([k, v]) => v !== undefined && !sameValue(v, current[k])));
            if (!Object.keys(changes).length) unchanged++;
            else updates.push({ ...current, ...changes });
          }
          if (updates.length) {
            await target.updateMany(tx, tenantId, updates);
            updated += updates.length;
          }
          if (inserts.length) {
            await target.purgeDeleted(tx, tenantId, inserts.map((r) => r[target.key] as string));
            await target.insertMany(tx, tenantId, inserts);
            created += inserts.length;
          }
        }
        const result = { created, updated, unchanged, rejected: rejected.length };
        await this.audit.record(tx, tenantId, { action: `${target.entity}.imported`, entityType: target.entity, metadata: { ...result, encoding: table.encoding } });
        return result;
      },
      { timeout: 300_000 },
    );

    rejected.sort((a, b) => a.line - b.line);
    return {
      created: counts.created,
      updated: counts.updated,
      unchanged: counts.unchanged,
      rejectedTotal: rejected.length,
      rejected: rejected.slice(0, MAX_LISTED_REJECTS),
      ignoredColumns: map.ignored,
      encoding: table.encoding,
      delimiter: table.delimiter,
    };
  }

  /** The same DTO rules as the JSON API; reasons collect the messages when the row is invalid. */
  private async validated(cls: new () => object, input: Record<string, unknown>, reasons: string[]): Promise<Record<string, unknown> | null> {
    const dto = plainToInstance(cls, input);
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length) {
      reasons.push(...messages(errors));
      return null;
    }
    return Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined));
  }
}

const withoutNulls = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null));
const messages = (errors: ValidationError[]): string[] => errors.flatMap((e) => [...Object.values(e.constraints ?? {}), ...messages(e.children ?? [])]);

/** Compares a new value with a stored one (numbers, strings, null, JSON objects in any key order). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a === 'object' && typeof b === 'object') return stable(a) === stable(b);
  return false;
}

function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}
