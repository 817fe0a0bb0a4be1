import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsObject, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { CursorQueryDto } from '../../../common/http/pagination.js';
import { IsOptionalNotNull, trimString } from '../../../common/http/transforms.js';

export const PERSONALISATION_DOC = [
  'Personalisation is Mustache, logic-less, checked on save (an unknown variable is a 400 naming it and its line):',
  '`{{lead.firstName}}`, `lastName`, `email`, `phone`, `company`, `jobTitle`, `civility` ("Madame"/"Monsieur" — "Ms"/"Mr" for English-speaking leads — or empty),',
  '`salutation` ("Madame Lefèvre", empty without civility or last name), `streetAddress`, `postalCode`, `city`, `region`, `country` (the country\'s name in the lead\'s language),',
  '`{{lead.custom.<key>}}` for the workspace\'s custom fields, `{{workspace.name}}`, `{{unsubscribe_url}}`, `{{preferences_url}}`, and `{{data.<key>}}` for values a transactional send passes.',
  'Every value is HTML-escaped in the HTML part. Fallback for an empty value: an inverted section, `{{lead.firstName}}{{^lead.firstName}}cher client{{/lead.firstName}}`;',
  'text shown only when a value is present: `{{#lead.company}}chez {{lead.company}}{{/lead.company}}`. Partials, unescaped output (`{{{x}}}`) and delimiter changes are refused.',
].join(' ');

const MJML_MAX = 500_000;

export class CreateTemplateDto {
  @ApiProperty({ maxLength: 200, example: 'Bienvenue' }) @Transform(trimString) @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiProperty({ maxLength: 500, example: 'Bienvenue {{lead.firstName}}{{^lead.firstName}}à vous{{/lead.firstName}} !', description: 'Personalised like the body' }) @Transform(trimString) @IsString() @MinLength(1) @MaxLength(500) subject: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500, description: 'The preview line inboxes show after the subject' }) @IsOptional() @IsString() @MaxLength(500) preheader?: string | null;
  @ApiProperty({ maxLength: MJML_MAX, description: `The body in MJML (compiled on save: an error is a 400 naming its line). ${PERSONALISATION_DOC}` }) @IsString() @MinLength(1) @MaxLength(MJML_MAX) mjml: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100_000, description: 'The plain-text part; generated from the HTML when absent' }) @IsOptional() @IsString() @MaxLength(100_000) textBody?: string | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, description: 'The visual editor\'s (GrapesJS) project data, stored as given' }) @IsOptional() @IsObject() editorProject?: Record<string, unknown> | null;
}

export class UpdateTemplateDto {
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptionalNotNull() @Transform(trimString) @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptionalNotNull() @Transform(trimString) @IsString() @MinLength(1) @MaxLength(500) subject?: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500) preheader?: string | null;
  @ApiPropertyOptional({ maxLength: MJML_MAX }) @IsOptionalNotNull() @IsString() @MinLength(1) @MaxLength(MJML_MAX) mjml?: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100_000 }) @IsOptional() @IsString() @MaxLength(100_000) textBody?: string | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true }) @IsOptional() @IsObject() editorProject?: Record<string, unknown> | null;
}

export class TemplateSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() subject: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The member who saved it last' }) updatedBy: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt: Date;
}

export class TemplateDto extends TemplateSummaryDto {
  @ApiProperty({ type: String, nullable: true }) preheader: string | null;
  @ApiProperty() mjml: string;
  @ApiProperty({ type: String, nullable: true }) textBody: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) editorProject: Record<string, unknown> | null;
}

export class TemplatePageDto {
  @ApiProperty({ type: [TemplateSummaryDto] }) items: TemplateSummaryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class ListTemplatesQueryDto extends CursorQueryDto {}

export class PreviewTemplateDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Render for this lead; without one, every lead field is empty (the fallbacks show)' }) @IsOptionalNotNull() @IsUUID() leadId?: string;
}

export class RenderedEmailDto {
  @ApiProperty() subject: string;
  @ApiProperty() html: string;
  @ApiProperty() text: string;
}

export class TestSendTemplateDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Default: the workspace\'s default sender' }) @IsOptionalNotNull() @IsUUID() senderId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Personalise for this lead (the email still goes to you)' }) @IsOptionalNotNull() @IsUUID() leadId?: string;
}

export class VariablesDto {
  @ApiProperty({ type: [String], example: ['lead.firstName', 'lead.custom.budget', 'workspace.name', 'unsubscribe_url', 'data.<key>'] }) variables: string[];
}
