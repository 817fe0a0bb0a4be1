import { leadSearchTerms } from './lead-search.js';

describe('leadSearchTerms', () => {
  it('makes each word a required term, in the order typed, once', () => {
    expect(leadSearchTerms('Lefèvre Hélène')).toEqual([['Lefèvre'], ['Hélène']]);
    expect(leadSearchTerms('  helene \t lefevre  ')).toEqual([['helene'], ['lefevre']]);
    expect(leadSearchTerms('Martin martin MARTIN dupont')).toEqual([['MARTIN'], ['dupont']]);
    expect(leadSearchTerms('lefevre@agence-immo.fr')).toEqual([['lefevre@agence-immo.fr']]);
  });

  it('finds nothing to search in blank text', () => {
    expect(leadSearchTerms('')).toEqual([]);
    expect(leadSearchTerms('   ')).toEqual([]);
  });

  it('looks a valid phone number up in E.164, and its digits and the text as typed as well', () => {
    expect(leadSearchTerms('06.12.34.56.78')).toEqual([['+33612345678', '612345678', '06.12.34.56.78']]);
    expect(leadSearchTerms('+33 6 12 34 56 78')).toEqual([['+33612345678', '+33 6 12 34 56 78']]);
    expect(leadSearchTerms('0033612345678')).toEqual([['+33612345678', '0033612345678']]);
    expect(leadSearchTerms('612345678')).toEqual([['+33612345678', '612345678']]);
  });

  it('searches part of a number without its trunk 0 or international 00, which E.164 never holds', () => {
    expect(leadSearchTerms('06 12 34')).toEqual([['61234', '06 12 34']]);
    expect(leadSearchTerms('0044 20 79')).toEqual([['+442079', '0044 20 79']]);
    expect(leadSearchTerms('+44 20 79')).toEqual([['+442079', '+44 20 79']]);
    expect(leadSearchTerms('12 34 56')).toEqual([['123456', '12 34 56']]);
  });

  it('treats short digit runs and mixed text as words', () => {
    expect(leadSearchTerms('06 1')).toEqual([['06'], ['1']]);
    expect(leadSearchTerms('lead12 0612')).toEqual([['lead12'], ['0612']]);
    expect(leadSearchTerms('75001 paris')).toEqual([['75001'], ['paris']]);
  });
});
