import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CommonError } from '../errors/domain-error.js';
import { parseIsoDateTime } from './dates.js';

export class CursorQueryDto {
  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page\'s nextCursor' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;
}

/** Keyset cursor over (time, id), newest first: stable under inserts, O(log n) per page. */
export interface TimeIdCursor {
  at: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Real UUID syntax (8-4-4-4-12 hex digits), as PostgreSQL's uuid type reads it. */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/**
 * Checkers for the parts of a cursor, shared by every list: each gives the part's value, or
 * undefined when it is not one. A cursor comes back from the client, so it is input like any
 * other: a part PostgreSQL would refuse (a date in year -100000, an id of 36 dashes) must be
 * a 400 here, not a database error later.
 */
export const CURSOR_PART = {
  time: (v: unknown): Date | undefined => parseIsoDateTime(v),
  uuid: (v: unknown): string | undefined => (isUuid(v) ? v : undefined),
  int: (v: unknown, min: number, max: number): number | undefined => (Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? (v as number) : undefined),
};

/** An opaque cursor made of a few parts (strings and numbers). */
export function encodeCursorParts(parts: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/**
 * Reads a cursor of encodeCursorParts. `read` checks the parts (with CURSOR_PART) and returns
 * the cursor, or undefined when they are not valid: then a 400 VALIDATION_FAILED naming
 * `field`, the query parameter the cursor came in.
 */
export function decodeCursorParts<T>(raw: string | undefined, field: string, read: (parts: unknown[]) => T | undefined): T | undefined {
  if (!raw) return undefined;
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    parts = undefined;
  }
  const cursor = Array.isArray(parts) ? read(parts) : undefined;
  if (cursor === undefined) throw new CommonError('VALIDATION_FAILED', 'The cursor is not valid.', [{ field, code: 'invalid', message: 'not a cursor from this list' }]);
  return cursor;
}

export function encodeCursor(c: TimeIdCursor): string {
  return encodeCursorParts([c.at.toISOString(), c.id]);
}

export function decodeCursor(raw: string | undefined): TimeIdCursor | undefined {
  return decodeCursorParts(raw, 'cursor', (parts) => {
    const at = CURSOR_PART.time(parts[0]);
    const id = CURSOR_PART.uuid(parts[1]);
    return parts.length === 2 && at && id ? { at, id } : undefined;
  });
}

/** Given limit+1 rows, returns one page and the cursor to the next. */
export function page<T extends { id: string }>(rows: T[], limit: number, at: (row: T) => Date) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ at: at(last), id: last.id }) : null };
}
