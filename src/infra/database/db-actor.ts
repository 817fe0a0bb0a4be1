import { ClsServiceManager } from 'nestjs-cls';
import type { RequestContext } from '../../common/auth/actor.js';

/**
 * Who a database transaction acts for, as the `lynara.actor` setting the database reads when it
 * records a lead's creation (crm.leads.created_by) and its changes (crm.lead_changes):
 * 'member:<id>:<name>', 'api_key:<id>:<name>', 'import:<id>:<file name>', 'merge:<id>:<name>' and
 * 'unmerge:<id>:<name>' (a merge and its undo, by whom) or 'system:<job>'. The name is kept with the id so history reads as words without a lookup, and
 * keeps the name the actor had then.
 */
export type DbActorKind = 'member' | 'api_key' | 'import' | 'merge' | 'unmerge' | 'system';

const MAX = 300;

export function dbActor(kind: DbActorKind, id: string, label?: string | null): string {
  return `${kind}:${id}${label ? `:${label}` : ''}`.slice(0, MAX);
}

/** The parts of a stored actor; null for rows written before actors were recorded. */
export function parseDbActor(raw: string | null | undefined): { kind: string; id: string; label: string | null } | null {
  if (!raw) return null;
  const [kind = '', id = '', ...rest] = raw.split(':');
  return { kind, id, label: rest.length ? rest.join(':') : null };
}

/**
 * The actor of the current request or job: an explicit one (a job acting for an import, a merge
 * acting on its own receipt) wins, then the authenticated member or API key, else 'system'.
 */
export function currentDbActor(): string {
  const cls = ClsServiceManager.getClsService<RequestContext>();
  if (!cls.isActive()) return 'system';
  const explicit = cls.get('dbActor');
  if (explicit) return explicit;
  const actor = cls.get('actor');
  if (actor?.type === 'user') return dbActor('member', actor.id, actor.label);
  if (actor?.type === 'api_key') return dbActor('api_key', actor.id, actor.label);
  return 'system';
}

/** Makes the rest of the current request or job act as `actor` in the database. */
export function setDbActor(actor: string): void {
  const cls = ClsServiceManager.getClsService<RequestContext>();
  if (cls.isActive()) cls.set('dbActor', actor);
}
