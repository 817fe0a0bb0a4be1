import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse/sync';
import { leadsCsvStream, neutraliseFormula } from './export.js';
import { suggestMapping } from './mapping.js';

describe('neutraliseFormula', () => {
  it.each([
    ['=cmd|\' /C calc\'!A0', "'=cmd|' /C calc'!A0"],
    ['=HYPERLINK("http://evil.example","clic")', '\'=HYPERLINK("http://evil.example","clic")'],
    ['+1+cmd|x', "'+1+cmd|x"],
    ['-2+3+cmd|\' /C calc\'!A0', "'-2+3+cmd|' /C calc'!A0"],
    ['@SUM(1+1)*cmd|x', "'@SUM(1+1)*cmd|x"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ['  =1+1', "'  =1+1"], // leading blanks looked through
    ['-', "'-"],
    ['+', "'+"],
    ['-12', '-12'], // plain numbers stay readable
    ['+33612345678', '+33612345678'],
    ['+33 6 12 34 56 78', '+33 6 12 34 56 78'], // a phone number as people write it stays dialable
    ['+33 (0)6 12 34 56 78', '+33 (0)6 12 34 56 78'],
    ['+1 (415) 555-2671', '+1 (415) 555-2671'],
    ['+262 692.12.34.56', '+262 692.12.34.56'],
    ['+1 2', "'+1 2"], // too few digits for a phone number
    ['+33 6 12 34 56 78+cmd|x', "'+33 6 12 34 56 78+cmd|x"],
    ['+33 6 12 34 56 78 ', "'+33 6 12 34 56 78 "],
    ['-3,5', '-3,5'],
    ['-0.25', '-0.25'],
    ['-1e3', "'-1e3"],
    ['- 12', "'- 12"],
    [' -12', "' -12"],
    ['Jean-Pierre', 'Jean-Pierre'],
    ['a=b', 'a=b'],
    ['jean@example.fr', 'jean@example.fr'],
    ['', ''],
  ])('%j → %j', (input, out) => expect(neutraliseFormula(input)).toBe(out));
});

async function run(leads: object[], opts: Parameters<typeof leadsCsvStream>[0]): Promise<Buffer> {
  const out: Buffer[] = [];
  await pipeline(
    Readable.from(leads),
    leadsCsvStream(opts),
    new Writable({
      write(c: Buffer, _e, cb) {
        out.push(c);
        cb();
      },
    }),
  );
  return Buffer.concat(out);
}

describe('leadsCsvStream', () => {
  const lead = {
    id: '0190a1b2-0000-7000-8000-000000000001',
    email: 'jean@example.fr',
    firstName: '=cmd|\' /C calc\'!A0',
    lastName: 'Dupont',
    phone: '+33612345678',
    company: 'ACME; "Inc"',
    jobTitle: '@SUM(A1:A9)',
    source: '-2+3',
    lifecycleStage: 'lead',
    tags: ['vip', '=x'],
    language: 'fr',
    timezone: null,
    emailConsent: 'granted',
    emailConsentAt: new Date('2026-01-02T03:04:05.678Z'),
    smsConsent: 'unknown',
    whatsappConsent: 'denied',
    score: 12,
    customFields: { budget: 12.5, vip: true, note: '+cmd' },
    createdAt: new Date('2026-01-01T00:00:00.000Z'),
    updatedAt: new Date('2026-01-01T00:00:00.000Z'),
  };
  const customFields = [{ key: 'budget', label: 'Budget' }, { key: 'vip', label: 'VIP' }, { key: 'note', label: '=Note' }];

  it('writes a BOM, a header and neutralised cells (English, comma)', async () => {
    const buf = await run([lead], { customFields });
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(buf, { bom: true });
    expect(rows).toHaveLength(2);
    const [header, row] = rows;
    const get = (h: string) => row[header.indexOf(h)];
    expect(header[1]).toBe('Email');
    expect(header.slice(-3)).toEqual(['Budget', 'VIP', "'=Note"]);
    expect(get('First name')).toBe("'=cmd|' /C calc'!A0");
    expect(get('Job title')).toBe("'@SUM(A1:A9)");
    expect(get('Source')).toBe("'-2+3");
    expect(get('Company')).toBe('ACME; "Inc"');
    expect(get('Phone')).toBe('+33612345678');
    expect(get('Tags')).toBe('vip, =x');
    expect(get('Email consent at')).toBe('2026-01-02T03:04:05.678Z');
    expect(get('Time zone')).toBe('');
    expect(get('Budget')).toBe('12.5');
    expect(get('VIP')).toBe('yes');
    expect(get("'=Note")).toBe("'+cmd");
    expect(buf.toString('utf8')).toContain('\r\n');
  });

  it('French locale: `;`, French headers, decimal comma — headers map back on re-import', async () => {
    const buf = await run([lead], { locale: 'fr', customFields });
    const text = buf.toString('utf8');
    expect(text.split('\r\n')[0]).toMatch(/^\ufeffID;E-mail;Prénom;Nom;Téléphone;Société;Poste;/);
    const [header, row] = parse(buf, { bom: true, delimiter: ';' }) as string[][];
    expect(row[header.indexOf('Budget')]).toBe('12,5');
    expect(row[header.indexOf('VIP')]).toBe('oui');
    const mapped = suggestMapping(header).filter((m) => m.field).map((m) => m.field);
    expect(mapped).toEqual(expect.arrayContaining(['email', 'firstName', 'lastName', 'phone', 'company', 'jobTitle', 'source', 'tags', 'language', 'emailConsent', 'smsConsent', 'whatsappConsent']));
  });

  it('an empty export still has BOM and header', async () => {
    const text = (await run([], { locale: 'en' })).toString('utf8');
    expect(text.startsWith('\ufeffID,Email,First name')).toBe(true);
  });
});
