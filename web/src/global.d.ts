import type { Locale } from '@/i18n/config';
import type messages from '../messages/fr.json';

// Typed messages: a key missing from fr.json (the reference) fails `tsc` / `next build`.
declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof messages;
  }
}
