import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../../common/auth/actor.js';
import { CurrentActor, Roles, Scopes, TenantId } from '../../../common/auth/decorators.js';
import { ApiProblems } from '../../../common/http/openapi.js';
import { CreateScoringRuleDto, ScoreExplanationDto, ScoringRuleListDto, ScoringRuleSavedDto, UpdateScoringRuleDto } from './scoring-rule.dto.js';
import { ScoringService } from './scoring.service.js';

class RecomputeDto {
  @ApiProperty({ format: 'uuid' }) recomputeJobId: string;
}

const uuid = () => new ParseUUIDPipe();

@ApiTags('Lead scoring')
@Controller()
export class ScoringController {
  constructor(private readonly scoring: ScoringService) {}

  @Get('scoring-rules')
  @Roles('owner', 'admin', 'marketer', 'viewer')
  @Scopes('leads:read')
  @ApiOperation({ summary: 'Scoring rules of this workspace', operationId: 'listScoringRules' })
  @ApiOkResponse({ type: ScoringRuleListDto })
  @ApiProblems(401, 403)
  list(@TenantId() tenantId: string): Promise<ScoringRuleListDto> {
    return this.scoring.list(tenantId);
  }

  @Post('scoring-rules')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Add a scoring rule (every score is then recomputed by a job)', operationId: 'createScoringRule' })
  @ApiCreatedResponse({ type: ScoringRuleSavedDto })
  @ApiProblems(400, 401, 403)
  create(@TenantId() tenantId: string, @CurrentActor() actor: Actor, @Body() dto: CreateScoringRuleDto): Promise<ScoringRuleSavedDto> {
    return this.scoring.create(tenantId, actor, dto);
  }

  @Patch('scoring-rules/:id')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Change a scoring rule (every score is then recomputed by a job)', operationId: 'updateScoringRule' })
  @ApiOkResponse({ type: ScoringRuleSavedDto })
  @ApiProblems(400, 401, 403, 404)
  update(@TenantId() tenantId: string, @CurrentActor() actor: Actor, @Param('id', uuid()) id: string, @Body() dto: UpdateScoringRuleDto): Promise<ScoringRuleSavedDto> {
    return this.scoring.update(tenantId, actor, id, dto);
  }

  @Delete('scoring-rules/:id')
  @HttpCode(200)
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Delete a scoring rule (every score is then recomputed by a job)', operationId: 'deleteScoringRule' })
  @ApiOkResponse({ type: RecomputeDto })
  @ApiProblems(400, 401, 403, 404)
  remove(@TenantId() tenantId: string, @CurrentActor() actor: Actor, @Param('id', uuid()) id: string): Promise<RecomputeDto> {
    return this.scoring.remove(tenantId, actor, id);
  }

  @Get('leads/:id/score')
  @Roles('owner', 'admin', 'marketer', 'viewer')
  @Scopes('leads:read')
  @ApiOperation({ summary: 'Why a lead has its score: the points each rule gives it', operationId: 'explainLeadScore' })
  @ApiOkResponse({ type: ScoreExplanationDto })
  @ApiProblems(400, 401, 403, 404)
  explain(@TenantId() tenantId: string, @Param('id', uuid()) id: string): Promise<ScoreExplanationDto> {
    return this.scoring.explain(tenantId, id);
  }
}
