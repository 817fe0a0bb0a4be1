import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { PrismaService } from '../src/infra/prisma/prisma.service.js';
import { testConfig } from './support/app.js';
import { ownerClient } from './support/db.js';

/**
 * The committed SQL migrations are the database's source of truth; the Prisma schema must
 * describe the same tables. This suite runs against a database migrated from empty by
 * `node dist/main.js migrate` (the integration globalSetup) and fails on any disagreement:
 * a model or field without its table or column, a column Prisma doesn't know, a different type
 * or nullability.
 */

interface RuntimeField {
  name: string;
  kind: 'scalar' | 'enum' | 'object';
  type: string;
  dbName?: string;
}
interface RuntimeModel {
  dbName: string;
  schema: string;
  fields: RuntimeField[];
}

/** `?` and `[]` markers per model field, read from prisma/schema/*.prisma. */
function fieldMarkers(): Map<string, { optional: boolean; list: boolean }> {
  const dir = join(process.cwd(), 'prisma/schema');
  const markers = new Map<string, { optional: boolean; list: boolean }>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.prisma'))) {
    let model: string | undefined;
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      const open = line.match(/^model (\w+) \{/);
      if (open) model = open[1];
      else if (line.startsWith('}')) model = undefined;
      else if (model) {
        const f = line.match(/^\s+(\w+)\s+(\w+)(\[\])?(\?)?/);
        if (f && !f[1]!.startsWith('@')) markers.set(`${model}.${f[1]}`, { list: Boolean(f[3]), optional: Boolean(f[4]) });
      }
    }
  }
  return markers;
}

/** Prisma enum name → the PostgreSQL type it maps to (its @@map, else its own name). */
function enumTypeNames(): Map<string, string> {
  const dir = join(process.cwd(), 'prisma/schema');
  const names = new Map<string, string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.prisma'))) {
    for (const [, name, body] of readFileSync(join(dir, file), 'utf8').matchAll(/^enum (\w+) \{([^}]*)\}/gm)) {
      names.set(name!, body!.match(/@@map\("([^"]+)"\)/)?.[1] ?? name!);
    }
  }
  return names;
}

const COMPATIBLE: Record<string, string[]> = {
  String: ['text', 'uuid', 'character', 'character varying', 'citext'],
  Int: ['integer'],
  BigInt: ['bigint'],
  Float: ['double precision'],
  Decimal: ['numeric'],
  Boolean: ['boolean'],
  DateTime: ['timestamp with time zone', 'date'],
  Json: ['jsonb'],
};

describe('Prisma schema vs migrated database', () => {
  let owner: pg.Client;
  let models: Record<string, RuntimeModel>;
  let columns: Map<string, { data_type: string; udt_name: string; is_nullable: string }>;
  const enumDbNames = enumTypeNames();
  const markers = fieldMarkers();

  beforeAll(async () => {
    owner = await ownerClient();
    const prisma = new PrismaService(testConfig());
    models = (prisma as unknown as { _runtimeDataModel: { models: Record<string, RuntimeModel> } })._runtimeDataModel.models;
    await prisma.$disconnect();
    const res = await owner.query(`
      SELECT c.table_schema, c.table_name, c.column_name, c.data_type, c.udt_name, c.is_nullable
        FROM information_schema.columns c
        JOIN pg_class k ON k.relname = c.table_name
        JOIN pg_namespace n ON n.oid = k.relnamespace AND n.nspname = c.table_schema
       WHERE c.table_schema IN ('tenancy','auth','crm','entities','campaigns','channels','conversations','analytics','governance')
         AND k.relkind IN ('r','p') AND NOT k.relispartition`);
    columns = new Map(res.rows.map((r) => [`${r.table_schema}.${r.table_name}.${r.column_name}`, r]));
  });
  afterAll(() => owner.end());

  it('knows every model of the seed and the platform', () => {
    expect(Object.keys(models).length).toBeGreaterThanOrEqual(26);
  });

  it('has a column of a compatible type and the same nullability for every model field', () => {
    const problems: string[] = [];
    for (const [modelName, model] of Object.entries(models)) {
      for (const field of model.fields.filter((f) => f.kind !== 'object')) {
        const key = `${model.schema}.${model.dbName}.${field.dbName ?? field.name}`;
        const column = columns.get(key);
        const marker = markers.get(`${modelName}.${field.name}`);
        if (!column) {
          problems.push(`${modelName}.${field.name}: no column ${key}`);
          continue;
        }
        if (!marker) {
          problems.push(`${modelName}.${field.name}: not found in prisma/schema`);
          continue;
        }
        if (marker.list !== (column.data_type === 'ARRAY')) problems.push(`${key}: list in Prisma=${marker.list}, column type ${column.data_type}`);
        const base = marker.list ? column.udt_name.replace(/^_/, '') : column.data_type;
        const ok =
          field.kind === 'enum'
            ? column.data_type === 'USER-DEFINED' && column.udt_name === enumDbNames.get(field.type)
            : marker.list
              ? ({ String: ['text', 'uuid'], Int: ['int4'] } as Record<string, string[]>)[field.type]?.includes(base)
              : COMPATIBLE[field.type]?.includes(base);
        if (!ok) problems.push(`${key}: Prisma ${field.type} vs column ${column.data_type} (${column.udt_name})`);
        if (!marker.list && marker.optional !== (column.is_nullable === 'YES')) {
          problems.push(`${key}: optional in Prisma=${marker.optional}, nullable in database=${column.is_nullable}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('has a model field for every column of every table', () => {
    const known = new Set<string>();
    for (const model of Object.values(models)) {
      for (const f of model.fields.filter((x) => x.kind !== 'object')) known.add(`${model.schema}.${model.dbName}.${f.dbName ?? f.name}`);
    }
    const unknown = [...columns.keys()].filter((k) => !known.has(k));
    expect(unknown).toEqual([]);
  });
});
