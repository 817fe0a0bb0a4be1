import { CsvError, parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { EntitiesError } from '../entities.errors.js';

export interface CsvRow {
  /** 1-based line of the file where the record starts (the header is line 1). */
  line: number;
  values: string[];
}

export interface CsvTable {
  encoding: 'utf-8' | 'latin-1';
  delimiter: string;
  header: string[];
  rows: CsvRow[];
}

const malformed = (detail: string) => new EntitiesError('CSV_MALFORMED', detail);

/**
 * UTF-8 (with or without BOM) when the bytes are valid UTF-8, else Latin-1 (read as Windows-1252,
 * its superset, which also covers the € and curly quotes Excel writes). Binary input is refused.
 */
export function decodeCsv(bytes: Buffer): { text: string; encoding: CsvTable['encoding'] } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) throw malformed('UTF-16 files are not supported: save the file as UTF-8 CSV.');
  if (bytes.includes(0)) throw malformed('The file is not a text CSV (it contains NUL bytes).');
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(bytes, 'win1252'), encoding: 'latin-1' };
  }
}

/** The separator used most on the header line (`,`, `;` or tab), counting only outside quotes. */
export function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text.slice(0, 64 * 1024)) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch]!++;
  }
  const [best, n] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]!;
  return n > 0 ? best : ',';
}

/** Parses a whole CSV: header + records with their line numbers. Syntax errors become a 400 naming the line. */
export function readCsv(bytes: Buffer): CsvTable {
  // One line ending, so line numbers count what an editor shows (csv-parse counts \r\n inside quotes twice).
  const { text: decoded, encoding } = decodeCsv(bytes);
  const text = decoded.replace(/\r\n?/g, '\n');
  if (!text.trim()) throw malformed('The file is empty.');
  const delimiter = detectDelimiter(text);
  let records: { info: { lines: number }; record: string[] }[];
  try {
    records = parse(text, { delimiter, bom: true, info: true, relax_column_count: true, skip_empty_lines: true, max_record_size: 1_000_000 }) as never;
  } catch (err) {
    if (err instanceof CsvError) throw malformed(`The CSV is malformed: ${err.message}`);
    throw err;
  }
  const [head, ...rest] = records;
  if (!head) throw malformed('The file has no header line.');
  const header = head.record.map((h) => h.trim());
  return { encoding, delimiter, header, rows: rest.map((r) => ({ line: r.info.lines - breaks(r.record), values: r.record })) };
}

/** Line breaks inside a record's quoted values: its start line is its end line minus these. */
const breaks = (values: string[]) => values.reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0);

/** Header names compared without case, accents, spaces, `_` or `-`: "Prix (minor)" ≈ "prix_minor". */
export const normaliseHeader = (h: string) =>
  h.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[\s_\-()]/g, '');

/** "1 234,56", "1,234.56", "1234.56" → "1234.56"; null when it is not a number. */
export function normaliseDecimal(raw: string): string | null {
  let s = raw.replace(/[\s\u00a0\u202f']/g, '');
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma > lastDot) s = s.replace(/\./g, '').replace(',', '.');
  else s = s.replace(/,/g, '');
  return /^-?\d+(\.\d+)?$/.test(s) ? s : null;
}

/** A decimal amount in major units to integer minor units, without floating point ("12.5", 2 → 1250n). */
export function toMinorUnits(raw: string, digits: number): bigint | null {
  const s = normaliseDecimal(raw);
  if (s === null || s.startsWith('-')) return null;
  const [int, frac = ''] = s.split('.');
  if (frac.length > digits) return null;
  return BigInt(int!) * 10n ** BigInt(digits) + BigInt(frac.padEnd(digits, '0') || '0');
}
