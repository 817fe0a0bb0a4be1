/**
 * Event types the platform itself knows: what its channels record (sends, deliveries, opens,
 * clicks…) and the usual website and shop events. The pickers offer them before a workspace has
 * sent any, and the web app shows them by name (web/src/features/events/event-types.ts has a
 * label for each); any other type an integrator sends is still accepted and shown as typed.
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
