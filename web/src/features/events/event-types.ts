/**
 * Event types the platform knows (the API's PLATFORM_EVENT_TYPES, src/modules/crm/event-types.ts):
 * each has a name in messages `events.types.<type with dots as underscores>`. Any other type is
 * an integrator's own and is shown as typed.
 */
export const PLATFORM_EVENT_TYPES = [
  'email.sent',
  'email.delivered',
  'email.opened',
  'email.clicked',
  'email.bounced',
  'email.unsubscribed',
  'email.complained',
  'sms.sent',
  'sms.delivered',
  'sms.clicked',
  'whatsapp.sent',
  'whatsapp.delivered',
  'whatsapp.read',
  'page.viewed',
  'form.submitted',
  'purchase',
] as const;

export type PlatformEventType = (typeof PLATFORM_EVENT_TYPES)[number];

const PLATFORM = new Set<string>(PLATFORM_EVENT_TYPES);

export const isPlatformEventType = (type: string): type is PlatformEventType => PLATFORM.has(type);

/** The key of a platform type's name under `events.types` (next-intl reads dots as nesting). */
export const eventTypeKey = (type: PlatformEventType) => type.replaceAll('.', '_') as EventTypeKey;
export type EventTypeKey = { [T in PlatformEventType]: T extends `${infer A}.${infer B}` ? `${A}_${B}` : T }[PlatformEventType];

/** What the API accepts as a type (EventInputDto): lower-case words joined by ".", "_" or "-". */
export const EVENT_TYPE_PATTERN = /^[a-z][a-z0-9_.-]{0,99}$/;

/** Types whose events carry the page or link in `properties.url`, shown with the event. */
export const URL_EVENT_TYPES: ReadonlySet<string> = new Set(['email.clicked', 'sms.clicked', 'page.viewed']);

/** Lower-case, accents off: "Ouvert" finds "E-mail ouvert", "ete" finds "Été". */
export const foldText = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** A web address worth linking to: http(s) only, never javascript: or data:. */
export function linkableUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2000) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
