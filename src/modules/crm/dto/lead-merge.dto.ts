import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, IsOptional, IsUUID } from 'class-validator';
import { LeadDto } from './lead.dto.js';

/** Fields whose value the person merging may take from either lead. */
export const MERGE_CHOOSABLE_FIELDS = [
  'email',
  'phone',
  'civility',
  'firstName',
  'lastName',
  'company',
  'jobTitle',
  'streetAddress',
  'postalCode',
  'city',
  'region',
  'country',
  'sourceCreatedAt',
  'source',
  'lifecycleStage',
  'ownerId',
  'language',
  'timezone',
] as const;
export type MergeChoosableField = (typeof MERGE_CHOOSABLE_FIELDS)[number];
export type MergeChoice = 'this' | 'other';

export class MergeLeadsDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The lead merged into this one (then moved to the trash); give this or sourceIds' })
  @IsOptional()
  @IsUUID()
  otherId?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Several leads merged into this one at once (no choices then)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  sourceIds?: string[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', enum: ['this', 'other'] },
    example: { city: 'other', email: 'this' },
    description:
      `Which lead's value to keep, field by field (${MERGE_CHOOSABLE_FIELDS.join(', ')}). Without a choice, this lead's value is kept unless it is empty. ` +
      'The email and phone not kept stay on the lead as secondary ones (otherEmails, otherPhones).',
  })
  @IsOptional()
  @IsObject()
  choices?: Partial<Record<MergeChoosableField, MergeChoice>>;
}

/** The surviving lead, and the receipt of the merge. */
export class MergeResultDto extends LeadDto {
  @ApiProperty({ format: 'uuid', description: 'The merge receipt: POST /leads/merges/{mergeId}/undo undoes it' }) mergeId: string;
}

export class UndoMergeResultDto {
  @ApiProperty({ type: LeadDto, description: 'The surviving lead, as it was before the merge' }) lead: LeadDto;
  @ApiProperty({ type: [LeadDto], description: 'The merged leads, out of the trash' }) restored: LeadDto[];
}

export const isMergeChoice = (v: unknown): v is MergeChoice => v === 'this' || v === 'other';
export const isMergeChoosable = (k: string): k is MergeChoosableField => (MERGE_CHOOSABLE_FIELDS as readonly string[]).includes(k);
