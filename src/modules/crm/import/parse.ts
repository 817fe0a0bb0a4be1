import iconv from 'iconv-lite';
import { Parser, type CsvError, type Options as ParseOptions } from 'csv-parse';
import { detectDelimiter, type CsvDelimiter } from './delimiter.js';
import { detectEncoding, type CsvEncoding } from './encoding.js';

/** Largest accepted record (all its fields, in UTF-8 bytes). */
export const MAX_RECORD_BYTES = 1024 * 1024;

/** The parse is aborted: one record is larger than the limit (a "10 MB line", or an unclosed quote). */
export class RecordTooLargeError extends Error {
  readonly code = 'RECORD_TOO_LARGE';
  constructor(
    readonly line: number,
    readonly limit: number,
  ) {
    super(
      `Line ${line}: a record is larger than ${limit} bytes (${Math.round(limit / 1024)} KB); ` +
        'the file has an unclosed quote or is not a CSV file. Import stopped.',
    );
    this.name = 'RecordTooLargeError';
  }
}

/** One record out of the parser: its cells and the physical line (1-based) where it ends. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** A record csv-parse could not read (bad quoting); the parse goes on without it. */
export interface MalformedRecord {
  line: number;
  code: string;
  message: string;
}

export interface CsvParserOptions {
  delimiter: CsvDelimiter;
  maxRecordBytes?: number;
  /** Called for every malformed record skipped (to put it in the reject report). */
  onMalformed?: (m: MalformedRecord) => void;
}

/**
 * Wraps each record with its line number at push time. (csv-parse's `on_record` would do it,
 * but it builds an info object per record: ~10 % of the whole import CPU in a profile.)
 */
class LeadCsvParser extends Parser {
  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk === null) return super.push(null);
    return super.push({ line: this.info.lines, cells: chunk as string[] } satisfies CsvRecord, encoding);
  }
}

/**
 * csv-parse configured for lead files; input: UTF-8 bytes (from `decodingStream`), output
 * `CsvRecord` objects. Choices:
 * - `max_record_size`: checked byte by byte while a field grows, so a 10 MB line fails after
 *   1 MB buffered (bounded memory) with a `RecordTooLargeError` — the whole parse stops, since
 *   past that point record boundaries can no longer be trusted.
 * - `relax_column_count`: ragged rows are not fatal; `checkRowShape` decides per row.
 * - `relax_quotes`: a `"` inside an unquoted field is data (`5" screen`, `"abc"def` → the
 *   literal text), so stray quotes do not cost a row.
 * - `skip_records_with_error`: records csv-parse still cannot read (an unclosed quote at end of
 *   file, ...) are reported through `onMalformed` and skipped.
 * - record delimiter: any of CRLF, LF, CR (files stitched together mix them).
 * - empty lines and rows of only delimiters (`;;;;`, Excel leftovers) are skipped.
 */
export function createCsvParser(opts: CsvParserOptions): Parser {
  const limit = opts.maxRecordBytes ?? MAX_RECORD_BYTES;
  const options: ParseOptions = {
    delimiter: opts.delimiter,
    bom: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    skip_records_with_error: true,
    max_record_size: limit,
    on_skip: (err: CsvError | undefined): undefined => {
      if (!err) return;
      const line = Number((err as unknown as { lines?: number }).lines ?? 0);
      if (err.code === 'CSV_MAX_RECORD_SIZE') throw new RecordTooLargeError(line, limit);
      opts.onMalformed?.({ line, code: 'malformed_csv', message: err.message });
    },
  };
  return new LeadCsvParser(options);
}

export type RowShape = { ok: true; cells: string[]; padded: boolean } | { ok: false; code: 'too_many_cells'; message: string };

/**
 * Ragged rows. Fewer cells than headers: padded with '' and accepted (tools drop trailing empty
 * cells; cells stay aligned left, so the mapping still holds) — `padded` lets the caller count
 * them. More cells: extra cells that are all empty (trailing delimiters) are dropped; otherwise
 * the row is rejected `too_many_cells` — usually an unquoted delimiter inside a value, which
 * shifts every following column, so mapping it would store data in the wrong fields.
 */
export function checkRowShape(cells: string[], headerCount: number): RowShape {
  if (cells.length === headerCount) return { ok: true, cells, padded: false };
  if (cells.length < headerCount) {
    const out = cells.slice();
    while (out.length < headerCount) out.push('');
    return { ok: true, cells: out, padded: true };
  }
  if (cells.slice(headerCount).every((c) => c.trim() === '')) return { ok: true, cells: cells.slice(0, headerCount), padded: false };
  return {
    ok: false,
    code: 'too_many_cells',
    message: `${cells.length} cells for ${headerCount} columns — a value probably contains an unquoted delimiter`,
  };
}

/**
 * Sniff the first bytes of a file (read `SNIFF_BYTES`): encoding, then the delimiter on the
 * decoded text (cut at the last complete line).
 */
export function sniffCsv(sample: Buffer): { encoding: CsvEncoding; delimiter: CsvDelimiter } {
  const encoding = detectEncoding(sample);
  const text = encoding === 'latin1' ? iconv.decode(sample, 'win1252') : sample.toString('utf8');
  const lastNl = text.lastIndexOf('\n');
  return { encoding, delimiter: detectDelimiter(lastNl > 0 ? text.slice(0, lastNl + 1) : text) };
}
