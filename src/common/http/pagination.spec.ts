import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CommonError } from '../errors/domain-error.js';
import { CursorQueryDto, decodeCursor, encodeCursor, encodeCursorParts, page } from './pagination.js';

const ID = '0193a5b2-7c1d-7e3f-9a4b-5c6d7e8f9a0b';

function decodeError(raw: string): CommonError {
  try {
    decodeCursor(raw);
  } catch (err) {
    expect(err).toBeInstanceOf(CommonError);
    return err as CommonError;
  }
  throw new Error(`expected decodeCursor(${JSON.stringify(raw)}) to throw`);
}

describe('cursor encoding', () => {
  it('round-trips a (time, id) cursor, to the millisecond', () => {
    const at = new Date('2026-11-25T13:45:12.345Z');
    const raw = encodeCursor({ at, id: ID });
    expect(raw).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(raw)).toEqual({ at, id: ID });
  });

  it('treats a missing or empty cursor as the first page', () => {
    expect(decodeCursor(undefined)).toBeUndefined();
    expect(decodeCursor('')).toBeUndefined();
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['bad date', Buffer.from(`yesterday|${ID}`).toString('base64url')],
    ['bad id', Buffer.from('2026-11-25T13:45:12.345Z|42').toString('base64url')],
    ['no id', Buffer.from('2026-11-25T13:45:12.345Z').toString('base64url')],
    ['id with SQL', Buffer.from(`2026-11-25T13:45:12.345Z|${ID}' OR 1=1`).toString('base64url')],
    ['id of 36 dashes', encodeCursorParts(['2026-11-25T13:45:12.345Z', '-'.repeat(36)])],
    ['date of "2020"', encodeCursorParts(['2020', ID])],
    ['date in year -100000', encodeCursorParts(['-100000-01-01T00:00:00.000Z', ID])],
    ['date in year 10000', encodeCursorParts(['+010000-01-01T00:00:00.000Z', ID])],
    ['number for a date', encodeCursorParts([1764078312345, ID])],
    ['extra part', encodeCursorParts(['2026-11-25T13:45:12.345Z', ID, 'more'])],
    ['JSON object', Buffer.from(JSON.stringify({ at: '2026-11-25T13:45:12.345Z', id: ID })).toString('base64url')],
  ])('rejects a %s cursor with VALIDATION_FAILED (400) on the cursor field', (_, raw) => {
    const err = decodeError(raw);
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.status).toBe(400);
    expect(err.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });
});

describe('page()', () => {
  const rows = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ id: `0193a5b2-7c1d-7e3f-9a4b-${String(i).padStart(12, '0')}`, at: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, 1000 - i)) }));

  it('with limit+1 rows gives limit items and a cursor at the last item shown', () => {
    const given = rows(4);
    const { items, nextCursor } = page(given, 3, (r) => r.at);
    expect(items).toEqual(given.slice(0, 3));
    expect(nextCursor).not.toBeNull();
    expect(decodeCursor(nextCursor!)).toEqual({ at: given[2]!.at, id: given[2]!.id });
  });

  it('with exactly limit rows, or fewer, or none, gives no cursor', () => {
    expect(page(rows(3), 3, (r) => r.at)).toEqual({ items: rows(3), nextCursor: null });
    expect(page(rows(1), 3, (r) => r.at)).toEqual({ items: rows(1), nextCursor: null });
    expect(page([], 3, (r: { id: string; at: Date }) => r.at)).toEqual({ items: [], nextCursor: null });
  });
});

describe('CursorQueryDto', () => {
  const validate = (plain: object) => {
    const dto = plainToInstance(CursorQueryDto, plain);
    return { dto, errors: validateSync(dto).map((e) => e.property) };
  };

  it('defaults limit to 50 and coerces it from a query string', () => {
    expect(validate({}).dto.limit).toBe(50);
    expect(validate({ limit: '7' })).toMatchObject({ dto: { limit: 7 }, errors: [] });
  });

  it.each([['0'], ['201'], ['1.5'], ['abc']])('rejects limit=%s', (limit) => {
    expect(validate({ limit }).errors).toEqual(['limit']);
  });

  it('rejects an overlong cursor', () => {
    expect(validate({ cursor: 'a'.repeat(201) }).errors).toEqual(['cursor']);
  });
});
