import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../common/auth/actor.js';
import { CurrentActor, Roles, Scopes, TenantId } from '../../common/auth/decorators.js';
import { ApiProblems } from '../../common/http/openapi.js';
import { CampaignsService } from './campaigns.service.js';
import {
  CampaignDto,
  CampaignListQueryDto,
  CampaignPageDto,
  CreateCampaignDto,
  EnrollmentDetailDto,
  EnrollmentPageDto,
  EnrollmentQueryDto,
  JourneyDto,
  LaunchDto,
  PutJourneyDto,
  ScheduleCampaignDto,
  UpdateCampaignDto,
} from './dto/campaign.dto.js';
import { EnrollmentsService } from './enrollments.service.js';
import { JourneysService } from './journeys/journeys.service.js';

const READERS = ['owner', 'admin', 'marketer', 'viewer'] as const;
const WRITERS = ['owner', 'admin', 'marketer'] as const;
const uuid = () => new ParseUUIDPipe();
const actorId = (a: Actor) => (a.type === 'user' ? a.id : null);

@ApiTags('Campaigns')
@Controller('campaigns')
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly journeys: JourneysService,
    private readonly enrollments: EnrollmentsService,
  ) {}

  @Get()
  @Roles(...READERS)
  @Scopes('campaigns:read')
  @ApiOperation({ summary: 'Campaigns of this workspace, newest first', operationId: 'listCampaigns' })
  @ApiOkResponse({ type: CampaignPageDto })
  @ApiProblems(400, 401, 403)
  list(@TenantId() tenantId: string, @Query() query: CampaignListQueryDto): Promise<CampaignPageDto> {
    return this.campaigns.list(tenantId, query);
  }

  @Post()
  @Roles(...WRITERS)
  @Scopes('campaigns:write')
  @ApiOperation({ summary: 'Create a campaign (a draft)', operationId: 'createCampaign' })
  @ApiCreatedResponse({ type: CampaignDto })
  @ApiProblems(400, 401, 403, 404)
  create(@TenantId() tenantId: string, @CurrentActor() actor: Actor, @Body() dto: CreateCampaignDto): Promise<CampaignDto> {
    return this.campaigns.create(tenantId, actorId(actor), dto);
  }

  @Get(':id')
  @Roles(...READERS)
  @Scopes('campaigns:read')
  @ApiOperation({ summary: 'One campaign, with its current run\'s admission progress', operationId: 'getCampaign' })
  @ApiOkResponse({ type: CampaignDto })
  @ApiProblems(400, 401, 403, 404)
  get(@TenantId() tenantId: string, @Param('id', uuid()) id: string): Promise<CampaignDto> {
    return this.campaigns.get(tenantId, id);
  }

  @Patch(':id')
  @Roles(...WRITERS)
  @Scopes('campaigns:write')
  @ApiOperation({ summary: 'Rename a campaign, or change its audience and goal before launch', operationId: 'updateCampaign' })
  @ApiOkResponse({ type: CampaignDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(@TenantId() tenantId: string, @Param('id', uuid()) id: string, @Body() dto: UpdateCampaignDto): Promise<CampaignDto> {
    return this.campaigns.update(tenantId, id, dto);
  }

  @Post(':id/clone')
  @Roles(...WRITERS)
  @Scopes('campaigns:write')
  @ApiOperation({ summary: 'Copy a campaign and its journey into a new draft', operationId: 'cloneCampaign' })
  @ApiCreatedResponse({ type: CampaignDto })
  @ApiProblems(400, 401, 403, 404)
  clone(@TenantId() tenantId: string, @CurrentActor() actor: Actor, @Param('id', uuid()) id: string): Promise<CampaignDto> {
    return this.campaigns.clone(tenantId, actorId(actor), id);
  }

  @Get(':id/journey')
  @Roles(...READERS)
  @Scopes('campaigns:read')
  @ApiOperation({ summary: 'The campaign\'s journey: steps and edges', operationId: 'getCampaignJourney' })
  @ApiOkResponse({ type: JourneyDto })
  @ApiProblems(400, 401, 403, 404)
  journey(@TenantId() tenantId: string, @Param('id', uuid()) id: string): Promise<JourneyDto> {
    return this.journeys.get(tenantId, id);
  }

  @Put(':id/journey')
  @Roles(...WRITERS)
  @Scopes('campaigns:write')
  @ApiOperation({ summary: 'Replace the journey (draft, scheduled or paused); 400 names each step at fault', operationId: 'putCampaignJourney' })
  @ApiOkResponse({ type: JourneyDto })
  @ApiProblems(400, 401, 403, 404, 409)
  putJourney(@TenantId() tenantId: string, @Param('id', uuid()) id: string, @Body() dto: PutJourneyDto): Promise<JourneyDto> {
    return this.journeys.put(tenantId, id, dto);
  }

  @Post(':id/schedule')
  @HttpCode(200)
  @Roles(...WRITERS)
  @Scopes('campaigns:write')
  @ApiOperation({ summary: 'Schedule a draft campaign\'s launch', operationId: 'scheduleCampaign' })
  @ApiOkResponse({ type: CampaignDto })
  @ApiProblems(400, 401, 403, 404, 409)
  schedule(@TenantId() tenantId: string, @Param('id', uuid()) id: string, @Body() dto: ScheduleCampaignDto): Promise<CampaignDto> {
    return this.campaigns.schedule(tenantId, id, dto.startsAt);
  }

  @Post(':id/launch')
  @HttpCode(202)
  @Roles(...WRITERS)
  @Scopes('campaigns:write')
  @ApiOperation({ summary: 'Launch now: the audience is frozen and admitted by a job (follow it with GET /jobs/:id)', operationId: 'launchCampaign' })
  @ApiAcceptedResponse({ type: LaunchDto })
  @ApiProblems(400, 401, 403, 404, 409)
  launch(@TenantId() tenantId: string, @CurrentActor() actor: Actor, @Param('id', uuid()) id: string): Promise<LaunchDto> {
    return this.campaigns.launch(tenantId, actorId(actor), id);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @Roles(...WRITERS)
  @Scopes('campaigns:write')
  @ApiOperation({ summary: 'Pause a running campaign: no lead moves until it is resumed', operationId: 'pauseCampaign' })
  @ApiOkResponse({ type: CampaignDto })
  @ApiProblems(400, 401, 403, 404, 409)
  pause(@TenantId() tenantId: string, @Param('id', uuid()) id: string): Promise<CampaignDto> {
    return this.campaigns.pause(tenantId, id);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Roles(...WRITERS)
  @Scopes('campaigns:write')
  @ApiOperation({ summary: 'Resume a paused campaign', operationId: 'resumeCampaign' })
  @ApiOkResponse({ type: CampaignDto })
  @ApiProblems(400, 401, 403, 404, 409)
  resume(@TenantId() tenantId: string, @Param('id', uuid()) id: string): Promise<CampaignDto> {
    return this.campaigns.resume(tenantId, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles(...WRITERS)
  @Scopes('campaigns:write')
  @ApiOperation({ summary: 'Cancel a campaign for good: leads stop where they are, queued messages are not sent', operationId: 'cancelCampaign' })
  @ApiOkResponse({ type: CampaignDto })
  @ApiProblems(400, 401, 403, 404, 409)
  cancel(@TenantId() tenantId: string, @Param('id', uuid()) id: string): Promise<CampaignDto> {
    return this.campaigns.cancel(tenantId, id);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @Roles(...WRITERS)
  @Scopes('campaigns:write')
  @ApiOperation({ summary: 'Archive a draft, completed or cancelled campaign', operationId: 'archiveCampaign' })
  @ApiOkResponse({ type: CampaignDto })
  @ApiProblems(400, 401, 403, 404, 409)
  archive(@TenantId() tenantId: string, @Param('id', uuid()) id: string): Promise<CampaignDto> {
    return this.campaigns.archive(tenantId, id);
  }

  @Get(':id/enrollments')
  @Roles(...READERS)
  @Scopes('campaigns:read')
  @ApiOperation({ summary: 'Where each lead is in the journey', operationId: 'listCampaignEnrollments' })
  @ApiOkResponse({ type: EnrollmentPageDto })
  @ApiProblems(400, 401, 403, 404)
  listEnrollments(@TenantId() tenantId: string, @Param('id', uuid()) id: string, @Query() query: EnrollmentQueryDto): Promise<EnrollmentPageDto> {
    return this.enrollments.list(tenantId, id, query);
  }

  @Get(':id/enrollments/:enrollmentId')
  @Roles(...READERS)
  @Scopes('campaigns:read')
  @ApiOperation({ summary: 'One lead\'s progress and the steps it went through', operationId: 'getCampaignEnrollment' })
  @ApiOkResponse({ type: EnrollmentDetailDto })
  @ApiProblems(400, 401, 403, 404)
  getEnrollment(@TenantId() tenantId: string, @Param('id', uuid()) id: string, @Param('enrollmentId', uuid()) enrollmentId: string): Promise<EnrollmentDetailDto> {
    return this.enrollments.get(tenantId, id, enrollmentId);
  }
}
