import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsIsoDateTime, parseIsoDateTime } from './dates.js';

describe('parseIsoDateTime', () => {
  it.each([
    ['2026-11-25', '2026-11-25T00:00:00.000Z'],
    ['2026-11-25T13:45', '2026-11-25T13:45:00.000Z'],
    ['2026-11-25T13:45:12Z', '2026-11-25T13:45:12.000Z'],
    ['2026-11-25T13:45:12.3456789Z', '2026-11-25T13:45:12.345Z'],
    ['2026-11-25T14:45:12+01:00', '2026-11-25T13:45:12.000Z'],
    ['2026-11-25T08:45:12-0500', '2026-11-25T13:45:12.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['0001-01-01', '0001-01-01T00:00:00.000Z'],
    ['0099-06-15', '0099-06-15T00:00:00.000Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
  ])('reads %s as %s (no offset: UTC)', (text, iso) => {
    expect(parseIsoDateTime(text)?.toISOString()).toBe(iso);
  });

  it.each([
    '2020', '2020-1-1', '10000-01-01', '-100000-01-01T00:00:00Z', '+010000-01-01T00:00:00.000Z', '0000-12-31', '2023-02-29', '2026-02-30', '2026-13-01',
    '2026-01-01T24:00:00Z', '2026-01-01T10:60:00Z', '2026-01-01T10:00:60Z', '2026-01-01T10:00:00+24:00', '2026-01-01 10:00:00', 'next tuesday', '',
    // The offset moves the instant out of the years the API takes.
    '0001-01-01T00:30:00+01:00', '9999-12-31T23:30:00-01:00',
  ])('refuses %j', (text) => {
    expect(parseIsoDateTime(text)).toBeUndefined();
  });

  it('refuses what is not a string', () => {
    for (const value of [1700000000000, null, undefined, {}, ['2026-01-01'], new Date()]) expect(parseIsoDateTime(value)).toBeUndefined();
  });

  it('with requireOffset, takes only full date-times that say their offset', () => {
    expect(parseIsoDateTime('2026-11-20T10:00:00.123456789+02:00', { requireOffset: true })?.toISOString()).toBe('2026-11-20T08:00:00.123Z');
    expect(parseIsoDateTime('2026-11-20T23:30:00-05:30', { requireOffset: true })?.toISOString()).toBe('2026-11-21T05:00:00.000Z');
    for (const text of ['2026-11-20', '2026-11-20T10:00:00', '2026-11-20T10:00']) expect(parseIsoDateTime(text, { requireOffset: true })).toBeUndefined();
  });
});

class WithDate {
  @IsIsoDateTime() at: Date;
}

describe('@IsIsoDateTime()', () => {
  const check = (at: unknown) => {
    const dto = plainToInstance(WithDate, { at });
    return { dto, errors: validateSync(dto).map((e) => e.property) };
  };

  it('turns a valid value into a Date', () => {
    const { dto, errors } = check('2026-11-25T13:45:00Z');
    expect(errors).toEqual([]);
    expect(dto.at).toEqual(new Date('2026-11-25T13:45:00Z'));
  });

  it.each([['10000-01-01'], [1700000000000], [true], [['2026-01-01']], [{}]])('refuses %j', (at) => {
    expect(check(at).errors).toEqual(['at']);
  });
});
