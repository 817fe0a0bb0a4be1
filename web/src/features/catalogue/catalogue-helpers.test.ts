import { describe, expect, it } from 'vitest';
import { mediaSrc, thumbnailOf } from './media';
import { fieldErrorMap, moneyInput, parseMoney } from './money';

describe('catalogue helpers', () => {
  it('parses prices typed the French or English way into minor units', () => {
    expect(parseMoney('1 299,90')).toBe(129990);
    expect(parseMoney('1299.9')).toBe(129990);
    expect(parseMoney('12')).toBe(1200);
    expect(parseMoney('')).toBeNull();
    expect(parseMoney('12,345')).toBeUndefined();
    expect(parseMoney('abc')).toBeUndefined();
    expect(moneyInput(129990)).toBe('1299.90');
    expect(moneyInput(null)).toBe('');
  });

  it('keeps the first API error per field', () => {
    expect(fieldErrorMap([{ field: 'sku', message: 'a' }, { field: 'sku', message: 'b' }, { field: 'name', message: 'c' }])).toEqual({ sku: 'a', name: 'c' });
  });

  it('routes signed media URLs through the same-origin BFF', () => {
    expect(mediaSrc('/media/files/t/a/w320.webp?exp=1&sig=x')).toBe('/api/media/files/t/a/w320.webp?exp=1&sig=x');
    expect(mediaSrc('http://127.0.0.1:3001/media/files/t/a/o.png?sig=y')).toBe('/api/media/files/t/a/o.png?sig=y');
    expect(mediaSrc('/api/media/x')).toBe('/api/media/x');
  });

  it('picks the smallest thumbnail wide enough, none for documents', () => {
    const variants = [
      { name: 'w160', width: 160, height: 100, mimeType: 'image/webp', sizeBytes: 1, url: '/m/160' },
      { name: 'w480', width: 480, height: 300, mimeType: 'image/webp', sizeBytes: 1, url: '/m/480' },
      { name: 'w960', width: 960, height: 600, mimeType: 'image/webp', sizeBytes: 1, url: '/m/960' },
    ];
    expect(thumbnailOf({ kind: 'image', url: '/m/o', variants })).toBe('/api/m/480');
    expect(thumbnailOf({ kind: 'image', url: '/m/o', variants: variants.slice(0, 1) })).toBe('/api/m/160');
    expect(thumbnailOf({ kind: 'image', url: '/m/o', variants: [] })).toBe('/api/m/o');
    expect(thumbnailOf({ kind: 'document', url: '/m/o', variants: [] })).toBeNull();
  });
});
