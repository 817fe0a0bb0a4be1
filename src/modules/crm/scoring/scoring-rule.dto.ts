import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min, MinLength, NotEquals } from 'class-validator';
import { IsOptionalNotNull, trimString } from '../../../common/http/transforms.js';

export const RULE_KINDS = ['attribute', 'behaviour'] as const;

const CONDITION_DOC = {
  type: 'object' as const,
  additionalProperties: true,
  description:
    'attribute: one segment condition (field, customField, tag or consent), e.g. `{ type: "field", field: "jobTitle", operator: "contains", value: "directeur" }`; ' +
    'behaviour: `{ eventType: "email.clicked", properties?: { … } }` — points per matching event',
};

export class CreateScoringRuleDto {
  @ApiProperty({ example: 'Décideur' }) @Transform(trimString) @IsString() @MinLength(1) @MaxLength(100) name: string;
  @ApiProperty({ enum: RULE_KINDS }) @IsIn(RULE_KINDS) kind: (typeof RULE_KINDS)[number];
  @ApiProperty(CONDITION_DOC) @IsObject() condition: Record<string, unknown>;
  @ApiProperty({ example: 10, description: 'Points when the condition holds (attribute) or per event (behaviour); may be negative' })
  @IsInt()
  @Min(-1000)
  @Max(1000)
  @NotEquals(0, { message: 'points must not be 0 (a rule that gives nothing is a paused rule: set active to false)' })
  points: number;
  @ApiPropertyOptional({ example: 30, description: 'Behaviour: most points this rule can give' }) @IsOptional() @IsInt() @Min(1) @Max(100_000) maxPoints?: number;
  @ApiPropertyOptional({ example: 90, description: 'Behaviour: events older than this many days no longer count' }) @IsOptional() @IsInt() @Min(1) @Max(3650) decayDays?: number;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() active?: boolean;
}

export class UpdateScoringRuleDto {
  @ApiPropertyOptional() @IsOptionalNotNull() @Transform(trimString) @IsString() @MinLength(1) @MaxLength(100) name?: string;
  @ApiPropertyOptional(CONDITION_DOC) @IsOptionalNotNull() @IsObject() condition?: Record<string, unknown>;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsInt() @Min(-1000) @Max(1000) @NotEquals(0, { message: 'points must not be 0 (pause the rule instead)' }) points?: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) @IsOptional() @IsInt() @Min(1) @Max(100_000) maxPoints?: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) @IsOptional() @IsInt() @Min(1) @Max(3650) decayDays?: number | null;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsBoolean() active?: boolean;
}

export class ScoringRuleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: RULE_KINDS }) kind: string;
  @ApiProperty(CONDITION_DOC) condition: Record<string, unknown>;
  @ApiProperty() points: number;
  @ApiProperty({ nullable: true, type: Number }) maxPoints: number | null;
  @ApiProperty({ nullable: true, type: Number }) decayDays: number | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
}

export class ScoringRuleListDto {
  @ApiProperty({ type: [ScoringRuleDto] }) items: ScoringRuleDto[];
}

export class ScoringRuleSavedDto extends ScoringRuleDto {
  @ApiProperty({ format: 'uuid', description: 'The job recomputing every lead\'s score: GET /jobs/{id}' }) recomputeJobId: string;
}

export class ScorePartDto {
  @ApiProperty({ format: 'uuid' }) ruleId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: RULE_KINDS }) kind: string;
  @ApiProperty() points: number;
  @ApiPropertyOptional({ description: 'Behaviour rules: events counted (when capped, counting stops once the cap is reached)' }) events?: number;
  @ApiPropertyOptional({ description: 'Behaviour rules: the cap (maxPoints) is reached' }) capped?: boolean;
}

export class ScoreExplanationDto {
  @ApiProperty({ description: 'Score stored on the lead' }) score: number;
  @ApiProperty({ description: 'Score the rules give now' }) computed: number;
  @ApiProperty({ type: [ScorePartDto], description: 'The rules that give points, and how many' }) parts: ScorePartDto[];
}
