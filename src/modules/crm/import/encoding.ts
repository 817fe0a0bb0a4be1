import { Transform, type TransformCallback } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import iconv from 'iconv-lite';

/**
 * Encodings the importer accepts.
 *
 * - `utf8bom`: starts with EF BB BF (Excel "CSV UTF-8").
 * - `utf8`: the sample is valid UTF-8 (pure ASCII counts as UTF-8).
 * - `latin1`: anything else. Decoded as **Windows-1252**, not strict ISO-8859-1: cp1252 is a
 *   superset for every printable Latin-1 character and assigns 0x80–0x9F to characters French
 *   Excel on Windows really writes (€ ’ “ ” œ Œ … – —), where ISO-8859-1 has invisible C1
 *   control codes. The five bytes cp1252 leaves undefined (81 8D 8F 90 9D) decode to U+FFFD,
 *   which `validateRow` reports as `invalid_encoding`.
 */
export type CsvEncoding = 'utf8' | 'utf8bom' | 'latin1';

/** How many bytes the caller should read before calling detectEncoding / detectDelimiter. */
export const SNIFF_BYTES = 64 * 1024;

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Guess the encoding from the first bytes of the file (use ~64 KB: `SNIFF_BYTES`).
 * A multi-byte sequence cut by the end of the sample is tolerated.
 */
export function detectEncoding(sample: Buffer): CsvEncoding {
  if (sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf8bom';
  return isValidUtf8(sample, true) ? 'utf8' : 'latin1';
}

/**
 * Strict UTF-8 validation (no overlongs, no surrogates, max U+10FFFF).
 * With `allowTruncatedEnd`, an incomplete but so-far-valid sequence at the very end is accepted
 * (the sample was cut in the middle of a character).
 */
export function isValidUtf8(buf: Buffer, allowTruncatedEnd = false): boolean {
  const n = buf.length;
  let i = 0;
  while (i < n) {
    const b = buf[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // overlong
      if (b === 0xed) hi = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90; // overlong
      if (b === 0xf4) hi = 0x8f; // > U+10FFFF
    } else return false;
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return allowTruncatedEnd;
      const c = buf[i + k];
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return false;
    }
    i += need + 1;
  }
  return true;
}

/**
 * A streaming decoder: bytes in the given encoding → UTF-8 bytes (no BOM) for csv-parse.
 * Memory is bounded by the chunk size; a multi-byte character split across chunks is carried
 * over by StringDecoder. Invalid UTF-8 later in a file detected as UTF-8 becomes U+FFFD
 * (then rejected per row as `invalid_encoding`), it never aborts the import.
 */
export function decodingStream(encoding: CsvEncoding): Transform {
  if (encoding === 'latin1') {
    const decoder = iconv.getDecoder('win1252');
    return new Transform({
      transform(chunk: Buffer, _enc, cb: TransformCallback) {
        const s = decoder.write(chunk);
        cb(null, s.length ? Buffer.from(s, 'utf8') : undefined);
      },
      flush(cb: TransformCallback) {
        const s = decoder.end();
        cb(null, s ? Buffer.from(s, 'utf8') : undefined);
      },
    });
  }
  const decoder = new StringDecoder('utf8');
  // Strip a BOM whatever the detected label says (a BOM is never data).
  let head: Buffer | null = Buffer.alloc(0);
  const emit = (t: Transform, s: string) => {
    if (s.length) t.push(Buffer.from(s, 'utf8'));
  };
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      if (head) {
        head = Buffer.concat([head, chunk]);
        if (head.length < 3 && BOM.subarray(0, head.length).equals(head)) return cb(); // wait
        chunk = head.subarray(0, 3).equals(BOM) ? head.subarray(3) : head;
        head = null;
      }
      emit(this, decoder.write(chunk));
      cb();
    },
    flush(cb: TransformCallback) {
      if (head && head.length) emit(this, decoder.write(head));
      emit(this, decoder.end());
      cb();
    },
  });
}
