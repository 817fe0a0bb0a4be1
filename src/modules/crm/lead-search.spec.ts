import { leadSearchTerms } from './lead-search.js';

describe('leadSearchTerms', () => {
  const words = (...w: string[]) => w.map((contains) => [{ contains }]);

  it('makes each word a required term, in the order typed, once', () => {
    expect(leadSearchTerms('Lefèvre Hélène')).toEqual(words('Lefèvre', 'Hélène'));
    expect(leadSearchTerms('  helene \t lefevre  ')).toEqual(words('helene', 'lefevre'));
    expect(leadSearchTerms('Martin martin MARTIN dupont')).toEqual(words('MARTIN', 'dupont'));
    expect(leadSearchTerms('lefevre@agence-immo.fr')).toEqual(words('lefevre@agence-immo.fr'));
  });

  it('finds nothing to search in blank text', () => {
    expect(leadSearchTerms('')).toEqual([]);
    expect(leadSearchTerms('   ')).toEqual([]);
  });

  it('looks a valid phone number up as the E.164 number it is stored as', () => {
    for (const typed of ['06.12.34.56.78', '06 12 34 56 78', '+33 6 12 34 56 78', '0033612345678', '612345678', '(0)6-12-34-56-78']) {
      expect({ typed, terms: leadSearchTerms(typed) }).toEqual({ typed, terms: [[{ phone: '+33612345678' }]] });
    }
    expect(leadSearchTerms('+44 20 7946 0958')).toEqual([[{ phone: '+442079460958' }]]);
  });

  it('searches part of a number by its digits, without the trunk 0 or international 00 E.164 never holds', () => {
    expect(leadSearchTerms('06 12 34')).toEqual([[{ contains: '61234' }]]);
    expect(leadSearchTerms('0044 20 79')).toEqual([[{ contains: '+442079' }]]);
    expect(leadSearchTerms('+44 20 79')).toEqual([[{ contains: '+442079' }]]);
    expect(leadSearchTerms('12 34 56')).toEqual([[{ contains: '123456' }]]);
    expect(leadSearchTerms('3456')).toEqual([[{ contains: '3456' }]]);
    // Written without spaces, it may be part of something else: as typed too.
    expect(leadSearchTerms('2026-11')).toEqual([[{ contains: '202611' }, { contains: '2026-11' }]]);
    expect(leadSearchTerms('06.12.34')).toEqual([[{ contains: '61234' }, { contains: '06.12.34' }]]);
  });

  it('treats short digit runs and mixed text as words', () => {
    expect(leadSearchTerms('06 1')).toEqual(words('06', '1'));
    expect(leadSearchTerms('lead12 0612')).toEqual(words('lead12', '0612'));
    expect(leadSearchTerms('75001 paris')).toEqual(words('75001', 'paris'));
  });
});
