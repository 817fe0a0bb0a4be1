import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import fr from '../../messages/fr.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v] as [string, string]] : flatten(v, `${prefix}${k}.`)));
}

describe('counts shown in words', () => {
  it('the trash confirmation agrees with how many leads it moves', () => {
    const t = (locale: 'fr' | 'en') => createTranslator({ locale, messages: locale === 'fr' ? fr : en, namespace: 'leads.bulk' });
    expect(t('fr')('trashTitle', { count: 1 })).toBe('Mettre 1 prospect à la corbeille ?');
    expect(t('fr')('trashDescription', { count: 1 })).toMatch(/^Il disparaît .* le restaurer/);
    expect(t('fr')('trashTitle', { count: 2 })).toBe('Mettre 2 prospects à la corbeille ?');
    expect(t('fr')('trashDescription', { count: 2 })).toMatch(/^Ils disparaissent .* les restaurer/);
    expect(t('en')('trashTitle', { count: 1 })).toBe('Move 1 lead to the trash?');
    expect(t('en')('trashDescription', { count: 1 })).toMatch(/^It disappears .* restore it/);
    expect(t('en')('trashDescription', { count: 3 })).toMatch(/^They disappear .* restore them/);
  });

  it('every message given a count chooses its words by it (ICU plural), in both languages', () => {
    for (const messages of [fr, en]) {
      const bare = flatten(messages as Tree).filter(([, text]) => /\{\s*count\s*\}/.test(text) && !/\{\s*count\s*,\s*plural/.test(text));
      expect(bare.map(([key]) => key)).toEqual([]);
    }
  });
});
