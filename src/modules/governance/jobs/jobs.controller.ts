import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Roles, Scopes, TenantId } from '../../../common/auth/decorators.js';
import { ApiProblems } from '../../../common/http/openapi.js';
import { JobsService } from './jobs.service.js';

export class JobDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'governance' }) queue: string;
  @ApiProperty({ example: 'audit-retention' }) name: string;
  @ApiProperty({ enum: ['waiting', 'active', 'completed', 'failed'] }) state: string;
  @ApiProperty({ description: 'A percentage, or an object of counters for richer progress', oneOf: [{ type: 'number' }, { type: 'object' }] }) progress: unknown;
  @ApiProperty({ nullable: true, description: 'The job\'s result once completed' }) result: unknown;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty() attempts: number;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty({ format: 'date-time', nullable: true, type: Date }) startedAt: Date | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: Date }) finishedAt: Date | null;
}

@ApiTags('Jobs')
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get(':id')
  @Roles('owner', 'admin', 'marketer', 'viewer')
  @Scopes('jobs:read')
  @ApiOperation({ summary: 'Status of a long-running job (import, send, OCR…) of this workspace', operationId: 'getJob' })
  @ApiOkResponse({ type: JobDto })
  @ApiProblems(400, 401, 403, 404)
  async get(@TenantId() tenantId: string, @Param('id', new ParseUUIDPipe()) id: string): Promise<JobDto> {
    const { tenantId: _tenant, createdById: _by, payload: _payload, options: _options, ...job } = await this.jobs.get(tenantId, id);
    return job;
  }
}
