import type { ClsStore } from 'nestjs-cls';

export type Role = 'owner' | 'admin' | 'marketer' | 'viewer';
export const ROLES: readonly Role[] = ['owner', 'admin', 'marketer', 'viewer'];

/** Who is making a request, as resolved by the auth guard from a JWT or an API key. */
export type Actor =
  | { type: 'user'; id: string; label: string; tenantId: string; role: Role }
  | { type: 'api_key'; id: string; label: string; tenantId: string; scopes: string[] };

/** The request context (AsyncLocalStorage via nestjs-cls), read by audit and logging. */
export interface RequestContext extends ClsStore {
  tenantId?: string;
  actor?: Actor;
  ip?: string;
  userAgent?: string;
  /** Who the database records as acting (lynara.actor), when not the actor above: see db-actor.ts. */
  dbActor?: string;
}
