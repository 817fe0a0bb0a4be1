import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { stringify, type Stringifier } from 'csv-stringify';
import { neutraliseFormula } from './export.js';

/** One value left out of an imported row: where it was, what it was, and why. */
export interface CellWarning {
  /** CSV line (1-based, header included), as a spreadsheet numbers it. */
  line: number;
  /** Zero-based column in the file, and its header. */
  column: number;
  header: string;
  value: string;
  code: string;
  message: string;
}

/**
 * The downloadable list of values an import left out of rows it kept: one line per cell, in
 * file order, so a marketer can fix them in the source and import again. Written as the rows
 * come, with backpressure, like the rejected-rows report; cells are formula-neutralised.
 */
export class WarningReport {
  private readonly csv: Stringifier;
  private readonly done: Promise<void>;
  private count = 0;

  constructor(out: Writable, opts: { delimiter?: ',' | ';' | '|'; bom?: boolean } = {}) {
    this.csv = stringify({ bom: opts.bom ?? true, delimiter: opts.delimiter ?? ',', record_delimiter: 'windows' });
    this.done = pipeline(this.csv, out);
    this.done.catch(() => undefined); // surfaced by add() and finish()
    this.csv.write(['line', 'column', 'value', 'code', 'reason']);
  }

  get warnings(): number {
    return this.count;
  }

  async add(w: CellWarning): Promise<void> {
    this.count++;
    if (!this.csv.write([String(w.line), neutraliseFormula(w.header), neutraliseFormula(w.value), w.code, neutraliseFormula(w.message)])) {
      await Promise.race([once(this.csv, 'drain'), this.done]);
    }
  }

  async finish(): Promise<void> {
    this.csv.end();
    await this.done;
  }
}
