import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { colors, contrastPairs, contrastRatio, themeVariables } from './tokens';

describe('design tokens', () => {
  it('tokens.css (the Tailwind @theme) matches tokens.ts', () => {
    const css = readFileSync(join(__dirname, 'tokens.css'), 'utf8');
    const declared = new Map([...css.matchAll(/^\s*(--[\w-]+):\s*(.+);$/gm)].map((m) => [m[1], m[2]]));
    for (const [name, value] of Object.entries(themeVariables())) expect(declared.get(name), name).toBe(value);
  });

  it('every text/background pair reaches WCAG AA (4.5:1)', () => {
    const failing = contrastPairs
      .map(([fg, bg]) => ({ pair: `${fg} on ${bg}`, ratio: contrastRatio(colors[fg], colors[bg]) }))
      .filter((p) => p.ratio < 4.5);
    expect(failing).toEqual([]);
  });

  it('computes contrast like the WCAG formula', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
  });
});
