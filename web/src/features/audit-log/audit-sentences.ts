/**
 * Audit log entries as sentences: "Claire a révoqué la clé d'API « Zapier »". Each action the
 * API records has a sentence (messages `auditLog.sentences.<action, dots as underscores>`) and
 * a family for the filter; an action this page does not know yet still reads as a sentence.
 * Pure functions over a translator, unit-tested over the table of actions.
 */
import type { AuditLogEntry } from '@/lib/api/types';

export const ACTION_FAMILIES = ['create', 'update', 'delete', 'import', 'access'] as const;
export type ActionFamily = (typeof ACTION_FAMILIES)[number];

/** Every action the API records, with its family. */
export const AUDIT_ACTIONS = {
  'tenant.created': 'access',
  'workspace.settings_updated': 'update',
  'auth.login': 'access',
  'invitation.accepted': 'access',
  'invitation.created': 'create',
  'invitation.revoked': 'delete',
  'member.role_changed': 'update',
  'member.removed': 'delete',
  'api_key.created': 'create',
  'api_key.revoked': 'delete',
  'lead.created': 'create',
  'lead.updated': 'update',
  'lead.deleted': 'delete',
  'lead.restored': 'update',
  'lead.note_added': 'create',
  'lead.merged': 'update',
  'lead.bulk_delete': 'delete',
  'lead.bulk_restore': 'update',
  'lead.bulk_addTags': 'update',
  'lead.bulk_removeTags': 'update',
  'lead.bulk_update': 'update',
  'lead_import.uploaded': 'import',
  'lead_import.started': 'import',
  'lead_import.deleted': 'delete',
  'custom_field.created': 'create',
  'custom_field.updated': 'update',
  'custom_field.deleted': 'delete',
  'segment.created': 'create',
  'segment.updated': 'update',
  'segment.deleted': 'delete',
  'segment.snapshot_requested': 'create',
  'lead_view.created': 'create',
  'lead_view.updated': 'update',
  'lead_view.deleted': 'delete',
  'scoring_rule.created': 'create',
  'scoring_rule.updated': 'update',
  'scoring_rule.deleted': 'delete',
  'sender.created': 'create',
  'sender.updated': 'update',
  'sender.deleted': 'delete',
  'sender.tested': 'access',
  'template.created': 'create',
  'template.updated': 'update',
  'template.deleted': 'delete',
  'template.test_sent': 'access',
  'suppression.unsubscribed': 'update',
  'product.created': 'create',
  'product.updated': 'update',
  'product.deleted': 'delete',
  'product.imported': 'import',
  'property.created': 'create',
  'property.updated': 'update',
  'property.deleted': 'delete',
  'property.imported': 'import',
  'property.media_reordered': 'update',
  'product.media_reordered': 'update',
  'media.uploaded': 'create',
  'media.updated': 'update',
  'media.deleted': 'delete',
} as const satisfies Record<string, ActionFamily>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** The kinds of object entries are about (the API's entityType), for the filter. */
export const ENTITY_TYPES = ['lead', 'lead_import', 'lead_view', 'segment', 'custom_field', 'scoring_rule', 'product', 'property', 'media', 'member', 'invitation', 'api_key', 'user', 'tenant', 'sender', 'email_template', 'message'] as const;

export const isKnownAction = (action: string): action is AuditAction => Object.hasOwn(AUDIT_ACTIONS, action);

/** The actions of a family: what the API's `action` filter is given for it. */
export const actionsOf = (family: ActionFamily): AuditAction[] => (Object.keys(AUDIT_ACTIONS) as AuditAction[]).filter((a) => AUDIT_ACTIONS[a] === family);

/** The message key of an action's sentence (next-intl reads dots as nesting). */
export const sentenceKey = (action: AuditAction) => `auditLog.sentences.${action.replaceAll('.', '_')}`;

export type Translate = (key: string, values?: Record<string, string | number>) => string;

type Entry = Pick<AuditLogEntry, 'action' | 'actorType' | 'actorId' | 'actorLabel' | 'entityType' | 'entityId' | 'metadata'>;

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/**
 * Who did it: a member by their current name when known (`memberName`), else the label written
 * at the time (their email); an API key by its name; the platform itself.
 */
export function actorText(e: Entry, t: Translate, memberName?: (id: string) => string | undefined): string {
  if (e.actorType === 'system') return t('auditLog.actor.system');
  if (e.actorType === 'api_key') return t('auditLog.actor.apiKey', { name: e.actorLabel ?? e.actorId ?? '?' });
  return (e.actorId && memberName?.(e.actorId)) || e.actorLabel || t('auditLog.actor.unknown');
}

/**
 * The object's name as recorded in the entry; entries written before names were recorded fall
 * back to the start of the object's id, which still tells two objects apart.
 */
export function objectName(e: Entry): string {
  const m = (e.metadata ?? {}) as Record<string, unknown>;
  return text(m.name) ?? text(m.email) ?? text(m.fileName) ?? text(m.reference) ?? text(m.sku) ?? (e.entityId ? e.entityId.slice(0, 8) : '—');
}

/** A workspace setting's change (`metadata.changes.<setting>: { from, to }`), a country by its name when `countryName` is given. */
function settingChange(m: Record<string, unknown>, t: Translate, countryName?: (code: string) => string) {
  const change = ((m.changes ?? {}) as Record<string, { from?: unknown; to?: unknown }>).defaultCountry ?? {};
  const country = (v: unknown) => (typeof v === 'string' && v ? (countryName?.(v) ?? v) : t('auditLog.none'));
  return { from: country(change.from), to: country(change.to) };
}

/** The entry as one sentence in the translator's language. */
export function auditSentence(e: Entry, t: Translate, memberName?: (id: string) => string | undefined, countryName?: (code: string) => string): string {
  const m = (e.metadata ?? {}) as Record<string, unknown>;
  const actor = actorText(e, t, memberName);
  if (!isKnownAction(e.action)) {
    return t('auditLog.sentences.other', { actor, action: e.action, object: e.entityType ? `${e.entityType} ${objectName(e)}` : objectName(e) });
  }
  const role = (r: unknown) => (typeof r === 'string' && ['owner', 'admin', 'marketer', 'viewer'].includes(r) ? t(`roles.${r}`) : String(r ?? '?'));
  const values: Record<string, string | number> = {
    actor,
    name: objectName(e),
    count: count(m.affected),
    sources: Array.isArray(m.sourceIds) ? m.sourceIds.length : 0,
    role: role(m.role),
    from: role(m.from),
    to: role(m.to),
    created: count(m.created),
    updated: count(m.updated),
    ...(e.action === 'workspace.settings_updated' && settingChange(m, t, countryName)),
  };
  return t(sentenceKey(e.action), values);
}
