import { describe, expect, it } from 'vitest';
import { mainPhotoId, moveItem, withFirst } from './gallery-order';

describe('gallery order', () => {
  it('moves an item forwards and backwards, clamping out-of-range targets', () => {
    expect(moveItem(['a', 'b', 'c', 'd'], 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveItem(['a', 'b', 'c', 'd'], 3, 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 1, 9)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 1, -4)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b'], 5, 0)).toEqual(['a', 'b']);
  });

  it('puts the chosen photo first and keeps the rest in order', () => {
    expect(withFirst(['a', 'b', 'c'], 'c')).toEqual(['c', 'a', 'b']);
    expect(withFirst(['a', 'b', 'c'], 'a')).toEqual(['a', 'b', 'c']);
  });

  it('takes the first image as the main photo, never a document', () => {
    expect(mainPhotoId([{ id: 'plan', kind: 'document' }, { id: 'salon', kind: 'image' }, { id: 'cuisine', kind: 'image' }])).toBe('salon');
    expect(mainPhotoId([{ id: 'plan', kind: 'document' }])).toBeUndefined();
  });
});
