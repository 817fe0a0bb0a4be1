import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../../common/auth/actor.js';
import { CurrentActor, Roles, Scopes, TenantId } from '../../../common/auth/decorators.js';
import { ApiProblems } from '../../../common/http/openapi.js';
import {
  CreateSegmentDto,
  CreateSnapshotDto,
  SegmentSnapshotDto,
  SegmentSnapshotListDto,
  SegmentDto,
  SegmentLeadPageDto,
  SegmentLeadsQueryDto,
  SegmentListDto,
  SegmentPreviewDto,
  SegmentRulesDto,
  SegmentSizesDto,
  UpdateSegmentDto,
} from './segment.dto.js';
import { SegmentsService } from './segments.service.js';
import { SegmentSnapshotsService } from './segment-snapshots.service.js';

const READERS = ['owner', 'admin', 'marketer', 'viewer'] as const;
const WRITERS = ['owner', 'admin', 'marketer'] as const;
const uuid = () => new ParseUUIDPipe();

@ApiTags('Segments')
@Controller('segments')
export class SegmentsController {
  constructor(
    private readonly segments: SegmentsService,
    private readonly snapshots: SegmentSnapshotsService,
  ) {}

  @Post('preview')
  @HttpCode(200)
  @Roles(...READERS)
  @Scopes('leads:read')
  @ApiOperation({ summary: 'Live count and sample of leads matching a rule tree (while editing)', operationId: 'previewSegment' })
  @ApiOkResponse({ type: SegmentPreviewDto })
  @ApiProblems(400, 401, 403)
  preview(@TenantId() tenantId: string, @Body() dto: SegmentRulesDto): Promise<SegmentPreviewDto> {
    return this.segments.preview(tenantId, dto.rules);
  }

  @Get()
  @Roles(...READERS)
  @Scopes('leads:read')
  @ApiOperation({ summary: 'Segments of this workspace', operationId: 'listSegments' })
  @ApiOkResponse({ type: SegmentListDto })
  @ApiProblems(401, 403)
  list(@TenantId() tenantId: string): Promise<SegmentListDto> {
    return this.segments.list(tenantId);
  }

  @Post()
  @Roles(...WRITERS)
  @Scopes('leads:write')
  @ApiOperation({ summary: 'Create a segment (static segments get their members now)', operationId: 'createSegment' })
  @ApiCreatedResponse({ type: SegmentDto })
  @ApiProblems(400, 401, 403, 409)
  create(@TenantId() tenantId: string, @CurrentActor() actor: Actor, @Body() dto: CreateSegmentDto): Promise<SegmentDto> {
    return this.segments.create(tenantId, actor.type === 'user' ? actor.id : null, dto);
  }

  @Get(':id')
  @Roles(...READERS)
  @Scopes('leads:read')
  @ApiOperation({ summary: 'One segment', operationId: 'getSegment' })
  @ApiOkResponse({ type: SegmentDto })
  @ApiProblems(400, 401, 403, 404)
  get(@TenantId() tenantId: string, @Param('id', uuid()) id: string): Promise<SegmentDto> {
    return this.segments.get(tenantId, id);
  }

  @Patch(':id')
  @Roles(...WRITERS)
  @Scopes('leads:write')
  @ApiOperation({ summary: 'Rename a segment or change its rules', operationId: 'updateSegment' })
  @ApiOkResponse({ type: SegmentDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(@TenantId() tenantId: string, @Param('id', uuid()) id: string, @Body() dto: UpdateSegmentDto): Promise<SegmentDto> {
    return this.segments.update(tenantId, id, dto);
  }

  @Post(':id/refresh')
  @HttpCode(200)
  @Roles(...WRITERS)
  @Scopes('leads:write')
  @ApiOperation({ summary: 'Count a segment now (a static one takes its members anew)', operationId: 'refreshSegment' })
  @ApiOkResponse({ type: SegmentDto })
  @ApiProblems(400, 401, 403, 404)
  refresh(@TenantId() tenantId: string, @Param('id', uuid()) id: string): Promise<SegmentDto> {
    return this.segments.refresh(tenantId, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(...WRITERS)
  @Scopes('leads:write')
  @ApiOperation({ summary: 'Delete a segment', operationId: 'deleteSegment' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 401, 403, 404)
  async remove(@TenantId() tenantId: string, @Param('id', uuid()) id: string): Promise<void> {
    await this.segments.remove(tenantId, id);
  }

  @Get(':id/leads')
  @Roles(...READERS)
  @Scopes('leads:read')
  @ApiOperation({ summary: 'The segment\'s leads, newest first', operationId: 'segmentLeads' })
  @ApiOkResponse({ type: SegmentLeadPageDto })
  @ApiProblems(400, 401, 403, 404)
  leads(@TenantId() tenantId: string, @Param('id', uuid()) id: string, @Query() query: SegmentLeadsQueryDto): Promise<SegmentLeadPageDto> {
    return this.segments.leads(tenantId, id, query.limit, query.cursor);
  }

  @Get(':id/sizes')
  @Roles(...READERS)
  @Scopes('leads:read')
  @ApiOperation({ summary: 'The segment\'s size each time it was counted', operationId: 'segmentSizes' })
  @ApiOkResponse({ type: SegmentSizesDto })
  @ApiProblems(400, 401, 403, 404)
  sizes(@TenantId() tenantId: string, @Param('id', uuid()) id: string): Promise<SegmentSizesDto> {
    return this.segments.sizes(tenantId, id);
  }

  @Post(':id/snapshots')
  @HttpCode(202)
  @Roles(...WRITERS)
  @Scopes('leads:write')
  @ApiOperation({ summary: 'Freeze the segment\'s members now (e.g. a campaign\'s audience); taken by a job', operationId: 'snapshotSegment' })
  @ApiAcceptedResponse({ type: SegmentSnapshotDto })
  @ApiProblems(400, 401, 403, 404)
  snapshot(@TenantId() tenantId: string, @CurrentActor() actor: Actor, @Param('id', uuid()) id: string, @Body() dto: CreateSnapshotDto): Promise<SegmentSnapshotDto> {
    return this.snapshots.request(tenantId, id, actor.type === 'user' ? actor.id : null, dto.purpose);
  }

  @Get(':id/snapshots')
  @Roles(...READERS)
  @Scopes('leads:read')
  @ApiOperation({ summary: 'The segment\'s snapshots, newest first', operationId: 'listSegmentSnapshots' })
  @ApiOkResponse({ type: SegmentSnapshotListDto })
  @ApiProblems(400, 401, 403, 404)
  listSnapshots(@TenantId() tenantId: string, @Param('id', uuid()) id: string): Promise<SegmentSnapshotListDto> {
    return this.snapshots.list(tenantId, id);
  }

  @Get(':id/snapshots/:snapshotId')
  @Roles(...READERS)
  @Scopes('leads:read')
  @ApiOperation({ summary: 'One snapshot', operationId: 'getSegmentSnapshot' })
  @ApiOkResponse({ type: SegmentSnapshotDto })
  @ApiProblems(400, 401, 403, 404)
  getSnapshot(@TenantId() tenantId: string, @Param('id', uuid()) id: string, @Param('snapshotId', uuid()) snapshotId: string): Promise<SegmentSnapshotDto> {
    return this.snapshots.get(tenantId, id, snapshotId);
  }

  @Get(':id/snapshots/:snapshotId/leads')
  @Roles(...READERS)
  @Scopes('leads:read')
  @ApiOperation({ summary: 'The snapshot\'s leads, newest first (409 while it is being taken)', operationId: 'segmentSnapshotLeads' })
  @ApiOkResponse({ type: SegmentLeadPageDto })
  @ApiProblems(400, 401, 403, 404, 409)
  snapshotLeads(
    @TenantId() tenantId: string,
    @Param('id', uuid()) id: string,
    @Param('snapshotId', uuid()) snapshotId: string,
    @Query() query: SegmentLeadsQueryDto,
  ): Promise<SegmentLeadPageDto> {
    return this.snapshots.leads(tenantId, id, snapshotId, query.limit, query.cursor);
  }
}
