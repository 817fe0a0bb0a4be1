import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { encodeCursorParts } from '../src/common/http/pagination.js';
import { createTestApp, register, type Session, type TestApp } from './support/app.js';
import { gradient, uploadMedia } from './support/entities.js';

/**
 * The whole class of "bad input answered with a 500, or not answered at all": every operation
 * of the committed OpenAPI document gets malformed input — garbage and non-object JSON, wrong
 * types and absurd values for each body field (and one level into nested objects), years 10000
 * and -100000, 100,000-character strings and 100,000-item arrays, bad query values and
 * cursors, malformed and unknown ids in the path, wrong content types, no body — as an owner of
 * a tenant with data, then with an API key holding every scope. Any 5xx, any value that only
 * PostgreSQL refused (INVALID_INPUT), or any request not answered within 3 s fails the
 * operation's test, naming the input.
 */

type Schema = { $ref?: string; type?: string; format?: string; enum?: unknown[]; properties?: Record<string, Schema>; items?: Schema; allOf?: Schema[]; oneOf?: Schema[]; anyOf?: Schema[]; maxLength?: number; minimum?: number; maximum?: number; pattern?: string };
type Parameter = { name: string; in: 'path' | 'query' | 'header'; schema?: Schema };
type Operation = { operationId: string; parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } };
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

const DOC = JSON.parse(readFileSync(resolve(process.cwd(), 'web/src/lib/api/openapi.json'), 'utf8')) as Doc;
const OPERATIONS = Object.entries(DOC.paths)
  .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method: method.toUpperCase(), op, label: `${method.toUpperCase()} ${path} (${op.operationId})` })))
  // Session-changing operations last, so the owner's session serves every other operation first.
  .sort((a, b) => Number(a.path.startsWith('/auth/')) - Number(b.path.startsWith('/auth/')));

const TIMEOUT_MS = 3000;
/**
 * A 400 INVALID_INPUT is the problem filter's last resort: PostgreSQL refused a value that
 * validation let through. It is not a 500, but still a bug, so it fails here too.
 */
const DASHES = '-'.repeat(36);
const HUGE_STRING = 'x'.repeat(100_000);
const HUGE_ARRAY = Array.from({ length: 100_000 }, () => 'x');

const WRONG_EVERYWHERE: [string, unknown][] = [
  ['null', null],
  ['an object', { $gt: '' }],
];
const TEXT_VALUES: [string, unknown][] = [
  ['a huge integer', 12345678901234567890],
  ['true', true],
  ['an empty string', ''],
  ['a 100k-character string', HUGE_STRING],
  ['year 10000', '10000-01-01T00:00:00Z'],
  ['year -100000', '-100000-01-01T00:00:00Z'],
  ['36 dashes', DASHES],
  ['a random uuid', randomUUID()],
  ['an array of one string', ['x']],
];
const NUMBER_VALUES: [string, unknown][] = [
  ['a string', 'x'],
  ['a huge integer', 12345678901234567890],
  ['1e308', 1e308],
  ['-1e308', -1e308],
  ['1.5', 1.5],
  ['-1', -1],
  ['year 10000', '10000-01-01T00:00:00Z'],
];
const ARRAY_VALUES: [string, unknown][] = [
  ['a string', 'x'],
  ['a 100k-item array', HUGE_ARRAY],
  ['an array of null', [null]],
  ['an array of objects', [{ $gt: '' }]],
  ['an array of a 100k-character string', [HUGE_STRING]],
  ['an array of dates in year 10000', ['10000-01-01T00:00:00Z']],
];
const OBJECT_VALUES: [string, unknown][] = [
  ['a string', 'x'],
  ['an array', []],
  ['1e308', 1e308],
  ['an object of 10k keys', Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i]))],
];

/**
 * Wrong values for a field, by what the document says it is (the document types some nullable
 * text and numbers as objects, so their bounds decide): sizes where they matter, every wrong
 * type once.
 */
function badValues(schema: Schema & { maxLength?: number; minimum?: number; maximum?: number; pattern?: string }): [string, unknown][] {
  const kind =
    schema.type === 'array'
      ? 'array'
      : schema.type === 'integer' || schema.type === 'number' || schema.minimum !== undefined || schema.maximum !== undefined
        ? 'number'
        : schema.type === 'boolean'
          ? 'boolean'
          : schema.type === 'string' || schema.maxLength !== undefined || schema.pattern !== undefined || schema.format || schema.enum
            ? 'text'
            : 'any';
  const byKind: Record<string, [string, unknown][]> = {
    array: ARRAY_VALUES,
    number: NUMBER_VALUES,
    boolean: [['a string', 'x'], ['1', 1]],
    text: TEXT_VALUES,
    any: [...TEXT_VALUES.filter(([n]) => n !== 'a 100k-character string'), ...OBJECT_VALUES],
  };
  return [...WRONG_EVERYWHERE, ...byKind[kind]!];
}

/** Fewer for nested fields, which multiply (the 100k-item arrays are the top-level array fields' own). */
const BAD_NESTED: [string, unknown][] = [
  ['a huge integer', 12345678901234567890],
  ['1e308', 1e308],
  ['a 100k-character string', HUGE_STRING],
  ['null', null],
  ['an object', { $gt: '' }],
  ['an array', ['x']],
  ['year 10000', '10000-01-01T00:00:00Z'],
  ['year -100000', '-100000-01-01T00:00:00Z'],
  ['36 dashes', DASHES],
];

/** Segment rules and scoring conditions that are well-formed JSON but absurd in their values. */
const cond = (c: object) => ({ op: 'and', conditions: [c] });
const ABSURD_CONDITIONS: [string, object][] = [
  ['createdAt after year 10000', { type: 'field', field: 'createdAt', operator: 'after', value: '10000-01-01' }],
  ['createdAt before year -100000', { type: 'field', field: 'createdAt', operator: 'before', value: '-100000-01-01T00:00:00Z' }],
  ['createdAt between years 1 and 10000', { type: 'field', field: 'createdAt', operator: 'between', value: ['0001-01-01', '10000-01-01'] }],
  ['createdAt within 1e308 days', { type: 'field', field: 'createdAt', operator: 'withinLastDays', value: 1e308 }],
  ['createdAt more than 99999999999 days ago', { type: 'field', field: 'createdAt', operator: 'moreThanDaysAgo', value: 99999999999 }],
  ['score above 1e308', { type: 'field', field: 'score', operator: 'gt', value: 1e308 }],
  ['score between ±1e308', { type: 'field', field: 'score', operator: 'between', value: [-1e308, 1e308] }],
  ['ownerId of dashes', { type: 'field', field: 'ownerId', operator: 'eq', value: DASHES }],
  ['custom date after year 10000', { type: 'customField', key: 'fz_date', valueType: 'date', operator: 'after', value: '10000-01-01' }],
  ['custom number above 1e308', { type: 'customField', key: 'fz_number', valueType: 'number', operator: 'gt', value: 1e308 }],
  ['event counted 1e9 times in 1e9 days', { type: 'event', eventType: 'page.viewed', operator: 'atLeast', count: 1e9, withinDays: 1e9 }],
  ['a 100k-character text value', { type: 'field', field: 'company', operator: 'contains', value: HUGE_STRING }],
  ['100k values in a list', { type: 'field', field: 'company', operator: 'in', value: HUGE_ARRAY }],
];
const deepRules = (depth: number): object => (depth ? { op: 'and', conditions: [deepRules(depth - 1)] } : { type: 'field', field: 'company', operator: 'eq', value: 'x' });
const ABSURD_RULES: [string, unknown][] = [
  ...ABSURD_CONDITIONS.map(([name, c]): [string, unknown] => [name, cond(c)]),
  ['rules nested 1,000 deep', deepRules(1000)],
  ['100k conditions', { op: 'and', conditions: Array.from({ length: 100_000 }, () => ({ type: 'field', field: 'company', operator: 'eq', value: 'x' })) }],
];

let seq = 0;
const uniq = (tag: string) => `${tag}-${process.pid}-${++seq}`;

interface Fixture {
  owner: Session;
  apiKey: string;
  ids: Record<string, string>;
  leadEmail: string;
}

/** A valid body per operation: each case replaces one field of it, so that field is the only thing wrong. */
function baseBody(operationId: string, f: Fixture): Record<string, unknown> {
  const rules = cond({ type: 'field', field: 'company', operator: 'eq', value: 'Fuzz Co' });
  const bodies: Record<string, () => Record<string, unknown>> = {
    register: () => ({ email: `${uniq('fz')}@example.test`, password: 'long enough pw', name: 'Fuzz', tenantName: 'Fuzz' }),
    login: () => ({ email: 'nobody.fuzz@example.test', password: 'long enough pw' }),
    refresh: () => ({ refreshToken: 'not-a-token' }),
    logout: () => ({ refreshToken: 'not-a-token' }),
    switchTenant: () => ({ tenantId: f.owner.tenant.id }),
    forgotPassword: () => ({ email: 'nobody.fuzz@example.test' }),
    resetPassword: () => ({ token: 'not-a-token', password: 'long enough pw' }),
    acceptInvitation: () => ({ token: 'not-a-token', name: 'Fuzz', password: 'long enough pw' }),
    changeMemberRole: () => ({ role: 'viewer' }),
    inviteMember: () => ({ email: `${uniq('inv')}@example.test`, role: 'viewer' }),
    createApiKey: () => ({ name: 'fuzz', scopes: ['leads:read'] }),
    startLeadImport: () => ({ mapping: [{ column: 0, field: 'email' }] }),
    createLead: () => ({ email: `${uniq('lead')}@example.test` }),
    updateLead: () => ({ firstName: 'Fuzz' }),
    bulkLeads: () => ({ ids: [f.ids.lead], action: 'addTags', tags: ['fuzz'] }),
    mergeLeads: () => ({ sourceIds: [randomUUID()] }),
    addLeadNote: () => ({ body: 'fuzz' }),
    createCustomField: () => ({ key: uniq('fz').replaceAll('-', '_'), label: 'Fuzz', type: 'text' }),
    updateCustomField: () => ({ label: 'Fuzz' }),
    ingestEvents: () => ({ events: [{ type: 'page.viewed', lead: { email: f.leadEmail }, occurredAt: new Date().toISOString() }] }),
    previewSegment: () => ({ rules }),
    createSegment: () => ({ name: uniq('segment'), rules }),
    updateSegment: () => ({ name: uniq('segment') }),
    snapshotSegment: () => ({ purpose: 'fuzz' }),
    createScoringRule: () => ({ name: uniq('rule'), kind: 'attribute', condition: { type: 'field', field: 'company', operator: 'eq', value: 'Fuzz Co' }, points: 5 }),
    updateScoringRule: () => ({ points: 5 }),
    createProduct: () => ({ sku: uniq('SKU'), name: 'Fuzz' }),
    updateProduct: () => ({ name: 'Fuzz' }),
    createProperty: () => ({ reference: uniq('REF'), title: 'Fuzz', propertyType: 'apartment' }),
    updateProperty: () => ({ title: 'Fuzz' }),
    updateMedia: () => ({ productId: null }),
  };
  return bodies[operationId]?.() ?? {};
}

function deref(schema: Schema | undefined): Schema | undefined {
  if (!schema) return undefined;
  if (schema.$ref) return deref(DOC.components.schemas[schema.$ref.split('/').pop()!]);
  const inner = schema.allOf?.[0] ?? schema.oneOf?.find((s) => s.$ref || s.properties) ?? schema.anyOf?.find((s) => s.$ref || s.properties);
  return inner ? deref(inner) : schema;
}

/** A real id for a path parameter, by the path it is in (undefined: none, a random uuid is used). */
function realId(path: string, param: string, f: Fixture): string | undefined {
  if (param === 'snapshotId') return f.ids.snapshot;
  if (param === 'userId') return f.owner.user.id;
  if (param === 'tenantId') return f.owner.tenant.id;
  if (param === 'assetId') return f.ids.media;
  const prefixes: [string, string][] = [
    ['/leads/imports/', 'import'],
    ['/leads/', 'lead'],
    ['/segments/', 'segment'],
    ['/custom-fields/', 'customField'],
    ['/scoring-rules/', 'scoringRule'],
    ['/products/', 'product'],
    ['/properties/', 'property'],
    ['/media/', 'media'],
    ['/jobs/', 'job'],
    ['/api-keys/', 'apiKey'],
  ];
  return f.ids[prefixes.find(([p]) => path.startsWith(p))?.[1] ?? ''];
}

interface Case {
  input: string;
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

function queryValues(p: Parameter): [string, string][] {
  const s = deref(p.schema) ?? {};
  const values: [string, string][] = [
    ['a 5k-character string', 'x'.repeat(5000)],
    ['a NUL character', '\u0000'],
    ['year 10000', '10000-01-01'],
    ['year -100000', '-100000-01-01T00:00:00Z'],
    ['36 dashes', DASHES],
  ];
  if (s.type === 'integer' || s.type === 'number') values.push(['a huge integer', '99999999999999999999'], ['1e308', '1e308'], ['-1', '-1'], ['1.5', '1.5'], ['abc', 'abc']);
  if (s.enum || s.type === 'boolean') values.push(['an unknown value', 'nope']);
  if (p.name === 'cursor' || p.name === 'before') {
    values.push(
      ['a cursor in year 10000', encodeCursorParts(['+010000-01-01T00:00:00.000Z', randomUUID()])],
      ['a cursor of dashes', encodeCursorParts(['2026-01-01T00:00:00.000Z', DASHES])],
      ['a sort/score cursor with a huge score', encodeCursorParts(['score', 1e308, randomUUID()])],
      ['a timeline cursor with a huge rank', encodeCursorParts(['2026-01-01T00:00:00.000Z', 1e308, randomUUID()])],
      ['base64 garbage', Buffer.from('\u0000\u0001garbage').toString('base64url')],
    );
  }
  return values;
}

function casesFor(o: (typeof OPERATIONS)[number], f: Fixture): Case[] {
  const params = o.op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const fill = (overrides: Record<string, string> = {}, allowReal = true) =>
    o.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(overrides[name] ?? (allowReal ? realId(o.path, name, f) : undefined) ?? randomUUID()));
  // Never with a real id: a delete would destroy the data the other cases need.
  const base = fill({}, o.method !== 'DELETE');
  const cases: Case[] = [];

  for (const p of pathParams) {
    for (const [input, value] of [['not-a-uuid', 'not-a-uuid'], ['36 dashes', DASHES], ['a random uuid', randomUUID()], ['a NUL character', '\u0000']]) {
      cases.push({ input: `path ${p.name} = ${input}`, url: fill({ [p.name]: value }, o.method !== 'DELETE') });
    }
  }
  for (const p of params.filter((x) => x.in === 'query')) {
    for (const [input, value] of queryValues(p)) cases.push({ input: `query ${p.name} = ${input}`, url: `${base}?${p.name}=${encodeURIComponent(value)}` });
    cases.push({ input: `query ${p.name} given twice`, url: `${base}?${p.name}=1&${p.name}=2` });
  }

  const content = o.op.requestBody?.content ?? {};
  const json = content['application/json'];
  if (json) {
    const schema = deref(json.schema) ?? {};
    const body = (b: unknown) => JSON.stringify(b);
    const jsonCase = (input: string, raw: string): Case => ({ input, url: base, headers: { 'content-type': 'application/json' }, body: raw });
    cases.push(
      jsonCase('garbage JSON', '{"a":'),
      jsonCase('a JSON array', '[]'),
      jsonCase('a JSON string', '"x"'),
      jsonCase('a JSON number', '42'),
      jsonCase('JSON null', 'null'),
      jsonCase('an unknown field', body({ ...baseBody(o.op.operationId, f), notAField: 1 })),
      { input: 'text/plain', url: base, headers: { 'content-type': 'text/plain' }, body: body(baseBody(o.op.operationId, f)) },
      { input: 'text/csv', url: base, headers: { 'content-type': 'text/csv' }, body: 'a,b\n1,2\n' },
      { input: 'no body', url: base },
    );
    for (const [field, fieldSchema] of Object.entries(schema.properties ?? {})) {
      for (const [input, value] of badValues(fieldSchema)) cases.push(jsonCase(`body ${field} = ${input}`, body({ ...baseBody(o.op.operationId, f), [field]: value })));
      const inner = deref(fieldSchema.type === 'array' ? fieldSchema.items : fieldSchema);
      const frame = baseBody(o.op.operationId, f)[field];
      const innerBase = (Array.isArray(frame) ? frame[0] : frame) as Record<string, unknown> | undefined;
      for (const sub of Object.keys(inner?.properties ?? {})) {
        for (const [input, value] of BAD_NESTED) {
          const item = { ...(innerBase ?? {}), [sub]: value };
          cases.push(jsonCase(`body ${field}.${sub} = ${input}`, body({ ...baseBody(o.op.operationId, f), [field]: fieldSchema.type === 'array' ? [item] : item })));
        }
      }
    }
    if (schema.properties?.rules) for (const [input, rules] of ABSURD_RULES) cases.push(jsonCase(`body rules: ${input}`, body({ ...baseBody(o.op.operationId, f), rules })));
    if (schema.properties?.condition) for (const [input, c] of ABSURD_CONDITIONS) cases.push(jsonCase(`body condition: ${input}`, body({ ...baseBody(o.op.operationId, f), condition: c })));
    if (schema.properties?.customFields) {
      for (const key of ['fz_date', 'fz_number', 'fz_select', 'fz_bool', 'fz_text']) {
        for (const [input, value] of BAD_NESTED) cases.push(jsonCase(`body customFields.${key} = ${input}`, body({ ...baseBody(o.op.operationId, f), customFields: { [key]: value } })));
      }
    }
  } else if (Object.keys(content).length) {
    // Raw-body routes (CSV, multipart).
    cases.push(
      { input: 'a JSON body', url: base, headers: { 'content-type': 'application/json' }, body: '{"sku":"x"}' },
      { input: 'text/plain', url: base, headers: { 'content-type': 'text/plain' }, body: 'a,b\n' },
      { input: 'no body', url: base },
      { input: 'a body without a content type', url: base, body: new TextEncoder().encode('a,b\n1,2\n') },
      { input: 'an empty CSV', url: base, headers: { 'content-type': 'text/csv' }, body: '' },
      { input: 'a CSV of one 100k-character cell', url: base, headers: { 'content-type': 'text/csv' }, body: `sku,name,email\n${HUGE_STRING},x,x\n` },
      { input: 'binary garbage as CSV', url: base, headers: { 'content-type': 'text/csv' }, body: new Uint8Array([0, 159, 146, 150, 0, 255, 10, 13]) },
      { input: 'multipart without a boundary', url: base, headers: { 'content-type': 'multipart/form-data' }, body: 'x' },
      { input: 'a truncated multipart body', url: base, headers: { 'content-type': 'multipart/form-data; boundary=zz' }, body: '--zz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n\u0089PNG' },
    );
  } else if (o.method !== 'GET') {
    cases.push({ input: 'an unexpected JSON body', url: base, headers: { 'content-type': 'application/json' }, body: '{"a":1}' }, { input: 'garbage JSON', url: base, headers: { 'content-type': 'application/json' }, body: '{"a":' });
  }
  return cases;
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]!);
      }
    }),
  );
  return results;
}

describe('fuzz: malformed input to every operation of the OpenAPI document', () => {
  let app: TestApp;
  let f: Fixture;
  let ip = 0;

  beforeAll(async () => {
    app = await createTestApp();
    const owner = await register(app, 'Fuzz Co', 'fuzz');
    const token = owner.accessToken;
    const post = async (path: string, body: unknown) => {
      const res = await app.request('POST', path, { token, body });
      if (res.status >= 300) throw new Error(`fixture ${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const scopes = (await app.request('GET', '/api-keys/scopes', { token })).body;
    const apiKey = await post('/api-keys', { name: 'every scope', scopes: scopes.items.map((s: { scope: string }) => s.scope) });
    for (const [key, type] of [['fz_date', 'date'], ['fz_number', 'number'], ['fz_bool', 'boolean'], ['fz_text', 'text']] as const) await post('/custom-fields', { key, label: key, type });
    const customField = await post('/custom-fields', { key: 'fz_select', label: 'fz_select', type: 'select', options: ['a', 'b'] });
    const leadEmail = `${uniq('lead')}@example.test`;
    const lead = await post('/leads', { email: leadEmail, company: 'Fuzz Co', customFields: { fz_date: '2026-01-01', fz_number: 3, fz_select: 'a' } });
    await post('/leads', { email: `${uniq('lead')}@example.test`, company: 'Fuzz Co', phone: '+33612345678' });
    await post(`/leads/${lead.id}/notes`, { body: 'a note' });
    const segment = await post('/segments', { name: 'Fuzz segment', rules: cond({ type: 'field', field: 'company', operator: 'eq', value: 'Fuzz Co' }) });
    const snapshot = await post(`/segments/${segment.id}/snapshots`, { purpose: 'fuzz' });
    const rule = await post('/scoring-rules', { name: 'Fuzz rule', kind: 'attribute', condition: { type: 'field', field: 'company', operator: 'eq', value: 'Fuzz Co' }, points: 5 });
    const product = await post('/products', { sku: 'FUZZ-1', name: 'Fuzz product' });
    const property = await post('/properties', { reference: 'FUZZ-REF', title: 'Fuzz property', propertyType: 'apartment' });
    const media = await uploadMedia(app, { token }, await gradient(16, 16).png().toBuffer(), 'fuzz.png');
    const upload = await fetch(`${app.url}/leads/imports?fileName=fuzz.csv`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body: 'email,company\nimport@example.test,Fuzz Co\n' });
    const imp = (await upload.json()) as { id: string };
    f = {
      owner,
      apiKey: apiKey.key,
      leadEmail,
      ids: {
        lead: lead.id,
        segment: segment.id,
        snapshot: snapshot.id,
        customField: customField.id,
        scoringRule: rule.id,
        product: product.id,
        property: property.id,
        media: media.body.id,
        import: imp.id,
        job: snapshot.jobId,
        apiKey: apiKey.id,
      },
    };
  });
  afterAll(async () => {
    await app.close();
  });

  async function send(c: Case, o: (typeof OPERATIONS)[number], auth: 'owner' | 'apiKey'): Promise<string | undefined> {
    const method = o.method;
    const headers: Record<string, string> = { ...c.headers, 'x-forwarded-for': `10.9.${Math.floor(++ip / 250) % 250}.${ip % 250}` };
    if (auth === 'owner') headers.authorization = `Bearer ${f.owner.accessToken}`;
    else headers['x-api-key'] = f.apiKey;
    try {
      const res = await fetch(`${app.url}${c.url}`, { method, headers, body: c.body, signal: AbortSignal.timeout(TIMEOUT_MS) });
      const text = await res.text();
      let code = '';
      try {
        code = JSON.parse(text).code;
      } catch {
        code = text.slice(0, 80);
      }
      if (res.status >= 500) return `${c.input}: ${res.status} ${code}`;
      if (code === 'INVALID_INPUT') return `${c.input}: ${res.status} ${code} (reached PostgreSQL unvalidated)`;
      return undefined;
    } catch (err) {
      return `${c.input}: no answer within ${TIMEOUT_MS} ms (${(err as Error).name})`;
    }
  }

  describe.each(['owner', 'apiKey'] as const)('as %s', (auth) => {
    it.each(OPERATIONS)('$label', async (o) => {
      const cases = casesFor(o, f);
      const failures = (await mapLimit(cases, 4, (c) => send(c, o, auth))).filter(Boolean);
      expect(failures).toEqual([]);
    });
  });
});
