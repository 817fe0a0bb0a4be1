import { detectDelimiter } from './delimiter.js';

describe('detectDelimiter', () => {
  it.each([
    ['email,first,last\na@b.fr,A,B\n', ','],
    ['email;first;last\na@b.fr;A;B\n', ';'],
    ['email\tfirst\tlast\na@b.fr\tA\tB\n', '\t'],
    ['email|first|last\na@b.fr|A|B\n', '|'],
  ])('%j → %j', (text, d) => expect(detectDelimiter(text)).toBe(d));

  it('ignores delimiters inside quoted fields', () => {
    const text = 'Nom;Société;Note\n"Dupont, Jean";"ACME, Inc.";"a,b,c,d"\n"Martin, Paul";"X, Y";"e,f,g"\n';
    expect(detectDelimiter(text)).toBe(';');
    const text2 = 'name,notes\n"A;B;C","x;y;z;w"\n"D;E","k;l"\n';
    expect(detectDelimiter(text2)).toBe(',');
  });
  it('handles escaped quotes and newlines inside quotes', () => {
    const text = 'a;b\n"He said ""hi, there""";"line1\nline2, with, commas"\nx;y\n';
    expect(detectDelimiter(text)).toBe(';');
  });
  it('French decimals with commas do not fool it', () => {
    expect(detectDelimiter('Nom;Montant;Prix\nA;12,5;3\nB;7;1,25\nC;1;2\n')).toBe(';');
  });
  it('a truncated last line is ignored', () => {
    expect(detectDelimiter('a;b;c\n1;2;3\n4;5;6\nsome, partial, text, with, commas')).toBe(';');
  });
  it('header only, CRLF, BOM', () => {
    expect(detectDelimiter('\ufeffemail;phone\r\n')).toBe(';');
  });
  it('single column defaults to comma', () => expect(detectDelimiter('email\na@b.fr\n')).toBe(','));
  it('empty input defaults to comma', () => expect(detectDelimiter('')).toBe(','));
});
