import { inline, literal } from './scoped-sql.js';

describe('SQL literals for one-trip scoped reads', () => {
  it('quotes strings, doubling quotes and escaping backslashes', () => {
    expect(literal("O'Brien")).toBe("'O''Brien'");
    expect(literal('a\\b')).toBe(" E'a\\\\b'");
    expect(literal("x'); DROP TABLE crm.leads; --")).toBe("'x''); DROP TABLE crm.leads; --'");
  });

  it('writes numbers, booleans, null and dates as SQL', () => {
    expect(literal(42)).toBe('42');
    expect(literal(10n)).toBe('10');
    expect(literal(true)).toBe('TRUE');
    expect(literal(null)).toBe('NULL');
    expect(literal(undefined)).toBe('NULL');
    expect(literal(new Date('2026-01-02T03:04:05.678Z'))).toBe("'2026-01-02T03:04:05.678Z'");
    expect(() => literal(Number.NaN)).toThrow(TypeError);
  });

  it('writes arrays as array text and objects as JSON, for the query to cast', () => {
    expect(literal(['vip', 'a"b', 'c\\d'])).toBe(` E'{"vip","a\\\\"b","c\\\\\\\\d"}'`);
    expect(literal([])).toBe("'{}'");
    expect(literal({ url: "l'offre" })).toBe(`'{"url":"l''offre"}'`);
  });

  it('replaces every placeholder, $10 included, and refuses missing values', () => {
    const values = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(inline('SELECT $1, $10, $2', values)).toBe('SELECT 1, 10, 2');
    expect(() => inline('SELECT $2', [1])).toThrow(RangeError);
  });
});
