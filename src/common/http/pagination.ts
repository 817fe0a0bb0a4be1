import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CommonError } from '../errors/domain-error.js';

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

export function encodeCursor(c: TimeIdCursor): string {
  return Buffer.from(`${c.at.toISOString()}|${c.id}`).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeCursor(raw: string | undefined): TimeIdCursor | undefined {
  if (!raw) return undefined;
  const [at, id] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  if (!id || !UUID.test(id) || Number.isNaN(date.getTime())) {
    throw new CommonError('VALIDATION_FAILED', 'The cursor is not valid.', [{ field: 'cursor', code: 'invalid', message: 'not a cursor from this API' }]);
  }
  return { at: date, id };
}

/** Given limit+1 rows, returns one page and the cursor to the next. */
export function page<T extends { id: string }>(rows: T[], limit: number, at: (row: T) => Date) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ at: at(last), id: last.id }) : null };
}
