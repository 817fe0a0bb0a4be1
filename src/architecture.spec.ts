import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MODULES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), 'modules');

/**
 * Which modules each module may import (ARCHITECTURE.md): arrows go down only. A lower module
 * that must see what a higher one owns defines an interface the higher one registers with
 * (e.g. crm's LeadHistoryRegistry), instead of importing it.
 */
const MAY_IMPORT: Record<string, string[]> = {
  tenancy: [],
  governance: ['tenancy'],
  analytics: ['tenancy'],
  auth: ['tenancy', 'governance'],
  crm: ['tenancy', 'governance', 'analytics', 'auth'],
  entities: ['tenancy', 'governance', 'auth'],
  channels: ['tenancy', 'governance', 'analytics', 'auth', 'crm', 'entities'],
  campaigns: ['tenancy', 'governance', 'analytics', 'auth', 'crm', 'entities', 'channels'],
  conversations: ['tenancy', 'governance', 'analytics', 'auth', 'crm', 'channels'],
  ocr: ['tenancy', 'governance', 'auth', 'crm', 'entities'],
  ai: ['tenancy', 'governance', 'auth', 'crm', 'entities'],
  health: ['tenancy'],
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every (from module → to module, file) arrow made by a relative import. */
function arrows(): { from: string; to: string; file: string }[] {
  const found: { from: string; to: string; file: string }[] = [];
  for (const from of readdirSync(MODULES_DIR)) {
    for (const file of filesUnder(join(MODULES_DIR, from))) {
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)) {
        const target = relative(MODULES_DIR, resolve(dirname(file), spec!));
        const to = target.split('/')[0]!;
        if (!target.startsWith('..') && to !== from) found.push({ from, to, file: relative(MODULES_DIR, file) });
      }
    }
  }
  return found;
}

describe('module dependencies', () => {
  it('every module is in the dependency table', () => {
    expect(readdirSync(MODULES_DIR).filter((m) => !(m in MAY_IMPORT))).toEqual([]);
  });

  it('only point down, as ARCHITECTURE.md orders the modules', () => {
    const wrong = arrows().filter((a) => !MAY_IMPORT[a.from]!.includes(a.to)).map((a) => `${a.from} → ${a.to} (${a.file})`);
    expect(wrong).toEqual([]);
  });

  it('leave crm with no arrow up to campaigns, channels, conversations, ai or ocr', () => {
    expect(arrows().filter((a) => a.from === 'crm' && ['campaigns', 'channels', 'conversations', 'ai', 'ocr'].includes(a.to))).toEqual([]);
  });
});
