import { propertyTypeOf } from './property-types.js';

describe('propertyTypeOf', () => {
  it.each([
    ['apartment', 'apartment'],
    ['Appartement', 'apartment'],
    ['Appartement T3', 'apartment'],
    ['T2', 'apartment'],
    ['studio', 'apartment'],
    ['Loft', 'apartment'],
    ['Appartements-témoins !', 'apartment'],
    ['Maison', 'house'],
    ['Maison de ville', 'house'],
    ['villa', 'house'],
    ['Château', 'house'],
    ['Longère', 'house'],
    ['Terrain constructible', 'land'],
    ['plot', 'land'],
    ['Local commercial', 'commercial'],
    ['Fonds de commerce', 'commercial'],
    ['Entrepôt', 'commercial'],
    ['Parking', 'parking'],
    ['Garage double', 'parking'],
    ['Parking lot', 'parking'],
    ['Bureaux', 'office'],
    ['Bureau commercial', 'office'],
    ['Immeuble de rapport', 'building'],
    ['Bâtiment', 'building'],
    ['OTHER', 'other'],
  ])('%s → %s', (text, type) => {
    expect(propertyTypeOf(text)).toBe(type);
  });

  it('names nothing it does not know: the import then reports the value', () => {
    expect(['Péniche', '', '  ', 'maisonnette', 'parkingfree'].map(propertyTypeOf)).toEqual([null, null, null, null, null]);
  });
});
