import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import fr from '../../messages/fr.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

/** ICU argument names used in a message ({name}, {count, plural, ...}). */
function placeholders(message: string): string[] {
  return [...message.matchAll(/\{\s*([a-zA-Z_]\w*)\s*(?:,|\})/g)].map((m) => m[1]).filter((n, i, a) => a.indexOf(n) === i).sort();
}

const frKeys = flatten(fr as Tree);
const enKeys = flatten(en as Tree);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(d.name) && !d.name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('i18n messages', () => {
  it('French and English have exactly the same keys', () => {
    const missingInEn = [...frKeys.keys()].filter((k) => !enKeys.has(k));
    const missingInFr = [...enKeys.keys()].filter((k) => !frKeys.has(k));
    expect(missingInEn).toEqual([]);
    expect(missingInFr).toEqual([]);
  });

  it('uses the same placeholders in both languages', () => {
    const mismatched = [...frKeys.keys()].filter((k) => enKeys.has(k) && placeholders(frKeys.get(k)!).join() !== placeholders(enKeys.get(k)!).join());
    expect(mismatched).toEqual([]);
  });

  it('has no empty message', () => {
    expect([...frKeys].filter(([, v]) => !v.trim()).map(([k]) => k)).toEqual([]);
    expect([...enKeys].filter(([, v]) => !v.trim()).map(([k]) => k)).toEqual([]);
  });

  it('translates every fully-qualified key the code asks for', () => {
    // useTranslations()/getTranslations() without a namespace, called as t('a.b.c').
    const root = join(__dirname, '..');
    const missing: string[] = [];
    for (const file of sourceFiles(root)) {
      const src = readFileSync(file, 'utf8');
      if (!/(useTranslations|getTranslations)\(\)/.test(src)) continue;
      for (const m of src.matchAll(/\bt\('([a-zA-Z]+(?:\.[a-zA-Z0-9_]+)+)'/g)) if (!frKeys.has(m[1])) missing.push(`${file}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });
});
