export type SniffedType = { mime: 'image/jpeg'; ext: 'jpg' } | { mime: 'image/png'; ext: 'png' } | { mime: 'image/webp'; ext: 'webp' } | { mime: 'image/gif'; ext: 'gif' } | { mime: 'application/pdf'; ext: 'pdf' };

const starts = (b: Buffer, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/**
 * The type of a file from its first bytes (magic numbers), never from its name or declared
 * Content-Type. Only the five types we accept are recognised; anything else is null.
 */
export function sniff(b: Buffer): SniffedType | null {
  if (starts(b, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', ext: 'jpg' };
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: 'image/png', ext: 'png' };
  if (starts(b, ascii('RIFF')) && starts(b, ascii('WEBP'), 8)) return { mime: 'image/webp', ext: 'webp' };
  if (starts(b, ascii('GIF87a')) || starts(b, ascii('GIF89a'))) return { mime: 'image/gif', ext: 'gif' };
  // PDF readers accept the header anywhere in the first KiB, but we only take it at the start.
  if (starts(b, ascii('%PDF-'))) return { mime: 'application/pdf', ext: 'pdf' };
  return null;
}

/** A PDF whose end-of-file marker is missing from its tail is truncated. */
export const pdfLooksComplete = (b: Buffer) => b.subarray(Math.max(0, b.length - 2048)).includes('%%EOF');

export const MIME_BY_EXT: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif', pdf: 'application/pdf' };
