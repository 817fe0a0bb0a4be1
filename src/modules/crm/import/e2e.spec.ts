import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  RejectReport,
  applyMapping,
  checkRowShape,
  createCsvParser,
  decodingStream,
  sniffCsv,
  suggestMapping,
  validateRow,
  SNIFF_BYTES,
  type CsvRecord,
  type ValidateOptions,
} from './index.js';

const ROWS = 100_000;
const HEADER = 'Prénom;Nom;Adresse e-mail;Téléphone;Société;Fonction;Étiquettes;Newsletter;Langue;Ville;Budget\r\n';

/** Generates the file lazily (never held in memory): UTF-8 with BOM, `;`, ~1 % bad rows. */
function* generateCsv(rows: number): Generator<Buffer> {
  let buf = '\ufeff' + HEADER;
  for (let i = 1; i <= rows; i++) {
    const bad = i % 100 === 0;
    const email = bad ? `user${i}@invalid` : `User.${i}@Example${i % 50}.fr`;
    const n = String(i).padStart(6, '0');
    const phone = bad ? "n/a" : i % 3 ? `06 12 ${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4)}` : `+33 7 58 ${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4)}`;
    const company = i % 10 === 0 ? `"Société ${i}; Fils & Cie"` : `Société ${i}`;
    buf += `Cédric${i};Müller;${email};${phone};${company};Directeur commercial;vip, salon|2026;${i % 2 ? 'oui' : 'non'};fr-FR;Lyon;${i},5\r\n`;
    if (buf.length > 60_000) {
      yield Buffer.from(buf, 'utf8');
      buf = '';
    }
  }
  if (buf) yield Buffer.from(buf, 'utf8');
}

/** A re-chunking source that cuts at arbitrary byte offsets (so multi-byte chars get split). */
async function* rechunk(src: Iterable<Buffer>, size: number): AsyncGenerator<Buffer> {
  let carry = Buffer.alloc(0);
  for (const b of src) {
    carry = Buffer.concat([carry, b]);
    while (carry.length >= size) {
      yield carry.subarray(0, size);
      carry = carry.subarray(size);
    }
  }
  if (carry.length) yield carry;
}

describe('streamed import, end to end (decode → parse → map → validate)', () => {
  it(`${ROWS} rows with bounded heap`, async () => {
    // Sniff like the job would: first 64 KB of the file.
    const first = generateCsv(ROWS).next().value as Buffer;
    const { encoding, delimiter } = sniffCsv(first.subarray(0, SNIFF_BYTES));
    expect(encoding).toBe('utf8bom');
    expect(delimiter).toBe(';');

    const opts: ValidateOptions = { defaultCountry: 'FR', customFieldTypes: { city: 'text', budget: 'number' } };
    let mapping: ReturnType<typeof suggestMapping> | null = null;
    let width = 0;
    let ok = 0;
    let rejected = 0;
    let sumBudget = 0;
    const rejectSink = new Writable({ write: (_c, _e, cb) => cb() });
    let report: RejectReport | null = null;

    global.gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    let peak = heap0;
    const t0 = process.hrtime.bigint();

    await pipeline(
      Readable.from(rechunk(generateCsv(ROWS), 16_381)), // odd size: cuts inside é/ü/É
      decodingStream(encoding),
      createCsvParser({ delimiter }),
      async function (records: AsyncIterable<CsvRecord>) {
        for await (const { line, cells } of records) {
          if (!mapping) {
            mapping = suggestMapping(cells, [{ key: 'city', label: 'Ville' }, { key: 'budget', label: 'Budget' }]);
            width = cells.length;
            report = new RejectReport(rejectSink, { headers: cells, delimiter });
            continue;
          }
          const shape = checkRowShape(cells, width);
          if (!shape.ok) {
            rejected++;
            await report!.add(line, cells, [{ code: shape.code, message: shape.message }]);
            continue;
          }
          const r = validateRow(applyMapping(shape.cells, mapping), opts);
          if (r.ok) {
            ok++;
            sumBudget += r.lead.customFields.budget as number;
            if (line === 2) {
              expect(r.lead).toMatchObject({ firstName: 'Cédric1', lastName: 'Müller', email: 'user.1@example1.fr', phone: '+33612000001', company: 'Société 1', tags: ['vip', 'salon', '2026'], emailConsent: 'granted', language: 'fr', customFields: { city: 'Lyon', budget: 1.5 } });
            }
          } else {
            rejected++;
            await report!.add(line, cells, r.errors);
          }
          if ((ok + rejected) % 2000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
        }
        await report!.finish();
      },
    );

    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const growthMb = (peak - heap0) / 1024 / 1024;
    process.stdout.write(
      `\n[import e2e] ${ROWS} rows in ${seconds.toFixed(2)} s = ${Math.round(ROWS / seconds)} rows/s; ` +
        `accepted ${ok}, rejected ${rejected}; peak heap growth ${growthMb.toFixed(1)} MB\n`,
    );
    expect(mapping!.map((m) => m.field)).toEqual(['firstName', 'lastName', 'email', 'phone', 'company', 'jobTitle', 'tags', 'emailConsent', 'language', { customField: 'city' }, { customField: 'budget' }]);
    expect(ok + rejected).toBe(ROWS);
    expect(rejected).toBe(ROWS / 100);
    expect(report!.rejected).toBe(ROWS / 100);
    expect(sumBudget).toBeGreaterThan(0);
    expect(growthMb).toBeLessThan(100);
  }, 120_000);
});
