import { decodeCsv, detectDelimiter, normaliseDecimal, normaliseHeader, readCsv, toMinorUnits } from './csv-table.js';
import { mapColumns, PRODUCT_COLUMNS, rowToInput } from './import-columns.js';

describe('CSV reading', () => {
  it('decodes UTF-8 (with BOM) and falls back to Latin-1 (Windows-1252)', () => {
    expect(decodeCsv(Buffer.from('\ufeffcafé', 'utf8'))).toEqual({ text: 'café', encoding: 'utf-8' });
    expect(decodeCsv(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x80]))).toEqual({ text: 'café €', encoding: 'latin-1' });
    expect(() => decodeCsv(Buffer.from([0x61, 0x00]))).toThrow(/NUL/);
  });

  it('detects the delimiter from the header, ignoring quoted ones', () => {
    expect(detectDelimiter('a;b;c\n1,2;3')).toBe(';');
    expect(detectDelimiter('"a;b";c,d,e\n')).toBe(',');
    expect(detectDelimiter('a\tb\n')).toBe('\t');
    expect(detectDelimiter('single\n')).toBe(',');
  });

  it('numbers records by the line they start on, multi-line values and CRLF included', () => {
    const t = readCsv(Buffer.from('h1,h2\r\nA,"x\r\ny"\r\n\r\nB,2\r\n'));
    expect(t.rows).toEqual([
      { line: 2, values: ['A', 'x\ny'] },
      { line: 5, values: ['B', '2'] },
    ]);
  });

  it('turns syntax errors into CSV_MALFORMED', () => {
    expect(() => readCsv(Buffer.from('a,b\n1,"open\n'))).toThrow(expect.objectContaining({ code: 'CSV_MALFORMED' }));
    expect(() => readCsv(Buffer.from('  \n'))).toThrow(expect.objectContaining({ code: 'CSV_MALFORMED' }));
  });

  it('reads decimals in French and English notation, and money without floating point', () => {
    expect(normaliseDecimal('1 234,56')).toBe('1234.56');
    expect(normaliseDecimal('1,234.56')).toBe('1234.56');
    expect(normaliseDecimal('1.234,56')).toBe('1234.56');
    expect(normaliseDecimal('12')).toBe('12');
    expect(normaliseDecimal('12a')).toBeNull();
    expect(toMinorUnits('0.1', 2)).toBe(10n);
    expect(toMinorUnits('19.99', 2)).toBe(1999n);
    expect(toMinorUnits('1500', 0)).toBe(1500n);
    expect(toMinorUnits('1.5', 0)).toBeNull();
    expect(toMinorUnits('-1', 2)).toBeNull();
    expect(toMinorUnits('1.2345', 3)).toBeNull();
  });

  it('maps English and French headers, attr.* columns, and leaves unknown columns out', () => {
    expect(normaliseHeader(' Prix (minor) ')).toBe('prixminor');
    const map = mapColumns(['SKU', 'Nom', 'Prix', 'Devise', 'attr.Couleur', 'Whatever'], PRODUCT_COLUMNS);
    expect(map.fields.map((f) => f.spec.field)).toEqual(['sku', 'name', 'currency']);
    expect(map.price).toBe(2);
    expect(map.ignored).toEqual(['Whatever']);
    const { input, errors } = rowToInput(['A-1', 'Chaise', '12,50', 'eur', 'rouge', 'x'], map, { attributes: { size: 'L', Couleur: 'bleu' } });
    expect(errors).toEqual([]);
    expect(input).toEqual({ sku: 'A-1', name: 'Chaise', currency: 'EUR', priceMinor: 1250, attributes: { size: 'L', Couleur: 'rouge' } });
  });
});
