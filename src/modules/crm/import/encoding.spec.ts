import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';
import { decodingStream, detectEncoding, isValidUtf8 } from './encoding.js';
import { sniffCsv } from './parse.js';

async function decodeChunks(chunks: Buffer[], enc: ReturnType<typeof detectEncoding>): Promise<string> {
  const out: Buffer[] = [];
  await pipeline(Readable.from(chunks, { objectMode: false }), decodingStream(enc), async function* (src) {
    for await (const c of src) out.push(c as Buffer);
  });
  return Buffer.concat(out).toString('utf8');
}

describe('detectEncoding', () => {
  const text = 'Prénom;Nom\nCédric;Müller\n';
  it('UTF-8 with BOM', () => {
    expect(detectEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]))).toBe('utf8bom');
  });
  it('UTF-8 without BOM', () => expect(detectEncoding(Buffer.from(text, 'utf8'))).toBe('utf8'));
  it('pure ASCII is UTF-8', () => expect(detectEncoding(Buffer.from('email\na@b.fr\n'))).toBe('utf8'));
  it('Latin-1 bytes', () => {
    const bytes = Buffer.from(text, 'latin1');
    expect(bytes.includes(0xe9)).toBe(true); // é as one byte
    expect(detectEncoding(bytes)).toBe('latin1');
  });
  it('Windows-1252 bytes (€, œ, curly apostrophe)', () => {
    expect(detectEncoding(iconv.encode('Cœur;Prix €;L’Oréal\n', 'win1252'))).toBe('latin1');
  });
  it('a sample cut inside a multi-byte character is still UTF-8', () => {
    const b = Buffer.from('abc é', 'utf8');
    expect(detectEncoding(b.subarray(0, b.length - 1))).toBe('utf8');
  });
  it('rejects overlongs and surrogates', () => {
    expect(isValidUtf8(Buffer.from([0xc0, 0xaf]))).toBe(false);
    expect(isValidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(false);
    expect(isValidUtf8(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe(false);
    expect(isValidUtf8(Buffer.from('😀', 'utf8'))).toBe(true);
  });
});

describe('decodingStream', () => {
  it('decodes Latin-1 / cp1252 to UTF-8', async () => {
    const bytes = iconv.encode('Prénom;Nom\nCédric;Müller\nCœur;100 €\n', 'win1252');
    expect(await decodeChunks([bytes], 'latin1')).toBe('Prénom;Nom\nCédric;Müller\nCœur;100 €\n');
  });
  it('strips the BOM, even when it arrives split over chunks', async () => {
    const b = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('é;x\n', 'utf8')]);
    expect(await decodeChunks([b.subarray(0, 1), b.subarray(1, 2), b.subarray(2)], 'utf8bom')).toBe('é;x\n');
  });
  it('keeps a multi-byte character split across chunks (every split point)', async () => {
    const s = 'Cédric;Zoë;日本;😀\n';
    const b = Buffer.from(s, 'utf8');
    for (let cut = 1; cut < b.length; cut++) {
      expect(await decodeChunks([b.subarray(0, cut), b.subarray(cut)], 'utf8')).toBe(s);
    }
    // one byte per chunk
    expect(await decodeChunks([...b].map((x) => Buffer.from([x])), 'utf8')).toBe(s);
  });
  it('turns invalid UTF-8 later in the file into U+FFFD instead of failing', async () => {
    const b = Buffer.concat([Buffer.from('ok;1\n'), Buffer.from([0x43, 0xe9, 0x64, 0x0a])]);
    expect(await decodeChunks([b], 'utf8')).toBe('ok;1\nC\ufffdd\n');
  });
});

describe('sniffCsv', () => {
  it('finds encoding and delimiter of a French Excel export', () => {
    expect(sniffCsv(Buffer.from('Prénom;Nom;Montant\nCédric;Müller;12,5\n', 'latin1'))).toEqual({ encoding: 'latin1', delimiter: ';' });
  });
});
