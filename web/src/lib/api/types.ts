/**
 * Names for the API's types, all derived from `schema.d.ts` (generated from the API's
 * committed `openapi.json` by `npm run api:types`): a changed endpoint breaks `tsc`.
 */
import type { components } from './schema';

type Schemas = components['schemas'];

export type Role = Schemas['MeDto']['role'];
export const ROLES = ['owner', 'admin', 'marketer', 'viewer'] as const satisfies readonly Role[];
export const ADMIN_ROLES: readonly Role[] = ['owner', 'admin'];
/** Roles that may create, change and delete leads (viewers only read). */
export const LEAD_WRITER_ROLES: readonly Role[] = ['owner', 'admin', 'marketer'];

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
export type LeadInput = Schemas['LeadInputDto'];
export type LifecycleStage = Lead['lifecycleStage'];
export const LIFECYCLE_STAGES = ['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer', 'evangelist', 'other'] as const satisfies readonly LifecycleStage[];
export type ConsentStatus = Schemas['ConsentDto']['status'];
export const CONSENT_STATUSES = ['unknown', 'granted', 'denied'] as const satisfies readonly ConsentStatus[];
export const CONSENT_CHANNELS = ['email', 'sms', 'whatsapp'] as const satisfies readonly (keyof Schemas['ConsentsDto'])[];
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
export type LeadListQuery = NonNullable<import('./schema').operations['listLeads']['parameters']['query']>;
export type LeadSort = NonNullable<LeadListQuery['sort']>;
export type LeadCountQuery = NonNullable<import('./schema').operations['countLeads']['parameters']['query']>;
export type LeadCount = Schemas['LeadCountDto'];
export type LeadView = Schemas['LeadViewDto'];
export type LeadViewCriteria = Schemas['LeadViewCriteriaDto'];
export type CreateLeadViewInput = Schemas['CreateLeadViewDto'];
export type UpdateLeadViewInput = Schemas['UpdateLeadViewDto'];
export type BulkMatching = Schemas['BulkMatchingDto'];
export type BulkLeadsInput = Schemas['BulkLeadsDto'];
export type BulkAction = BulkLeadsInput['action'];
export type TimelineItem = Schemas['TimelineItemDto'];
export type MergeLeadsInput = Schemas['MergeLeadsDto'];
export type DuplicateCandidate = Schemas['DuplicateCandidateDto'];
export type CustomField = Schemas['CustomFieldDto'];
export type CustomFieldType = CustomField['type'];
export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'boolean', 'select'] as const satisfies readonly CustomFieldType[];
export type CreateCustomFieldInput = Schemas['CreateCustomFieldDto'];
export type UpdateCustomFieldInput = Schemas['UpdateCustomFieldDto'];

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

export type AuditLogFilters = Pick<
  NonNullable<import('./schema').operations['listAuditLogs']['parameters']['query']>,
  'action' | 'entityType' | 'entityId' | 'actorId' | 'actorType' | 'from' | 'to'
>;

export type LeadImportPreview = Schemas['LeadImportPreviewDto'];
export type LeadImport = Schemas['LeadImportDto'];
export type ColumnMapping = Schemas['ColumnMappingDto'];
export type ColumnMappingInput = Schemas['ColumnMappingInputDto'];
export type ImportStatus = LeadImport['status'];
export type Job = Schemas['JobDto'];
export type Segment = Schemas['SegmentDto'];
export type SegmentKind = Segment['kind'];
export type SegmentPreview = Schemas['SegmentPreviewDto'];
export type SegmentSize = Schemas['SegmentSizeDto'];
export type CreateSegmentInput = Schemas['CreateSegmentDto'];
export type UpdateSegmentInput = Schemas['UpdateSegmentDto'];
export type Product = Schemas['ProductDto'];
/** A product as lists give it: with its cover image. */
export type ProductListItem = Schemas['ProductListItemDto'];
export type CreateProductInput = Schemas['CreateProductDto'];
export type UpdateProductInput = Schemas['UpdateProductDto'];
export type Property = Schemas['PropertyDto'];
/** A property as lists give it: with its cover image. */
export type PropertyListItem = Schemas['PropertyListItemDto'];
export type CreatePropertyInput = Schemas['CreatePropertyDto'];
export type UpdatePropertyInput = Schemas['UpdatePropertyDto'];
export type PropertyStatus = Property['status'];
export const PROPERTY_STATUSES = ['draft', 'available', 'under_offer', 'sold', 'rented', 'withdrawn'] as const satisfies readonly PropertyStatus[];
export type PropertyType = Property['propertyType'];
export const PROPERTY_TYPES = ['apartment', 'house', 'land', 'commercial', 'parking', 'office', 'building', 'other'] as const satisfies readonly PropertyType[];
export type EnergyRating = NonNullable<Property['energyRating']>;
export const ENERGY_RATINGS = ['A', 'B', 'C', 'D', 'E', 'F', 'G'] as const satisfies readonly EnergyRating[];
export type Gallery = Schemas['GalleryDto'];
export type Media = Schemas['MediaDto'];
export type UpdateMediaInput = Schemas['UpdateMediaDto'];
export type MediaListQuery = NonNullable<import('./schema').operations['listMedia']['parameters']['query']>;
export type ScoringRule = Schemas['ScoringRuleDto'];
export type ScoringRuleKind = ScoringRule['kind'];
export type CreateScoringRuleInput = Schemas['CreateScoringRuleDto'];
export type UpdateScoringRuleInput = Schemas['UpdateScoringRuleDto'];
export type ScoreExplanation = Schemas['ScoreExplanationDto'];
export type ScorePart = Schemas['ScorePartDto'];
export type ProductListQuery = NonNullable<import('./schema').operations['listProducts']['parameters']['query']>;
export type PropertyListQuery = NonNullable<import('./schema').operations['listProperties']['parameters']['query']>;
export type LeadExportQuery = NonNullable<import('./schema').operations['exportLeads']['parameters']['query']>;

export type Sender = Schemas['SenderDto'];
export type SenderTestResult = Schemas['SenderTestResultDto'];
export type SmtpSecurity = Sender['security'];
export const SMTP_SECURITIES: readonly SmtpSecurity[] = ['starttls', 'tls', 'none'];
export type EmailTemplate = Schemas['TemplateDto'];
export type EmailTemplateSummary = Schemas['TemplateSummaryDto'];
export type RenderedEmail = Schemas['RenderedEmailDto'];
export type ChannelMessage = Schemas['MessageDto'];
