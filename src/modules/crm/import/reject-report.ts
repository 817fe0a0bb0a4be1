import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { stringify, type Stringifier } from 'csv-stringify';
import { neutraliseFormula } from './export.js';

export interface RejectReason {
  field?: string;
  code: string;
  message?: string;
}

export interface RejectReportOptions {
  /** The headers of the imported file (the report repeats them). */
  headers: string[];
  delimiter?: ',' | ';' | '\t' | '|';
  /** Default true (the report is meant for Excel). */
  bom?: boolean;
  /** Extra header names, default `line` and `reasons` (e.g. `ligne`, `motifs` in French). */
  lineHeader?: string;
  reasonsHeader?: string;
}

/** "email: invalid_email (… message …)". */
export function formatReasons(reasons: RejectReason[]): string {
  return reasons.map((r) => `${r.field ? `${r.field}: ` : ''}${r.code}${r.message ? ` (${r.message})` : ''}`).join('; ');
}

/**
 * The downloadable report of rejected rows: the original cells, then `line` and `reasons`.
 * Rows are written as they come (no list is kept), with backpressure: `await add(...)` waits
 * for `drain` when the destination is slow. Cells are formula-neutralised because rejected rows
 * are exactly where hostile input ends up, and the report is opened in a spreadsheet.
 * Cells beyond the header count (ragged rows) are listed at the end of `reasons`.
 */
export class RejectReport {
  private readonly csv: Stringifier;
  private readonly done: Promise<void>;
  private readonly width: number;
  private count = 0;

  constructor(
    private readonly out: Writable,
    opts: RejectReportOptions,
  ) {
    this.width = opts.headers.length;
    this.csv = stringify({
      bom: opts.bom ?? true,
      delimiter: opts.delimiter ?? ',',
      record_delimiter: 'windows',
    });
    this.done = pipeline(this.csv, out);
    this.done.catch(() => undefined); // surfaced by add() and finish()
    this.csv.write([...opts.headers, opts.lineHeader ?? 'line', opts.reasonsHeader ?? 'reasons'].map(neutraliseFormula));
  }

  /** Number of rows written so far. */
  get rejected(): number {
    return this.count;
  }

  async add(line: number, cells: string[], reasons: RejectReason[]): Promise<void> {
    const row = new Array<string>(this.width);
    for (let i = 0; i < this.width; i++) row[i] = neutraliseFormula(cells[i] ?? '');
    let text = formatReasons(reasons);
    if (cells.length > this.width) text += `; extra cells: ${cells.slice(this.width).map((c) => JSON.stringify(c)).join(' | ')}`;
    row.push(String(line), neutraliseFormula(text));
    this.count++;
    if (!this.csv.write(row)) await Promise.race([once(this.csv, 'drain'), this.done]);
  }

  /** End the CSV and wait until the destination has flushed everything. */
  async finish(): Promise<void> {
    this.csv.end();
    await this.done;
  }
}
