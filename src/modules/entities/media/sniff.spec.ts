import { pdfLooksComplete, sniff } from './sniff.js';

describe('sniff', () => {
  it('recognises the five accepted types by their magic bytes only', () => {
    expect(sniff(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))?.mime).toBe('image/jpeg');
    expect(sniff(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))?.mime).toBe('image/png');
    expect(sniff(Buffer.from('RIFF\x00\x00\x00\x00WEBPVP8 ', 'latin1'))?.mime).toBe('image/webp');
    expect(sniff(Buffer.from('GIF89a...'))?.mime).toBe('image/gif');
    expect(sniff(Buffer.from('%PDF-1.7\n'))?.mime).toBe('application/pdf');
  });

  it('refuses everything else, including near misses', () => {
    for (const s of ['<svg xmlns="http://www.w3.org/2000/svg">', '<html>', 'RIFF\x00\x00\x00\x00WAVE', 'GIF90a', ' %PDF-1.7', 'PK\x03\x04', '']) expect(sniff(Buffer.from(s, 'latin1'))).toBeNull();
    expect(sniff(Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
  });

  it('sees a PDF without its end marker as truncated', () => {
    expect(pdfLooksComplete(Buffer.from('%PDF-1.4\n...\n%%EOF\n'))).toBe(true);
    expect(pdfLooksComplete(Buffer.from('%PDF-1.4\n...\nstartxref\n'))).toBe(false);
  });
});
