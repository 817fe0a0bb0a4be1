import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Roles, Scopes, TenantId } from '../../../common/auth/decorators.js';
import { ApiProblems } from '../../../common/http/openapi.js';
import { EnrichmentService } from './enrichment.service.js';

class EnrichedValueDto {
  @ApiProperty({ example: 'company' }) field: string;
  @ApiProperty({ description: 'Any JSON value', example: 'Agence Horizon' }) value: unknown;
  @ApiProperty({ enum: ['rules', 'provider'] }) source: string;
  @ApiProperty({ nullable: true, type: Number, example: 0.5 }) confidence: number | null;
  @ApiProperty({ format: 'date-time' }) enrichedAt: Date;
}

class EnrichmentListDto {
  @ApiProperty({ type: [EnrichedValueDto] }) items: EnrichedValueDto[];
}

@ApiTags('Leads')
@Controller('leads')
export class EnrichmentController {
  constructor(private readonly enrichment: EnrichmentService) {}

  @Get(':id/enrichment')
  @Roles('owner', 'admin', 'marketer', 'viewer')
  @Scopes('leads:read')
  @ApiOperation({ summary: 'What enrichment learnt about a lead, with source, confidence and time', operationId: 'leadEnrichment' })
  @ApiOkResponse({ type: EnrichmentListDto })
  @ApiProblems(400, 401, 403, 404)
  list(@TenantId() tenantId: string, @Param('id', new ParseUUIDPipe()) id: string): Promise<EnrichmentListDto> {
    return this.enrichment.list(tenantId, id);
  }
}
