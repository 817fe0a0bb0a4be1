import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsDate } from 'class-validator';

/** RFC 3339 / ISO 8601 extended format: a full date, a time to the minute or finer, and an offset. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))$/i;

/**
 * The instant a strict ISO 8601 date-time names, or null. Years 1 to 9999 only (in UTC too,
 * once the offset is applied): `new Date()` also accepts expanded years (+010000, -100000),
 * other formats and impossible days, which PostgreSQL then refuses or misreads.
 */
export function parseIsoDateTime(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const m = DATE_TIME.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second = 0] = m.slice(1, 7).map((x) => (x === undefined ? undefined : Number(x))) as number[];
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const offset = m[8]!.toUpperCase() === 'Z' ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  if (year! < 1 || month! < 1 || month! > 12 || hour! > 23 || minute! > 59 || second > 59 || Number(m[10] ?? 0) > 23 || Number(m[11] ?? 0) > 59) return null;
  // setUTCFullYear, unlike Date.UTC, does not read years 0-99 as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year!, month! - 1, day!);
  if (date.getUTCMonth() !== month! - 1 || date.getUTCDate() !== day) return null;
  date.setUTCHours(hour!, minute!, second, ms);
  date.setTime(date.getTime() - offset * 60_000);
  const utcYear = date.getUTCFullYear();
  return utcYear >= 1 && utcYear <= 9999 ? date : null;
}

/**
 * A date-time field of a DTO: a strict ISO 8601 string with an offset, years 1 to 9999,
 * turned into a Date. Anything else fails validation (400) instead of reaching the database.
 */
export function IsIsoDateTime(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => parseIsoDateTime(value) ?? value),
    IsDate({ message: ({ property }) => `${property} must be an ISO 8601 date-time with an offset, between years 1 and 9999 (e.g. 2026-11-20T10:00:00Z)` }),
  );
}
