/**
 * Names for the API's types, all derived from `schema.d.ts` (generated from the API's
 * committed `openapi.json` by `npm run api:types`): a changed endpoint breaks `tsc`.
 */
import type { components } from './schema';

type Schemas = components['schemas'];

export type Role = Schemas['MeDto']['role'];
export const ROLES = ['owner', 'admin', 'marketer', 'viewer'] as const satisfies readonly Role[];
export const ADMIN_ROLES: readonly Role[] = ['owner', 'admin'];

export type ProblemDetails = Partial<Omit<Schemas['ProblemDto'], 'status'>> & { status: number };
export type ProblemFieldError = Schemas['FieldErrorDto'];

/** AuthResult as the browser sees it: the BFF keeps both tokens in httpOnly cookies. */
export type SessionResult = Omit<Schemas['AuthResultDto'], 'accessToken' | 'refreshToken'>;
export type Me = Schemas['MeDto'];
export type InvitationPreview = Schemas['InvitationPreviewDto'];
export type Member = Schemas['MemberDto'];
export type Invitation = Schemas['InvitationDto'];
export type CreatedInvitation = Schemas['CreatedInvitationDto'];
export type ApiKeyScope = Schemas['ApiScopeDto'];
export type ApiScopeName = Schemas['CreateApiKeyDto']['scopes'][number];
export type ApiKey = Schemas['ApiKeyDto'];
export type CreatedApiKey = Schemas['CreatedApiKeyDto'];
export type AuditLogEntry = Schemas['AuditLogDto'];
export type Lead = Schemas['LeadDto'];

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

export type AuditLogFilters = Pick<
  NonNullable<import('./schema').operations['listAuditLogs']['parameters']['query']>,
  'action' | 'entityType' | 'entityId' | 'actorId' | 'from' | 'to'
>;
