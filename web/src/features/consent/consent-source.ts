/**
 * Where a consent was given or withdrawn, as stored (`consent.<channel>.source`): what the
 * platform writes itself, plus what integrators commonly send. Anything else is shown as given.
 *   web-app                 entered in the app          api                  through the API (its default)
 *   import:<file name>      a lead import of that file  form[:<name>], web-form   a form
 *   unsubscribe[-link]      the unsubscribe link        preference-center    the preference page
 *   ocr, scan               a scanned card or document  merge                kept from a merged duplicate
 *   events                  a behaviour event
 */
export type ConsentSource =
  | { kind: 'app' | 'api' | 'unsubscribe' | 'preferences' | 'scan' | 'merge' | 'events' }
  | { kind: 'import' | 'form'; name: string | null }
  | { kind: 'other'; text: string };

const SIMPLE: Record<string, ConsentSource['kind']> = {
  'web-app': 'app',
  app: 'app',
  manual: 'app',
  api: 'api',
  unsubscribe: 'unsubscribe',
  'unsubscribe-link': 'unsubscribe',
  'preference-center': 'preferences',
  preferences: 'preferences',
  ocr: 'scan',
  scan: 'scan',
  merge: 'merge',
  events: 'events',
};

export function parseConsentSource(raw: string): ConsentSource {
  const source = raw.trim();
  const lower = source.toLowerCase();
  const simple = SIMPLE[lower];
  if (simple) return { kind: simple } as ConsentSource;
  const [prefix, ...rest] = source.split(':');
  const name = rest.join(':').trim() || null;
  if (prefix!.toLowerCase() === 'import') return { kind: 'import', name };
  if (['form', 'web-form', 'webform'].includes(prefix!.toLowerCase())) return { kind: 'form', name };
  return { kind: 'other', text: source };
}

export type Translate = (key: string, values?: Record<string, string>) => string;

/** The source in words, with a translator over `consent.sources`. */
export function consentSourceText(raw: string | null | undefined, t: Translate): string {
  if (!raw || !raw.trim()) return t('unknown');
  const s = parseConsentSource(raw);
  switch (s.kind) {
    case 'import':
    case 'form':
      return s.name ? t(`${s.kind}Named`, { name: s.name }) : t(s.kind);
    case 'other':
      return t('other', { source: s.text });
    default:
      return t(s.kind);
  }
}
