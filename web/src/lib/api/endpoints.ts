import { apiClient as c, unwrap } from './client';
import type { components } from './schema';
import type {
  ApiScopeName,
  AuditLogFilters,
  BulkLeadsInput,
  ColumnMappingInput,
  CreateCustomFieldInput,
  CreateProductInput,
  CreatePropertyInput,
  CreateScoringRuleInput,
  CreateSegmentInput,
  LeadInput,
  LeadListQuery,
  MergeLeadsInput,
  LeadCountQuery,
  CreateLeadViewInput,
  UpdateLeadViewInput,
  MediaListQuery,
  Role,
  SessionResult,
  UpdateCustomFieldInput,
  UpdateMediaInput,
  UpdateProductInput,
  UpdateScoringRuleInput,
  UpdatePropertyInput,
  UpdateSegmentInput,
  ProductListQuery,
  PropertyListQuery,
} from './types';

type Body<K extends keyof components['schemas']> = components['schemas'][K];

/** Every API call the web app makes, typed from the generated OpenAPI schema. */
export const endpoints = {
  auth: {
    login: (body: Body<'LoginDto'>) => unwrap(c.POST('/auth/login', { body })) as Promise<SessionResult>,
    register: (body: Body<'RegisterDto'>) => unwrap(c.POST('/auth/register', { body })) as Promise<SessionResult>,
    // The BFF adds the refresh token from its cookie.
    logout: () => unwrap(c.POST('/auth/logout', { body: {} as Body<'RefreshDto'> })),
    me: () => unwrap(c.GET('/auth/me')),
    switchTenant: (tenantId: string) => unwrap(c.POST('/auth/switch-tenant', { body: { tenantId } })) as Promise<SessionResult>,
    forgotPassword: (email: string) => unwrap(c.POST('/auth/password/forgot', { body: { email } })),
    resetPassword: (body: Body<'ResetPasswordDto'>) => unwrap(c.POST('/auth/password/reset', { body })),
    invitation: (token: string) => unwrap(c.GET('/auth/invitations/{token}', { params: { path: { token } } })),
    acceptInvitation: (body: Body<'AcceptInvitationDto'>) => unwrap(c.POST('/auth/invitations/accept', { body })) as Promise<SessionResult>,
  },
  members: {
    list: () => unwrap(c.GET('/members')),
    changeRole: (userId: string, role: Role) => unwrap(c.PATCH('/members/{userId}', { params: { path: { userId } }, body: { role } })),
    remove: (userId: string) => unwrap(c.DELETE('/members/{userId}', { params: { path: { userId } } })),
  },
  workspace: {
    settings: () => unwrap(c.GET('/workspace/settings')),
    updateSettings: (body: Body<'UpdateWorkspaceSettingsDto'>) => unwrap(c.PATCH('/workspace/settings', { body })),
  },
  invitations: {
    list: () => unwrap(c.GET('/invitations')),
    create: (body: Body<'InviteMemberDto'>) => unwrap(c.POST('/invitations', { body })),
    revoke: (id: string) => unwrap(c.DELETE('/invitations/{id}', { params: { path: { id } } })),
  },
  apiKeys: {
    scopes: () => unwrap(c.GET('/api-keys/scopes')),
    list: () => unwrap(c.GET('/api-keys')),
    create: (body: { name: string; scopes: string[]; expiresAt?: string }) =>
      unwrap(c.POST('/api-keys', { body: { ...body, scopes: body.scopes as ApiScopeName[] } })),
    revoke: (id: string) => unwrap(c.DELETE('/api-keys/{id}', { params: { path: { id } } })),
  },
  auditLogs: {
    list: (filters: AuditLogFilters & { cursor?: string | null; limit?: number }) =>
      unwrap(c.GET('/audit-logs', { params: { query: { ...filters, cursor: filters.cursor ?? undefined } } })),
  },
  leads: {
    list: (query: Omit<LeadListQuery, 'cursor'> & { cursor?: string | null }) => unwrap(c.GET('/leads', { params: { query: { ...query, cursor: query.cursor ?? undefined } } })),
    count: (query: LeadCountQuery) => unwrap(c.GET('/leads/count', { params: { query } })),
    get: (id: string) => unwrap(c.GET('/leads/{id}', { params: { path: { id } } })),
    create: (body: LeadInput) => unwrap(c.POST('/leads', { body })),
    update: (id: string, body: LeadInput) => unwrap(c.PATCH('/leads/{id}', { params: { path: { id } }, body })),
    remove: (id: string) => unwrap(c.DELETE('/leads/{id}', { params: { path: { id } } })),
    restore: (id: string) => unwrap(c.POST('/leads/{id}/restore', { params: { path: { id } } })),
    bulk: (body: BulkLeadsInput) => unwrap(c.POST('/leads/bulk', { body })),
    duplicates: (id: string) => unwrap(c.GET('/leads/{id}/duplicates', { params: { path: { id } } })),
    merge: (id: string, body: MergeLeadsInput) => unwrap(c.POST('/leads/{id}/merge', { params: { path: { id } }, body })),
    undoMerge: (mergeId: string) => unwrap(c.POST('/leads/merges/{mergeId}/undo', { params: { path: { mergeId } } })),
    timeline: (id: string, before?: string | null, limit?: number) =>
      unwrap(c.GET('/leads/{id}/timeline', { params: { path: { id }, query: { before: before ?? undefined, limit } } })),
    addNote: (id: string, body: string) => unwrap(c.POST('/leads/{id}/notes', { params: { path: { id } }, body: { body } })),
  },
  leadViews: {
    list: () => unwrap(c.GET('/lead-views')),
    create: (body: CreateLeadViewInput) => unwrap(c.POST('/lead-views', { body })),
    update: (id: string, body: UpdateLeadViewInput) => unwrap(c.PATCH('/lead-views/{id}', { params: { path: { id } }, body })),
    remove: (id: string) => unwrap(c.DELETE('/lead-views/{id}', { params: { path: { id } } })),
  },
  events: {
    types: (q?: string) => unwrap(c.GET('/events/types', { params: { query: { q } } })),
  },
  senders: {
    list: () => unwrap(c.GET('/senders')),
    create: (body: Body<'CreateSenderDto'>) => unwrap(c.POST('/senders', { body })),
    update: (id: string, body: Body<'UpdateSenderDto'>) => unwrap(c.PATCH('/senders/{id}', { params: { path: { id } }, body })),
    remove: (id: string) => unwrap(c.DELETE('/senders/{id}', { params: { path: { id } } })),
    test: (id: string, to?: string) => unwrap(c.POST('/senders/{id}/test', { params: { path: { id } }, body: to ? { to } : {} })),
  },
  templates: {
    list: (cursor?: string) => unwrap(c.GET('/templates', { params: { query: { cursor, limit: 50 } } })),
    get: (id: string) => unwrap(c.GET('/templates/{id}', { params: { path: { id } } })),
    variables: () => unwrap(c.GET('/templates/variables')),
    create: (body: Body<'CreateTemplateDto'>) => unwrap(c.POST('/templates', { body })),
    update: (id: string, body: Body<'UpdateTemplateDto'>) => unwrap(c.PATCH('/templates/{id}', { params: { path: { id } }, body })),
    remove: (id: string) => unwrap(c.DELETE('/templates/{id}', { params: { path: { id } } })),
    preview: (id: string, leadId?: string) => unwrap(c.POST('/templates/{id}/preview', { params: { path: { id } }, body: leadId ? { leadId } : {} })),
    testSend: (id: string, body: Body<'TestSendTemplateDto'>) => unwrap(c.POST('/templates/{id}/test-send', { params: { path: { id } }, body })),
  },
  messages: {
    get: (id: string) => unwrap(c.GET('/messages/{id}', { params: { path: { id } } })),
  },
  customFields: {
    list: () => unwrap(c.GET('/custom-fields')),
    create: (body: CreateCustomFieldInput) => unwrap(c.POST('/custom-fields', { body })),
    update: (id: string, body: UpdateCustomFieldInput) => unwrap(c.PATCH('/custom-fields/{id}', { params: { path: { id } }, body })),
    remove: (id: string) => unwrap(c.DELETE('/custom-fields/{id}', { params: { path: { id } } })),
  },
  imports: {
    list: () => unwrap(c.GET('/leads/imports')),
    get: (id: string) => unwrap(c.GET('/leads/imports/{id}', { params: { path: { id } } })),
    start: (id: string, mapping?: ColumnMappingInput[]) =>
      unwrap(c.POST('/leads/imports/{id}/start', { params: { path: { id } }, body: mapping ? { mapping } : {} })),
    remove: (id: string) => unwrap(c.DELETE('/leads/imports/{id}', { params: { path: { id } } })),
    /** Same-origin URL of the rejected-rows report (a download link). */
    rejectedUrl: (id: string) => `/api/leads/imports/${encodeURIComponent(id)}/rejected.csv`,
    /** Same-origin URL of the values left out of kept rows, cell by cell. */
    warningsUrl: (id: string) => `/api/leads/imports/${encodeURIComponent(id)}/warnings.csv`,
  },
  jobs: {
    get: (id: string) => unwrap(c.GET('/jobs/{id}', { params: { path: { id } } })),
  },
  segments: {
    list: () => unwrap(c.GET('/segments')),
    get: (id: string) => unwrap(c.GET('/segments/{id}', { params: { path: { id } } })),
    create: (body: CreateSegmentInput) => unwrap(c.POST('/segments', { body })),
    update: (id: string, body: UpdateSegmentInput) => unwrap(c.PATCH('/segments/{id}', { params: { path: { id } }, body })),
    remove: (id: string) => unwrap(c.DELETE('/segments/{id}', { params: { path: { id } } })),
    refresh: (id: string) => unwrap(c.POST('/segments/{id}/refresh', { params: { path: { id } } })),
    preview: (rules: Record<string, unknown>, signal?: AbortSignal) => unwrap(c.POST('/segments/preview', { body: { rules }, signal })),
    leads: (id: string, cursor?: string | null, limit = 50) =>
      unwrap(c.GET('/segments/{id}/leads', { params: { path: { id }, query: { cursor: cursor ?? undefined, limit } } })),
    sizes: (id: string) => unwrap(c.GET('/segments/{id}/sizes', { params: { path: { id } } })),
    snapshots: (id: string) => unwrap(c.GET('/segments/{id}/snapshots', { params: { path: { id } } })),
    takeSnapshot: (id: string, purpose?: string) => unwrap(c.POST('/segments/{id}/snapshots', { params: { path: { id } }, body: { purpose } })),
  },
  scoring: {
    rules: () => unwrap(c.GET('/scoring-rules')),
    create: (body: CreateScoringRuleInput) => unwrap(c.POST('/scoring-rules', { body })),
    update: (id: string, body: UpdateScoringRuleInput) => unwrap(c.PATCH('/scoring-rules/{id}', { params: { path: { id } }, body })),
    remove: (id: string) => unwrap(c.DELETE('/scoring-rules/{id}', { params: { path: { id } } })),
    explain: (leadId: string) => unwrap(c.GET('/leads/{id}/score', { params: { path: { id: leadId } } })),
  },
  products: {
    list: (query: Omit<ProductListQuery, 'cursor'> & { cursor?: string | null }) => unwrap(c.GET('/products', { params: { query: { ...query, cursor: query.cursor ?? undefined } } })),
    get: (id: string) => unwrap(c.GET('/products/{id}', { params: { path: { id } } })),
    create: (body: CreateProductInput) => unwrap(c.POST('/products', { body })),
    update: (id: string, body: UpdateProductInput) => unwrap(c.PATCH('/products/{id}', { params: { path: { id } }, body })),
    remove: (id: string) => unwrap(c.DELETE('/products/{id}', { params: { path: { id } } })),
  },
  properties: {
    list: (query: Omit<PropertyListQuery, 'cursor'> & { cursor?: string | null }) => unwrap(c.GET('/properties', { params: { query: { ...query, cursor: query.cursor ?? undefined } } })),
    get: (id: string) => unwrap(c.GET('/properties/{id}', { params: { path: { id } } })),
    create: (body: CreatePropertyInput) => unwrap(c.POST('/properties', { body })),
    update: (id: string, body: UpdatePropertyInput) => unwrap(c.PATCH('/properties/{id}', { params: { path: { id } }, body })),
    remove: (id: string) => unwrap(c.DELETE('/properties/{id}', { params: { path: { id } } })),
  },
  media: {
    list: (query: Omit<MediaListQuery, 'cursor'> & { cursor?: string | null }) => unwrap(c.GET('/media', { params: { query: { ...query, cursor: query.cursor ?? undefined } } })),
    /** Links (an id) or unlinks (null) a product or property; a field left out stays as it is. */
    update: (id: string, body: UpdateMediaInput) => unwrap(c.PATCH('/media/{id}', { params: { path: { id } }, body })),
    gallery: (kind: 'product' | 'property', id: string) =>
      kind === 'product'
        ? unwrap(c.GET('/products/{id}/media', { params: { path: { id } } }))
        : unwrap(c.GET('/properties/{id}/media', { params: { path: { id } } })),
    reorder: (kind: 'product' | 'property', id: string, mediaIds: string[]) =>
      kind === 'product'
        ? unwrap(c.PUT('/products/{id}/media/order', { params: { path: { id } }, body: { mediaIds } }))
        : unwrap(c.PUT('/properties/{id}/media/order', { params: { path: { id } }, body: { mediaIds } })),
    remove: (id: string) => unwrap(c.DELETE('/media/{id}', { params: { path: { id } } })),
  },
};
