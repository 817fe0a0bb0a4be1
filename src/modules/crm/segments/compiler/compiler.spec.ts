import {
  SegmentRuleError,
  compileSegment,
  countSql,
  parseSegmentRules,
  sampleSql,
  type SegmentRuleIssue,
  type SegmentRules,
} from './index.js';

const TENANT = '0191f0a0-0000-7000-8000-000000000001';
const NOW = new Date('2026-06-15T12:00:00.000Z');
const CUSTOM = { plan: 'select', seats: 'number', renewal: 'date', vip: 'boolean', industry: 'text' } as const;

const compile = (rules: unknown, customFields: Record<string, 'text' | 'number' | 'date' | 'boolean' | 'select'> = CUSTOM) =>
  compileSegment(rules as SegmentRules, { tenantId: TENANT, now: NOW, customFields });

const one = (cond: unknown) => compile({ op: 'and', conditions: [cond] });
const body = (where: string) => where.replace(/^l\.tenant_id = \$1 AND l\.deleted_at IS NULL AND \((.*)\)$/s, '$1');

function issues(input: unknown, customFields?: Record<string, 'text' | 'number' | 'date' | 'boolean' | 'select'>): SegmentRuleIssue[] {
  try {
    if (customFields) compile(input, customFields);
    else parseSegmentRules(input);
  } catch (e) {
    expect(e).toBeInstanceOf(SegmentRuleError);
    expect(e).toBeInstanceOf(Error);
    return (e as SegmentRuleError).errors;
  }
  throw new Error('expected a SegmentRuleError');
}

/** Every placeholder $1..$n is used, none beyond n. */
function expectPlaceholdersMatch(where: string, params: unknown[]): void {
  const used = new Set([...where.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
  expect(Math.max(...used)).toBe(params.length);
  for (let i = 1; i <= params.length; i++) expect(used.has(i)).toBe(true);
}

describe('compileSegment: shape and parameters', () => {
  it('starts with the tenant filter and soft-delete guard, tenant as $1', () => {
    const c = one({ type: 'field', field: 'email', operator: 'eq', value: 'A@x.io' });
    expect(c.where).toBe('l.tenant_id = $1 AND l.deleted_at IS NULL AND (crm.fold(l.email) = crm.fold($2))');
    expect(c.params).toEqual([TENANT, 'A@x.io']);
  });

  it('numbers parameters in document order through nested groups', () => {
    const c = compile({
      op: 'or',
      conditions: [
        { type: 'field', field: 'company', operator: 'contains', value: 'acme' },
        {
          op: 'and',
          conditions: [
            { type: 'field', field: 'score', operator: 'gte', value: 10 },
            { op: 'or', conditions: [{ type: 'tag', operator: 'has', value: 'vip' }, { type: 'consent', channel: 'sms', status: 'granted' }] },
          ],
        },
      ],
    });
    expect(body(c.where)).toBe(
      `(crm.fold(l.company) LIKE '%' || replace(replace(replace(crm.fold($2), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%' OR (l.score >= $3::bigint AND (l.tags @> $4::text[] OR l.sms_consent = $5::crm."ConsentStatus")))`,
    );
    expect(c.params).toEqual([TENANT, 'acme', 10, ['vip'], 'granted']);
    expectPlaceholdersMatch(c.where, c.params);
  });

  it('keeps the tenant out of nested event subqueries except as $1', () => {
    const c = one({ type: 'event', eventType: 'email.clicked', operator: 'never' });
    expect(body(c.where)).toBe(
      'NOT EXISTS (SELECT 1 FROM analytics.lead_event_counts c WHERE c.tenant_id = $1 AND c.lead_id = l.id AND c.type = $2)',
    );
    const p = one({ type: 'event', eventType: 'email.clicked', operator: 'never', properties: { a: 1 } });
    expect(body(p.where)).toBe(
      'NOT EXISTS (SELECT 1 FROM analytics.events e WHERE e.tenant_id = $1 AND e.lead_id = l.id AND e.type = $2 AND e.properties @> $3::jsonb)',
    );
  });

  it('rejects a non-UUID tenant and an invalid now', () => {
    expect(() => compileSegment({ op: 'and', conditions: [{ type: 'consent', channel: 'email', status: 'granted' }] }, { tenantId: "x' OR 1=1" })).toThrow(TypeError);
    expect(() =>
      compileSegment({ op: 'and', conditions: [{ type: 'consent', channel: 'email', status: 'granted' }] }, { tenantId: TENANT, now: new Date('nope') }),
    ).toThrow(TypeError);
  });
});

describe('compileSegment: text fields', () => {
  const cases: [string, unknown, string, unknown][] = [
    ['eq', 'Ann', 'crm.fold(l.first_name) = crm.fold($2)', 'Ann'],
    ['neq', 'Ann', '(l.first_name IS NULL OR crm.fold(l.first_name) <> crm.fold($2))', 'Ann'],
    ['contains', 'nn', `crm.fold(l.first_name) LIKE '%' || replace(replace(replace(crm.fold($2), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`, 'nn'],
    ['notContains', 'nn', `(l.first_name IS NULL OR crm.fold(l.first_name) NOT LIKE '%' || replace(replace(replace(crm.fold($2), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%')`, 'nn'],
    ['startsWith', 'An', `crm.fold(l.first_name) LIKE replace(replace(replace(crm.fold($2), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`, 'An'],
    ['endsWith', 'nn', `crm.fold(l.first_name) LIKE '%' || replace(replace(replace(crm.fold($2), '\\', '\\\\'), '%', '\\%'), '_', '\\_')`, 'nn'],
    ['in', ['Ann', 'Bob'], 'crm.fold(l.first_name) = ANY (ARRAY(SELECT crm.fold(v) FROM unnest($2::text[]) v))', ['Ann', 'Bob']],
    ['notIn', ['Ann'], '(l.first_name IS NULL OR NOT (crm.fold(l.first_name) = ANY (ARRAY(SELECT crm.fold(v) FROM unnest($2::text[]) v))))', ['Ann']],
    ['isSet', undefined, "(l.first_name IS NOT NULL AND l.first_name <> '')", undefined],
    ['isNotSet', undefined, "(l.first_name IS NULL OR l.first_name = '')", undefined],
  ];
  it.each(cases)('%s', (operator, value, sql, param) => {
    const cond: Record<string, unknown> = { type: 'field', field: 'firstName', operator };
    if (value !== undefined) cond.value = value;
    const c = one(cond);
    expect(body(c.where)).toBe(sql);
    expect(c.params).toEqual(param === undefined ? [TENANT] : [TENANT, param]);
  });

  it('maps every field to its snake_case column', () => {
    const map = {
      email: 'email', lastName: 'last_name', phone: 'phone', company: 'company', jobTitle: 'job_title', source: 'source', language: 'language', timezone: 'timezone',
      streetAddress: 'street_address', postalCode: 'postal_code', city: 'city', region: 'region',
    };
    for (const [field, column] of Object.entries(map)) {
      expect(body(one({ type: 'field', field, operator: 'isSet' }).where)).toBe(`(l.${column} IS NOT NULL AND l.${column} <> '')`);
    }
  });
});

describe('compileSegment: numbers, dates, enums, uuids', () => {
  it('score operators', () => {
    expect(body(one({ type: 'field', field: 'score', operator: 'eq', value: 5 }).where)).toBe('l.score = $2::bigint');
    expect(body(one({ type: 'field', field: 'score', operator: 'neq', value: 5 }).where)).toBe('(l.score IS NULL OR l.score <> $2::bigint)');
    expect(body(one({ type: 'field', field: 'score', operator: 'gt', value: 2.5 }).where)).toBe('l.score > $2::numeric');
    expect(body(one({ type: 'field', field: 'score', operator: 'lt', value: 0 }).where)).toBe('l.score < $2::bigint');
    expect(body(one({ type: 'field', field: 'score', operator: 'lte', value: -3 }).where)).toBe('l.score <= $2::bigint');
    const b = one({ type: 'field', field: 'score', operator: 'between', value: [10, 20] });
    expect(body(b.where)).toBe('(l.score >= $2::bigint AND l.score <= $3::bigint)');
    expect(b.params).toEqual([TENANT, 10, 20]);
    expect(body(one({ type: 'field', field: 'score', operator: 'isNotSet' }).where)).toBe('l.score IS NULL');
  });

  it('date operators compute instants from now and whole days for date-only values', () => {
    let c = one({ type: 'field', field: 'createdAt', operator: 'before', value: '2026-01-15' });
    expect(body(c.where)).toBe('l.created_at < $2::timestamptz');
    expect(c.params[1]).toBe('2026-01-15T00:00:00.000Z');
    c = one({ type: 'field', field: 'createdAt', operator: 'after', value: '2026-01-15' });
    expect(body(c.where)).toBe('l.created_at >= $2::timestamptz');
    expect(c.params[1]).toBe('2026-01-16T00:00:00.000Z');
    c = one({ type: 'field', field: 'createdAt', operator: 'after', value: '2026-01-15T10:00:00+02:00' });
    expect(body(c.where)).toBe('l.created_at > $2::timestamptz');
    expect(c.params[1]).toBe('2026-01-15T08:00:00.000Z');
    c = one({ type: 'field', field: 'updatedAt', operator: 'between', value: ['2026-01-01', '2026-01-31'] });
    expect(body(c.where)).toBe('(l.updated_at >= $2::timestamptz AND l.updated_at < $3::timestamptz)');
    expect(c.params.slice(1)).toEqual(['2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z']);
    c = one({ type: 'field', field: 'createdAt', operator: 'withinLastDays', value: 7 });
    expect(body(c.where)).toBe('(l.created_at >= $2::timestamptz AND l.created_at <= $3::timestamptz)');
    expect(c.params.slice(1)).toEqual(['2026-06-08T12:00:00.000Z', NOW.toISOString()]);
    c = one({ type: 'field', field: 'createdAt', operator: 'moreThanDaysAgo', value: 30 });
    expect(body(c.where)).toBe('l.created_at < $2::timestamptz');
    expect(c.params[1]).toBe('2026-05-16T12:00:00.000Z');
    expect(body(one({ type: 'field', field: 'createdAt', operator: 'isSet' }).where)).toBe('l.created_at IS NOT NULL');
  });

  it('lifecycle stage and owner cast their parameters', () => {
    expect(body(one({ type: 'field', field: 'lifecycleStage', operator: 'eq', value: 'mql' }).where)).toBe('l.lifecycle_stage = $2::crm."LifecycleStage"');
    expect(body(one({ type: 'field', field: 'lifecycleStage', operator: 'notIn', value: ['lead', 'other'] }).where)).toBe(
      '(l.lifecycle_stage IS NULL OR NOT (l.lifecycle_stage = ANY ($2::crm."LifecycleStage"[])))',
    );
    const owner = '0191f0a0-0000-7000-8000-00000000abcd';
    expect(body(one({ type: 'field', field: 'ownerId', operator: 'in', value: [owner] }).where)).toBe('l.owner_id = ANY ($2::uuid[])');
    expect(body(one({ type: 'field', field: 'ownerId', operator: 'neq', value: owner }).where)).toBe('(l.owner_id IS NULL OR l.owner_id <> $2::uuid)');
    expect(body(one({ type: 'field', field: 'ownerId', operator: 'isNotSet' }).where)).toBe('l.owner_id IS NULL');
  });

  it('civility casts to its enum; country compares upper case; the source creation date is a date', () => {
    expect(body(one({ type: 'field', field: 'civility', operator: 'eq', value: 'ms' }).where)).toBe('l.civility = $2::crm."Civility"');
    expect(body(one({ type: 'field', field: 'civility', operator: 'isNotSet' }).where)).toBe('l.civility IS NULL');
    const country = one({ type: 'field', field: 'country', operator: 'in', value: ['fr', 'BE'] });
    expect(body(country.where)).toBe('l.country = ANY ($2::bpchar[])');
    expect(country.params).toEqual([TENANT, ['FR', 'BE']]);
    expect(one({ type: 'field', field: 'country', operator: 'eq', value: 're' }).params).toEqual([TENANT, 'RE']);
    expect(body(one({ type: 'field', field: 'sourceCreatedAt', operator: 'before', value: '2020-01-01' }).where)).toBe('l.source_created_at < $2::timestamptz');
  });

  it('refuses civility words, unknown countries and text operators on them', () => {
    const paths = (cond: unknown) => issues({ op: 'and', conditions: [cond] }).map((i) => `${i.path} ${i.code}`);
    expect(paths({ type: 'field', field: 'civility', operator: 'eq', value: 'Madame' })).toEqual(['conditions[0].value invalid_value']);
    expect(paths({ type: 'field', field: 'country', operator: 'in', value: ['FR', 'XX'] })).toEqual(['conditions[0].value[1] invalid_value']);
    expect(paths({ type: 'field', field: 'country', operator: 'contains', value: 'F' })).toEqual(['conditions[0].operator invalid_operator']);
  });
});

describe('compileSegment: custom fields, tags, consent', () => {
  it('reads custom fields by a key parameter with guarded casts', () => {
    let c = one({ type: 'customField', key: 'seats', valueType: 'number', operator: 'gt', value: 10 });
    expect(c.params).toEqual([TENANT, 'seats', 10]);
    expect(body(c.where)).toMatch(/^\(CASE WHEN \(l\.custom_fields ->> \$2::text\) ~ '.*' THEN \(l\.custom_fields ->> \$2::text\)::numeric END\) > \$3::bigint$/);
    c = one({ type: 'customField', key: 'renewal', valueType: 'date', operator: 'before', value: '2027-01-01' });
    expect(body(c.where)).toContain("::timestamp AT TIME ZONE 'UTC'");
    expect(body(c.where)).toContain('::timestamptz END END) < $3::timestamptz');
    c = one({ type: 'customField', key: 'vip', valueType: 'boolean', operator: 'eq', value: true });
    expect(body(c.where)).toBe(
      "(CASE WHEN lower((l.custom_fields ->> $2::text)) IN ('true', 'false') THEN lower((l.custom_fields ->> $2::text))::boolean END) = $3::boolean",
    );
    expect(c.params).toEqual([TENANT, 'vip', true]);
    c = one({ type: 'customField', key: 'plan', valueType: 'select', operator: 'in', value: ['pro', 'team'] });
    expect(body(c.where)).toBe('crm.fold((l.custom_fields ->> $2::text)) = ANY (ARRAY(SELECT crm.fold(v) FROM unnest($3::text[]) v))');
    c = one({ type: 'customField', key: 'industry', valueType: 'text', operator: 'startsWith', value: 'bank' });
    expect(body(c.where)).toBe(`crm.fold((l.custom_fields ->> $2::text)) LIKE replace(replace(replace(crm.fold($3), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`);
    expect(c.params).toEqual([TENANT, 'industry', 'bank']);
  });

  it('rejects custom fields the tenant has not defined or with another type', () => {
    const errs = issues(
      {
        op: 'and',
        conditions: [
          { type: 'customField', key: 'nope', valueType: 'text', operator: 'isSet' },
          { op: 'or', conditions: [{ type: 'customField', key: 'seats', valueType: 'text', operator: 'eq', value: '3' }] },
        ],
      },
      CUSTOM,
    );
    expect(errs).toEqual([
      expect.objectContaining({ path: 'conditions[0].key', code: 'unknown_custom_field' }),
      expect.objectContaining({ path: 'conditions[1].conditions[0].valueType', code: 'custom_field_type_mismatch' }),
    ]);
    // Without definitions every custom field is unknown; inherited object keys are not definitions.
    expect(() => compileSegment({ op: 'and', conditions: [{ type: 'customField', key: 'seats', valueType: 'number', operator: 'isSet' }] }, { tenantId: TENANT })).toThrow(SegmentRuleError);
    expect(issues({ op: 'and', conditions: [{ type: 'customField', key: 'toString', valueType: 'text', operator: 'isSet' }] }, CUSTOM)[0].code).toBe('unknown_custom_field');
  });

  it('tags and consent', () => {
    let c = one({ type: 'tag', operator: 'hasNot', value: 'churned' });
    expect(body(c.where)).toBe('NOT (l.tags @> $2::text[])');
    expect(c.params[1]).toEqual(['churned']);
    c = one({ type: 'tag', operator: 'hasAny', value: ['a', 'b'] });
    expect(body(c.where)).toBe('l.tags && $2::text[]');
    c = one({ type: 'tag', operator: 'hasAll', value: ['a', 'b'] });
    expect(body(c.where)).toBe('l.tags @> $2::text[]');
    c = one({ type: 'consent', channel: 'whatsapp', status: 'denied' });
    expect(body(c.where)).toBe('l.whatsapp_consent = $2::crm."ConsentStatus"');
    expect(c.params).toEqual([TENANT, 'denied']);
  });
});

describe('compileSegment: behaviour from the per-lead counters', () => {
  const row = 'c.tenant_id = $1 AND c.lead_id = l.id AND c.type = $2';
  const counter = (cond = '') => `EXISTS (SELECT 1 FROM analytics.lead_event_counts c WHERE ${row}${cond})`;
  const ev = (cond: unknown) => one({ type: 'event', eventType: 'email.clicked', ...(cond as object) });

  it('answers from the counter row alone without a window', () => {
    let c = ev({ operator: 'atLeast', count: 1 });
    expect(body(c.where)).toBe(counter());
    expect(c.params).toEqual([TENANT, 'email.clicked']);
    c = ev({ operator: 'atLeast', count: 5 });
    expect(body(c.where)).toBe(counter(' AND c.count >= $3::int'));
    expect(c.params).toEqual([TENANT, 'email.clicked', 5]);
    expect(body(ev({ operator: 'atMost', count: 3 }).where)).toBe(`NOT ${counter(' AND c.count > $3::int')}`);
    expect(body(ev({ operator: 'exactly', count: 3 }).where)).toBe(counter(' AND c.count = $3::int'));
    expect(body(ev({ operator: 'never' }).where)).toBe(`NOT ${counter()}`);
    expect(body(ev({ operator: 'atLeast', count: 5 }).where)).not.toContain('analytics.events');
  });

  it('within a window, trusts the bounds and reads recent events only for leads that straddle it', () => {
    const recent = (k: string) =>
      `(SELECT count(*) FROM (SELECT 1 FROM analytics.events e WHERE e.tenant_id = $1 AND e.lead_id = l.id AND e.type = $2 AND e.occurred_at >= $3::timestamptz LIMIT ${k}) x)`;
    const atLeast = (k: string) => ` AND c.count >= ${k} AND c.last_at >= $3::timestamptz AND (c.first_at >= $3::timestamptz OR ${recent(k)} >= ${k})`;
    let c = ev({ operator: 'atLeast', count: 2, withinDays: 30 });
    expect(body(c.where)).toBe(counter(atLeast('$4::int')));
    expect(c.params).toEqual([TENANT, 'email.clicked', '2026-05-16T12:00:00.000Z', 2]);
    c = ev({ operator: 'never', withinDays: 30 });
    expect(body(c.where)).toBe(`NOT ${counter(atLeast('$4::int'))}`);
    expect(c.params).toEqual([TENANT, 'email.clicked', '2026-05-16T12:00:00.000Z', 1]);
    c = ev({ operator: 'atMost', count: 3, withinDays: 7 });
    expect(body(c.where)).toBe(`NOT ${counter(atLeast('$4::int'))}`);
    expect(c.params).toEqual([TENANT, 'email.clicked', '2026-06-08T12:00:00.000Z', 4]);
    c = ev({ operator: 'exactly', count: 3, withinDays: 30 });
    expect(body(c.where)).toBe(
      counter(` AND c.count >= $4::int AND c.last_at >= $3::timestamptz AND (CASE WHEN c.first_at >= $3::timestamptz THEN c.count = $4::int ELSE ${recent('$5::int')} = $4::int END)`),
    );
    expect(c.params).toEqual([TENANT, 'email.clicked', '2026-05-16T12:00:00.000Z', 3, 4]);
    expectPlaceholdersMatch(c.where, c.params);
  });
});

describe('compileSegment: behaviour with event properties', () => {
  const base = 'e.tenant_id = $1 AND e.lead_id = l.id AND e.type = $2';
  it('atLeast 1 is EXISTS; atLeast n reads at most n rows', () => {
    expect(body(one({ type: 'event', eventType: 'form.submitted', operator: 'atLeast', count: 1, properties: { form: 'contact' } }).where)).toBe(
      `EXISTS (SELECT 1 FROM analytics.events e WHERE ${base} AND e.properties @> $3::jsonb)`,
    );
    const c = one({ type: 'event', eventType: 'email.clicked', operator: 'atLeast', count: 2, withinDays: 30, properties: { url: 'x' } });
    expect(body(c.where)).toBe(
      `(SELECT count(*) FROM (SELECT 1 FROM analytics.events e WHERE ${base} AND e.occurred_at >= $3::timestamptz AND e.properties @> $4::jsonb LIMIT $5) x) >= $5`,
    );
    expect(c.params).toEqual([TENANT, 'email.clicked', '2026-05-16T12:00:00.000Z', '{"url":"x"}', 2]);
  });

  it('atMost / exactly read n+1 rows; properties use jsonb containment', () => {
    let c = one({ type: 'event', eventType: 'page.viewed', operator: 'atMost', count: 3, properties: { path: '/' } });
    expect(body(c.where)).toBe(`(SELECT count(*) FROM (SELECT 1 FROM analytics.events e WHERE ${base} AND e.properties @> $3::jsonb LIMIT $4) x) <= $5`);
    expect(c.params).toEqual([TENANT, 'page.viewed', '{"path":"/"}', 4, 3]);
    c = one({ type: 'event', eventType: 'page.viewed', operator: 'exactly', count: 1, properties: { path: '/pricing', n: 2, ok: true } });
    expect(body(c.where)).toBe(`(SELECT count(*) FROM (SELECT 1 FROM analytics.events e WHERE ${base} AND e.properties @> $3::jsonb LIMIT $4) x) = $5`);
    expect(c.params).toEqual([TENANT, 'page.viewed', '{"path":"/pricing","n":2,"ok":true}', 2, 1]);
    expect(c.where).not.toMatch(/count\(\*\) FROM analytics\.events/);
  });
});

describe('compileSegment: grouped event counts', () => {
  const grouped = (cond: unknown) =>
    compileSegment({ op: 'and', conditions: [cond] } as SegmentRules, { tenantId: TENANT, now: NOW, eventCounts: 'grouped' });
  it('writes counted conditions on properties as one grouped pass per condition', () => {
    let c = grouped({ type: 'event', eventType: 'email.clicked', operator: 'atLeast', count: 2, withinDays: 30, properties: { u: 1 } });
    expect(body(c.where)).toBe(
      'l.id IN (SELECT e.lead_id FROM analytics.events e WHERE e.tenant_id = $1 AND e.lead_id IS NOT NULL AND e.type = $2 ' +
        'AND e.occurred_at >= $3::timestamptz AND e.properties @> $4::jsonb GROUP BY e.lead_id HAVING count(*) >= $5)',
    );
    expect(c.params).toEqual([TENANT, 'email.clicked', '2026-05-16T12:00:00.000Z', '{"u":1}', 2]);
    c = grouped({ type: 'event', eventType: 'x', operator: 'atMost', count: 3, properties: { u: 1 } });
    expect(body(c.where)).toBe(
      'NOT l.id IN (SELECT e.lead_id FROM analytics.events e WHERE e.tenant_id = $1 AND e.lead_id IS NOT NULL AND e.type = $2 AND e.properties @> $3::jsonb GROUP BY e.lead_id HAVING count(*) > $4)',
    );
    expect(body(grouped({ type: 'event', eventType: 'x', operator: 'exactly', count: 3, properties: { u: 1 } }).where)).toContain('HAVING count(*) = $4)');
    // EXISTS forms are the same in both strategies; without properties, the counters answer.
    expect(body(grouped({ type: 'event', eventType: 'x', operator: 'atLeast', count: 1, properties: { u: 1 } }).where)).toMatch(/^EXISTS \(SELECT 1 FROM analytics\.events/);
    expect(body(grouped({ type: 'event', eventType: 'x', operator: 'never', properties: { u: 1 } }).where)).toMatch(/^NOT EXISTS \(SELECT 1 FROM analytics\.events/);
    expect(body(grouped({ type: 'event', eventType: 'x', operator: 'atLeast', count: 2, withinDays: 30 }).where)).toMatch(/^EXISTS \(SELECT 1 FROM analytics\.lead_event_counts/);
    expect(() =>
      compileSegment({ op: 'and', conditions: [{ type: 'consent', channel: 'email', status: 'granted' }] }, { tenantId: TENANT, eventCounts: 'fast' as 'grouped' }),
    ).toThrow(TypeError);
  });
});

describe('injection attempts never reach the SQL text', () => {
  const nasty = ["O'Brien", "x'); DROP TABLE crm.leads; --", '100%_off\\', '$$;--$q$', '"; SELECT pg_sleep(10); --', "\\' OR 1=1 --"];
  it('values, tags, event types, property keys and custom field keys all travel as parameters', () => {
    for (const s of nasty) {
      const rules = {
        op: 'or',
        conditions: [
          { type: 'field', field: 'company', operator: 'contains', value: s },
          { type: 'field', field: 'email', operator: 'in', value: [s] },
          { type: 'customField', key: s, valueType: 'number', operator: 'gte', value: 1 },
          { type: 'tag', operator: 'has', value: s },
          { type: 'event', eventType: s, operator: 'atLeast', count: 3, properties: { [s]: s } },
        ],
      };
      const c = compile(rules, { [s]: 'number' });
      expect(c.where).not.toContain(s);
      expect(c.where).not.toContain('DROP');
      expect(c.where).not.toContain('pg_sleep');
      expect(c.params).toContain(s);
      expectPlaceholdersMatch(c.where, c.params);
    }
  });

  it('passes text values as they are: PostgreSQL folds them, then escapes LIKE metacharacters', () => {
    const c = one({ type: 'field', field: 'company', operator: 'startsWith', value: '50%_x\\' });
    expect(c.params[1]).toBe('50%_x\\');
    expect(body(c.where)).toContain("replace(replace(replace(crm.fold($2), '\\', '\\\\'), '%', '\\%'), '_', '\\_')");
  });

  it('rejects NUL characters (PostgreSQL text cannot hold them)', () => {
    expect(issues({ op: 'and', conditions: [{ type: 'field', field: 'company', operator: 'eq', value: 'a\u0000b' }] })[0]).toMatchObject({
      path: 'conditions[0].value',
      code: 'invalid_value',
    });
  });
});

describe('parseSegmentRules: invalid input names the bad node', () => {
  it('rejects a root that is not a group', () => {
    expect(issues(null)[0].path).toBe('');
    expect(issues([])[0].code).toBe('invalid_type');
    expect(issues({ type: 'tag', operator: 'has', value: 'x' })[0].path).toBe('');
  });

  it('reports every problem with its path', () => {
    const errs = issues({
      op: 'xor',
      conditions: [
        { type: 'field', field: 'email', operator: 'gt', value: 3 },
        {
          op: 'and',
          conditions: [
            { type: 'field', field: 'score', operator: 'contains', value: 'x' },
            { type: 'field', field: 'password', operator: 'eq', value: 'x' },
            { type: 'bogus' },
          ],
        },
        { type: 'event', eventType: 'email.clicked', operator: 'never', count: 2, withinDays: 9999 },
        { type: 'tag', operator: 'hasAny', value: 'x', extra: 1 },
        { type: 'consent', channel: 'fax', status: 'granted' },
        'nope',
      ],
    });
    expect(errs.map((e) => [e.path, e.code])).toEqual([
      ['op', 'invalid_operator'],
      ['conditions[0].operator', 'invalid_operator'],
      ['conditions[1].conditions[0].operator', 'invalid_operator'],
      ['conditions[1].conditions[1].field', 'unknown_field'],
      ['conditions[1].conditions[2].type', 'unknown_type'],
      ['conditions[2].count', 'unexpected_value'],
      ['conditions[2].withinDays', 'out_of_range'],
      ['conditions[3].extra', 'unknown_property'],
      ['conditions[3].value', 'invalid_type'],
      ['conditions[4].channel', 'invalid_value'],
      ['conditions[5]', 'invalid_type'],
    ]);
  });

  it('checks values per operator', () => {
    const errs = issues({
      op: 'and',
      conditions: [
        { type: 'field', field: 'email', operator: 'eq' },
        { type: 'field', field: 'email', operator: 'isSet', value: 'x' },
        { type: 'field', field: 'email', operator: 'in', value: [] },
        { type: 'field', field: 'score', operator: 'between', value: [5, 1] },
        { type: 'field', field: 'score', operator: 'eq', value: '5' },
        { type: 'field', field: 'createdAt', operator: 'before', value: '2026-02-30' },
        { type: 'field', field: 'createdAt', operator: 'withinLastDays', value: 1.5 },
        { type: 'field', field: 'lifecycleStage', operator: 'in', value: ['lead', 'king'] },
        { type: 'field', field: 'ownerId', operator: 'eq', value: 'not-a-uuid' },
        { type: 'event', eventType: '', operator: 'atLeast' },
        { type: 'event', eventType: 'x', operator: 'atLeast', count: 0, properties: { a: { b: 1 } } },
        { type: 'customField', key: 'vip', valueType: 'boolean', operator: 'contains', value: 'x' },
        { type: 'customField', key: 'vip', valueType: 'boolean', operator: 'eq', value: 'true' },
        { type: 'field', field: 'email', operator: 'contains', value: '' },
      ],
    });
    expect(errs.map((e) => [e.path, e.code])).toEqual([
      ['conditions[0].value', 'required'],
      ['conditions[1].value', 'unexpected_value'],
      ['conditions[2].value', 'out_of_range'],
      ['conditions[3].value', 'invalid_range'],
      ['conditions[4].value', 'invalid_type'],
      ['conditions[5].value', 'invalid_value'],
      ['conditions[6].value', 'invalid_type'],
      ['conditions[7].value[1]', 'invalid_value'],
      ['conditions[8].value', 'invalid_value'],
      ['conditions[9].eventType', 'invalid_value'],
      ['conditions[9].count', 'required'],
      ['conditions[10].count', 'out_of_range'],
      ['conditions[10].properties.a', 'invalid_type'],
      ['conditions[11].operator', 'invalid_operator'],
      ['conditions[12].value', 'invalid_type'],
      ['conditions[13].value', 'invalid_value'],
    ]);
  });

  it('limits group size, depth and total conditions', () => {
    const cond = { type: 'consent', channel: 'email', status: 'granted' };
    expect(issues({ op: 'and', conditions: [] })[0]).toMatchObject({ path: 'conditions', code: 'empty_group' });
    expect(issues({ op: 'and', conditions: Array(51).fill(cond) })[0]).toMatchObject({ path: 'conditions', code: 'too_many_conditions' });
    let deep: unknown = cond;
    for (let i = 0; i < 5; i++) deep = { op: 'and', conditions: [deep] };
    expect(() => parseSegmentRules(deep)).not.toThrow();
    deep = { op: 'and', conditions: [deep] };
    expect(issues(deep)[0]).toMatchObject({ path: 'conditions[0].conditions[0].conditions[0].conditions[0].conditions[0]', code: 'too_deep' });
    const wide = { op: 'and', conditions: Array(5).fill({ op: 'or', conditions: Array(41).fill(cond) }) };
    expect(issues(wide)).toEqual([expect.objectContaining({ path: '', code: 'too_many_conditions' })]);
  });

  it('the error message names the first bad path', () => {
    expect(() => parseSegmentRules({ op: 'and', conditions: [{ type: 'tag', operator: 'has' }] })).toThrow(/conditions\[0\]\.value/);
  });

  it('accepts a well-formed tree unchanged', () => {
    const rules = { op: 'and', conditions: [{ type: 'event', eventType: 'email.clicked', operator: 'atLeast', count: 2, withinDays: 30 }] };
    expect(parseSegmentRules(rules)).toBe(rules);
  });
});

describe('countSql / sampleSql', () => {
  const c = one({ type: 'tag', operator: 'has', value: 'vip' });
  it('wrap the compiled clause', () => {
    expect(countSql(c)).toEqual({ text: `SELECT count(*)::int AS count FROM crm.leads l WHERE ${c.where}`, params: c.params });
    const s = sampleSql(c, 5);
    expect(s.text).toMatch(/^SELECT l\.id, l\.email, .* FROM crm\.leads l WHERE .* ORDER BY l\.created_at DESC, l\.id DESC LIMIT \$3$/);
    expect(s.params).toEqual([...c.params, 5]);
    expect(c.params).toHaveLength(2); // not mutated
    expect(() => sampleSql(c, 0)).toThrow(RangeError);
  });
});
