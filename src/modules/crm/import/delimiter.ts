export type CsvDelimiter = ',' | ';' | '\t' | '|';

const CANDIDATES: CsvDelimiter[] = [';', ',', '\t', '|'];
const MAX_RECORDS = 50;

/**
 * Detect the delimiter from the first lines of a file (decoded text; a partial last line is fine).
 *
 * The sample is scanned quote-aware (RFC 4180: `"` quotes, `""` escapes, newlines inside quotes
 * do not end a record), so `"Dupont, Jean";12` counts no comma. For each candidate we count its
 * occurrences outside quotes per record; the winner is the candidate whose most common non-zero
 * count covers the most records, then the larger count, then the order `; , \t |` (French Excel
 * exports use `;`, and a `;` file often has commas inside unquoted decimals: `12,5`).
 * Defaults to `,` when no candidate appears at all (single-column file).
 */
export function detectDelimiter(firstLines: string): CsvDelimiter {
  const text = firstLines.charCodeAt(0) === 0xfeff ? firstLines.slice(1) : firstLines;
  const records: Record<CsvDelimiter, number>[] = [];
  let counts = zero();
  let inQuotes = false;
  let fieldStart = true;
  let complete = false;
  let nonEmpty = false;
  for (let i = 0; i < text.length && records.length < MAX_RECORDS; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      }
      continue;
    }
    if (ch === '"' && fieldStart) {
      inQuotes = true;
      fieldStart = false;
      nonEmpty = true;
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      if (nonEmpty) records.push(counts);
      if (ch === '\r' && text[i + 1] === '\n') i++;
      counts = zero();
      fieldStart = true;
      nonEmpty = false;
      complete = i === text.length - 1;
      continue;
    }
    complete = false;
    nonEmpty = true;
    if ((CANDIDATES as string[]).includes(ch)) {
      counts[ch as CsvDelimiter]++;
      fieldStart = true;
    } else if (ch !== ' ') fieldStart = false;
  }
  // The last record is kept only if it is the only one (a sample cut mid-line may be short).
  if (nonEmpty && (records.length === 0 || complete)) records.push(counts);
  if (records.length === 0) return ',';

  let best: { d: CsvDelimiter; covered: number; mode: number } | null = null;
  for (const d of CANDIDATES) {
    const freq = new Map<number, number>();
    for (const r of records) if (r[d] > 0) freq.set(r[d], (freq.get(r[d]) ?? 0) + 1);
    let mode = 0;
    let covered = 0;
    for (const [count, n] of freq) if (n > covered || (n === covered && count > mode)) [mode, covered] = [count, n];
    if (covered === 0) continue;
    if (!best || covered > best.covered || (covered === best.covered && mode > best.mode)) best = { d, covered, mode };
  }
  return best?.d ?? ',';
}

function zero(): Record<CsvDelimiter, number> {
  return { ',': 0, ';': 0, '\t': 0, '|': 0 };
}
