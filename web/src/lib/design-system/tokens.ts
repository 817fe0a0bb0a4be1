/**
 * Lynara design tokens: the single source of truth for colours, typography, spacing,
 * radii and shadows. `tokens.css` exposes the same values to Tailwind 4 through `@theme`;
 * `tokens.test.ts` fails when the two drift apart or when a text/background pair used by
 * the components drops below WCAG AA contrast.
 */

export const palette = {
  brand: {
    50: '#f4f3ff',
    100: '#ebe8fe',
    200: '#d8d3fd',
    300: '#bbb1fa',
    400: '#9a87f5',
    500: '#7c5ced',
    600: '#6742dc',
    700: '#5734c0',
    800: '#482c9b',
    900: '#3c287b',
    950: '#25174f',
  },
  neutral: {
    0: '#ffffff',
    25: '#fbfbfd',
    50: '#f6f7f9',
    100: '#eef0f4',
    200: '#e3e6ec',
    300: '#cdd2db',
    400: '#9ba3b3',
    500: '#697285',
    600: '#4e5668',
    700: '#3a4051',
    800: '#252a37',
    900: '#161922',
  },
  green: { 50: '#ecfdf3', 600: '#17803d', 700: '#116932' },
  amber: { 50: '#fff7e6', 600: '#b25206', 700: '#924105' },
  red: { 50: '#fef1f2', 600: '#c9253d', 700: '#a81d31' },
  blue: { 50: '#eef6ff', 600: '#1565b8', 700: '#114f90' },
} as const;

/** Semantic colours: what the components use. */
export const colors = {
  bg: palette.neutral[50],
  surface: palette.neutral[0],
  'surface-muted': palette.neutral[25],
  'surface-sunken': palette.neutral[100],
  border: palette.neutral[200],
  'border-strong': palette.neutral[300],
  fg: palette.neutral[900],
  'fg-muted': palette.neutral[600],
  'fg-subtle': palette.neutral[500],
  primary: palette.brand[600],
  'primary-hover': palette.brand[700],
  'primary-fg': palette.neutral[0],
  'primary-soft': palette.brand[50],
  'primary-soft-fg': palette.brand[800],
  ring: palette.brand[500],
  sidebar: palette.brand[950],
  'sidebar-fg': '#d9d4f5',
  'sidebar-active': '#3a2a72',
  'sidebar-active-fg': palette.neutral[0],
  success: palette.green[700],
  'success-soft': palette.green[50],
  warning: palette.amber[700],
  'warning-soft': palette.amber[50],
  danger: palette.red[600],
  'danger-hover': palette.red[700],
  'danger-soft': palette.red[50],
  info: palette.blue[700],
  'info-soft': palette.blue[50],
} as const;

export const typography = {
  fontSans:
    '"Inter Variable", "Inter", ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontMono: 'ui-monospace, "SFMono-Regular", "JetBrains Mono", Menlo, Consolas, monospace',
} as const;

/** Base spacing unit: Tailwind's `p-4` = 4 × spacing. */
export const spacing = { base: '0.25rem' } as const;

export const radii = {
  sm: '0.375rem',
  md: '0.5rem',
  lg: '0.75rem',
  xl: '1rem',
} as const;

export const shadows = {
  xs: '0 1px 2px 0 rgb(22 25 34 / 0.05)',
  sm: '0 1px 3px 0 rgb(22 25 34 / 0.08), 0 1px 2px -1px rgb(22 25 34 / 0.06)',
  md: '0 4px 10px -2px rgb(22 25 34 / 0.08), 0 2px 4px -2px rgb(22 25 34 / 0.05)',
  lg: '0 16px 40px -8px rgb(22 25 34 / 0.18), 0 6px 12px -6px rgb(22 25 34 / 0.08)',
} as const;

/** Pairs (foreground on background) the components render text with; each must reach AA (4.5:1). */
export const contrastPairs: Array<[keyof typeof colors, keyof typeof colors]> = [
  ['fg', 'bg'],
  ['fg', 'surface'],
  ['fg-muted', 'surface'],
  ['fg-muted', 'bg'],
  ['fg-subtle', 'surface'],
  ['primary-fg', 'primary'],
  ['primary-fg', 'primary-hover'],
  ['primary', 'surface'],
  ['primary-soft-fg', 'primary-soft'],
  ['sidebar-fg', 'sidebar'],
  ['sidebar-active-fg', 'sidebar-active'],
  ['success', 'success-soft'],
  ['warning', 'warning-soft'],
  ['danger', 'danger-soft'],
  ['danger', 'surface'],
  ['primary-fg', 'danger'],
  ['info', 'info-soft'],
];

/** The CSS custom properties (Tailwind 4 theme variables) these tokens define. */
export function themeVariables(): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(colors)) vars[`--color-${name}`] = value;
  for (const [scale, shades] of Object.entries(palette))
    for (const [shade, value] of Object.entries(shades)) vars[`--color-${scale}-${shade}`] = value;
  vars['--font-sans'] = typography.fontSans;
  vars['--font-mono'] = typography.fontMono;
  vars['--spacing'] = spacing.base;
  for (const [name, value] of Object.entries(radii)) vars[`--radius-${name}`] = value;
  for (const [name, value] of Object.entries(shadows)) vars[`--shadow-${name}`] = value;
  return vars;
}

function channel(c: number): number {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

export function relativeLuminance(hex: string): number {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`Not a #rrggbb colour: ${hex}`);
  const n = parseInt(m[1], 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

export function contrastRatio(a: string, b: string): number {
  const [l1, l2] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
}
