import type { Media } from '@/lib/api/types';

type Shown = Pick<Media, 'url' | 'variants' | 'kind'>;

/** Most screens marketers use are 2×: an image shown N CSS pixels wide wants about 2N pixels. */
const DENSITY = 2;

/**
 * Signed media URLs are relative to the API (or absolute to its origin): the browser fetches them
 * through the same-origin BFF.
 */
export function mediaSrc(url: string): string {
  let path = url;
  if (/^https?:\/\//i.test(url)) {
    const u = new URL(url);
    path = `${u.pathname}${u.search}`;
  }
  if (path.startsWith('/api/')) return path;
  return `/api${path.startsWith('/') ? '' : '/'}${path}`;
}

/**
 * The thumbnail for an image shown `cssWidth` pixels wide: the narrowest WebP variant sharp on a 2×
 * screen, else the widest variant, else the original. Null for documents (PDFs have no picture).
 */
export function thumbnailOf(m: Shown, cssWidth: number): string | null {
  if (m.kind !== 'image') return null;
  const v = m.variants.find((x) => x.width >= cssWidth * DENSITY) ?? m.variants[m.variants.length - 1];
  return mediaSrc(v?.url ?? m.url);
}

/** Every WebP variant with its width, for `srcset`: the browser picks by the size shown and the screen. */
export function srcSetOf(m: Shown): string | undefined {
  if (m.kind !== 'image' || m.variants.length === 0) return undefined;
  return m.variants.map((v) => `${mediaSrc(v.url)} ${v.width}w`).join(', ');
}
