import { describe, expect, it } from 'vitest';
import { linkedId, ownerLink } from './media-owner';
import { mediaSrc, srcSetOf, thumbnailOf } from './media-urls';
import { createFormatter } from 'next-intl';
import { fieldErrorMap, formatPrice, moneyInput, parseMoney } from './money';

describe('catalogue helpers', () => {
  it('formats prices from minor units, in whole units for property prices, and nothing without a price', () => {
    const format = createFormatter({ locale: 'fr' });
    expect(formatPrice(format, 129950, 'EUR')?.replace(/\s/g, ' ')).toBe('1 299,50 €');
    expect(formatPrice(format, 62000000, 'EUR', true)?.replace(/\s/g, ' ')).toBe('620 000 €');
    expect(formatPrice(format, null, 'EUR')).toBeNull();
    expect(formatPrice(format, 100, null)).toBeNull();
  });

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

  const variants = [
    { name: 'w160', width: 160, height: 100, mimeType: 'image/webp', sizeBytes: 1, url: '/m/160' },
    { name: 'w480', width: 480, height: 300, mimeType: 'image/webp', sizeBytes: 1, url: '/m/480' },
    { name: 'w1200', width: 1200, height: 750, mimeType: 'image/webp', sizeBytes: 1, url: '/m/1200' },
  ];

  it('picks the narrowest thumbnail sharp on a 2× screen for the size shown', () => {
    // A 40 px table thumbnail needs 80 px: the 160 px variant, not the 480 px one.
    expect(thumbnailOf({ kind: 'image', url: '/m/o', variants }, 40)).toBe('/api/m/160');
    expect(thumbnailOf({ kind: 'image', url: '/m/o', variants }, 80)).toBe('/api/m/160');
    expect(thumbnailOf({ kind: 'image', url: '/m/o', variants }, 81)).toBe('/api/m/480');
    expect(thumbnailOf({ kind: 'image', url: '/m/o', variants }, 240)).toBe('/api/m/480');
    expect(thumbnailOf({ kind: 'image', url: '/m/o', variants }, 400)).toBe('/api/m/1200');
    // Wider than any variant: the widest there is, never the (heavy) original.
    expect(thumbnailOf({ kind: 'image', url: '/m/o', variants }, 2000)).toBe('/api/m/1200');
    // A small image only has its own width as a variant.
    expect(thumbnailOf({ kind: 'image', url: '/m/o', variants: variants.slice(0, 1) }, 240)).toBe('/api/m/160');
    expect(thumbnailOf({ kind: 'image', url: '/m/o', variants: [] }, 240)).toBe('/api/m/o');
    expect(thumbnailOf({ kind: 'document', url: '/m/o', variants: [] }, 240)).toBeNull();
  });

  it('lists every variant with its width for srcset, none for documents', () => {
    expect(srcSetOf({ kind: 'image', url: '/m/o', variants })).toBe('/api/m/160 160w, /api/m/480 480w, /api/m/1200 1200w');
    expect(srcSetOf({ kind: 'image', url: '/m/o', variants: [] })).toBeUndefined();
    expect(srcSetOf({ kind: 'document', url: '/m/o', variants: [] })).toBeUndefined();
  });

  it('links media to a product or a property through the matching field', () => {
    expect(ownerLink('product', 'p1')).toEqual({ productId: 'p1' });
    expect(ownerLink('property', null)).toEqual({ propertyId: null });
    expect(linkedId({ productId: 'p1', propertyId: null }, 'product')).toBe('p1');
    expect(linkedId({ productId: 'p1', propertyId: null }, 'property')).toBeNull();
  });
});
