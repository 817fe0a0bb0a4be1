import { boundaryOf, parseMultipart } from './multipart.js';

const body = (parts: string[], boundary = 'XyZ') => Buffer.from(`preamble\r\n${parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('')}--${boundary}--\r\n`, 'latin1');

describe('multipart/form-data', () => {
  it('reads the boundary, quoted or not', () => {
    expect(boundaryOf('multipart/form-data; boundary=----abc123')).toBe('----abc123');
    expect(boundaryOf('multipart/form-data; charset=utf-8; boundary="a b"')).toBe('a b');
    expect(boundaryOf('application/json')).toBeNull();
    expect(boundaryOf(undefined)).toBeNull();
  });

  it('splits fields and a file, keeping binary bytes and CRLFs inside the file', () => {
    const bin = '\x00\xff\r\n--Xy\r\n';
    const parts = parseMultipart(
      body(['Content-Disposition: form-data; name="productId"\r\n\r\nabc', `Content-Disposition: form-data; name="file"; filename="a \\"b\\".png"\r\nContent-Type: image/png\r\n\r\n${bin}`]),
      'XyZ',
    )!;
    expect(parts.map((p) => [p.name, p.filename, p.contentType])).toEqual([
      ['productId', undefined, undefined],
      ['file', 'a "b".png', 'image/png'],
    ]);
    expect(parts[0]!.data.toString()).toBe('abc');
    expect(parts[1]!.data.equals(Buffer.from(bin, 'latin1'))).toBe(true);
  });

  it('returns null for malformed bodies', () => {
    expect(parseMultipart(Buffer.from('no boundary here'), 'XyZ')).toBeNull();
    expect(parseMultipart(Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated'), 'XyZ')).toBeNull();
    expect(parseMultipart(Buffer.from('--XyZ\r\nX-Other: 1\r\n\r\nv\r\n--XyZ--'), 'XyZ')).toBeNull();
    expect(parseMultipart(Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="a"'), 'XyZ')).toBeNull();
  });
});
