import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { decodingStream } from './encoding.js';
import { checkRowShape, createCsvParser, MAX_RECORD_BYTES, RecordTooLargeError, type CsvRecord, type MalformedRecord } from './parse.js';

async function parseAll(input: string | Buffer | Iterable<Buffer> | AsyncIterable<Buffer>, delimiter: ';' | ',' = ';') {
  const records: CsvRecord[] = [];
  const malformed: MalformedRecord[] = [];
  const src = typeof input === 'string' || Buffer.isBuffer(input) ? Readable.from([Buffer.from(input)]) : Readable.from(input);
  await pipeline(src, decodingStream('utf8'), createCsvParser({ delimiter, onMalformed: (m) => malformed.push(m) }), async function* (rows) {
    for await (const r of rows) records.push(r as CsvRecord);
  });
  return { records, malformed };
}

describe('createCsvParser', () => {
  it('gives cells and physical line numbers; skips blank and delimiter-only lines', async () => {
    const { records } = await parseAll('email;nom\r\na@b.fr;"Dupont\nJean"\n\n;;\nc@d.fr;X\n');
    expect(records).toEqual([
      { line: 1, cells: ['email', 'nom'] },
      { line: 3, cells: ['a@b.fr', 'Dupont\nJean'] }, // line where the record ends
      { line: 6, cells: ['c@d.fr', 'X'] },
    ]);
  });
  it('ragged rows are passed through (checkRowShape decides)', async () => {
    const { records } = await parseAll('a;b;c\n1;2\n1;2;3;4\n1;2;3;;\n');
    expect(records.map((r) => r.cells.length)).toEqual([3, 2, 4, 5]);
  });
  it('keeps quotes inside unquoted fields', async () => {
    const { records } = await parseAll('a;b\nécran 5" ;x\n');
    expect(records[1].cells).toEqual(['écran 5" ', 'x']);
  });
  it('stray quotes after a closing quote are kept as text (relax_quotes)', async () => {
    const { records, malformed } = await parseAll('a;b\n1;2\n"abc"def;x\n3;4\n');
    expect(records.map((r) => r.cells)).toEqual([['a', 'b'], ['1', '2'], ['"abc"def', 'x'], ['3', '4']]);
    expect(malformed).toEqual([]);
  });
  it('reports an unclosed quote at end of file and keeps the rows before it', async () => {
    const { records, malformed } = await parseAll('a;b\n1;2\n"never closed;x\n3;4\n');
    expect(records.map((r) => r.cells)).toEqual([['a', 'b'], ['1', '2']]);
    expect(malformed).toEqual([expect.objectContaining({ code: 'malformed_csv' })]);
    expect(malformed[0].message).toMatch(/quote/i);
  });
});

describe('10 MB line guard', () => {
  let pulled = 0;
  function* tenMbLine(quoted: boolean): Generator<Buffer> {
    pulled = 0;
    yield Buffer.from('email;notes\na@b.fr;ok\nc@d.fr;' + (quoted ? '"' : ''));
    const chunk = Buffer.alloc(64 * 1024, 'x');
    for (let i = 0; i < 160; i++) {
      pulled += chunk.length;
      yield chunk; // 10 MB, no newline
    }
    yield Buffer.from('\ne@f.fr;after\n');
  }
  it.each([false, true])('fails the parse with RecordTooLargeError (quoted=%s) with bounded memory', async (quoted) => {
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
    let err: unknown;
    let count = 0;
    try {
      await pipeline(Readable.from(tenMbLine(quoted)), decodingStream('utf8'), createCsvParser({ delimiter: ';' }), async function* (rows) {
        for await (const _ of rows) count++;
      });
    } catch (e) {
      err = e;
    } finally {
      clearInterval(timer);
    }
    expect(err).toBeInstanceOf(RecordTooLargeError);
    expect((err as RecordTooLargeError).code).toBe('RECORD_TOO_LARGE');
    expect((err as RecordTooLargeError).line).toBe(3);
    expect((err as Error).message).toMatch(/Line 3: a record is larger than 1048576 bytes/);
    expect(count).toBeLessThanOrEqual(2);
    expect(pulled).toBeLessThan(3 * 1024 * 1024); // stopped reading soon after 1 MB, not at 10 MB
    expect(peak - before).toBeLessThan(40 * 1024 * 1024);
  });
  it('accepts a record just under the limit', async () => {
    const big = 'y'.repeat(MAX_RECORD_BYTES - 100);
    const { records } = await parseAll(`email;notes\na@b.fr;${big}\n`);
    expect(records[1].cells[1]).toHaveLength(big.length);
  });
});

describe('checkRowShape', () => {
  it('exact width passes untouched', () => expect(checkRowShape(['a', 'b'], 2)).toEqual({ ok: true, cells: ['a', 'b'], padded: false }));
  it('short rows are padded and flagged', () => expect(checkRowShape(['a'], 3)).toEqual({ ok: true, cells: ['a', '', ''], padded: true }));
  it('trailing empty extra cells are dropped', () => expect(checkRowShape(['a', 'b', '', ' '], 2)).toEqual({ ok: true, cells: ['a', 'b'], padded: false }));
  it('non-empty extra cells reject the row', () => {
    const r = checkRowShape(['Dupont', ' Jean', 'a@b.fr'], 2);
    expect(r).toMatchObject({ ok: false, code: 'too_many_cells' });
  });
});
