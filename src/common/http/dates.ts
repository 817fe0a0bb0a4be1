import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsDate } from 'class-validator';

/**
 * The years the API accepts and returns. PostgreSQL's timestamptz reaches much further (4713 BC
 * to 294276 AD), but JavaScript writes years past 9999 as `+010000-…`, which PostgreSQL cannot
 * read back, and no date a marketer means lies outside these years.
 */
export const MIN_YEAR = 1;
export const MAX_YEAR = 9999;

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):?(\d{2}))?)?$/i;

const daysIn = (year: number, month: number) => (month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31);

/**
 * Strict ISO 8601: `2026-11-25`, `2026-11-25T13:45`, `2026-11-25T13:45:12.345Z`,
 * `2026-11-25T14:45:12+01:00`; without an offset, UTC. Every field is range-checked (no
 * 2026-02-30, no 25:00), and the instant must fall in years MIN_YEAR–MAX_YEAR. Anything else —
 * `2020`, `next tuesday`, `-100000-01-01`, `+010000-01-01` — is undefined.
 */
export function parseIsoDateTime(text: unknown, opts: { requireOffset?: boolean } = {}): Date | undefined {
  if (typeof text !== 'string') return undefined;
  const m = ISO_8601.exec(text);
  if (!m) return undefined;
  if (opts.requireOffset && !m[8]) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  if (year < MIN_YEAR || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
  const offsetMinutes = m[9] ? (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11])) : 0;
  if (m[9] && (Number(m[10]) > 23 || Number(m[11]) > 59)) return undefined;
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute - offsetMinutes, second, Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3)));
  const utcYear = date.getUTCFullYear();
  return utcYear >= MIN_YEAR && utcYear <= MAX_YEAR ? date : undefined;
}

/**
 * A DTO date-time field: strict ISO 8601 (see parseIsoDateTime), turned into a Date. Replaces
 * `@Type(() => Date) @IsDate()`, which took numbers, `2020` and dates PostgreSQL refuses.
 * `requireOffset`: a full date-time with its offset (`Z`, `+02:00`), for instants reported by
 * other systems, where a local time read as UTC would be silently wrong.
 */
export function IsIsoDateTime(opts: { requireOffset?: boolean } = {}): PropertyDecorator {
  const expected = opts.requireOffset ? 'an ISO 8601 date-time with its offset (e.g. 2026-11-25T13:45:00Z)' : 'an ISO 8601 date or date-time (e.g. 2026-11-25T13:45:00Z)';
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? (parseIsoDateTime(value, opts) ?? value) : value)),
    IsDate({ message: `$property must be ${expected} in the years ${MIN_YEAR}–${MAX_YEAR}` }),
  );
}
