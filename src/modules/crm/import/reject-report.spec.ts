import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { RejectReport } from './reject-report.js';

class Sink extends Writable {
  chunks: Buffer[] = [];
  writes = 0;
  constructor(private readonly delayMs = 0) {
    super({ highWaterMark: 1024 });
  }
  override _write(c: Buffer, _e: BufferEncoding, cb: (e?: Error | null) => void) {
    this.chunks.push(c);
    this.writes++;
    if (this.delayMs) setTimeout(cb, this.delayMs);
    else cb();
  }
  text() {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

describe('RejectReport', () => {
  it('writes original columns + line + reasons, neutralised, ragged extras in reasons', async () => {
    const sink = new Sink();
    const report = new RejectReport(sink, { headers: ['Email', 'Nom'], delimiter: ';' });
    await report.add(3, ['bad', '=cmd|x'], [{ field: 'email', code: 'invalid_email', message: '"bad" is not a valid email address' }]);
    await report.add(7, ['a@b.fr', 'Dupont', 'Jean'], [{ code: 'too_many_cells', message: '3 cells for 2 columns' }]);
    await report.add(9, ['x'], [{ code: 'missing_contact' }, { field: 'phone', code: 'invalid_phone' }]);
    await report.finish();
    expect(report.rejected).toBe(3);
    const text = sink.text();
    expect(text.startsWith('\ufeff')).toBe(true);
    expect(parse(text, { bom: true, delimiter: ';' })).toEqual([
      ['Email', 'Nom', 'line', 'reasons'],
      ['bad', "'=cmd|x", '3', 'email: invalid_email ("bad" is not a valid email address)'],
      ['a@b.fr', 'Dupont', '7', 'too_many_cells (3 cells for 2 columns); extra cells: "Jean"'],
      ['x', '', '9', 'missing_contact; phone: invalid_phone'],
    ]);
  });

  it('streams with backpressure to a slow destination without keeping rows', async () => {
    const sink = new Sink(1);
    const report = new RejectReport(sink, { headers: ['a', 'b', 'c'] });
    const cell = 'z'.repeat(200);
    let maxBuffered = 0;
    for (let i = 0; i < 2000; i++) {
      await report.add(i + 2, [cell, cell, cell], [{ code: 'invalid_email' }]);
      maxBuffered = Math.max(maxBuffered, sink.writableLength);
    }
    await report.finish();
    expect(report.rejected).toBe(2000);
    expect(parse(sink.text(), { bom: true })).toHaveLength(2001);
    expect(maxBuffered).toBeLessThan(64 * 1024); // never more than ~a highWaterMark in flight
  });

  it('finish() surfaces a destination error', async () => {
    const bad = new Writable({
      write(_c, _e, cb) {
        cb(new Error('disk full'));
      },
    });
    const report = new RejectReport(bad, { headers: ['a'] });
    await expect(
      (async () => {
        await report.add(2, ['x'], [{ code: 'invalid_email' }]);
        await report.finish();
      })(),
    ).rejects.toThrow('disk full');
  });
});
