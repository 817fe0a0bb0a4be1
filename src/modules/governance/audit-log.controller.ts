import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, TenantId } from '../../common/auth/decorators.js';
import { ApiProblems } from '../../common/http/openapi.js';
import { AuditLogService } from './audit-log.service.js';
import { AuditLogPageDto, AuditLogQueryDto } from './dto/audit-log.dto.js';

@ApiTags('Audit log')
@Controller('audit-logs')
export class AuditLogController {
  constructor(private readonly audit: AuditLogService) {}

  @Get()
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Who changed what, newest first', operationId: 'listAuditLogs' })
  @ApiOkResponse({ type: AuditLogPageDto })
  @ApiProblems(400, 401, 403)
  list(@TenantId() tenantId: string, @Query() query: AuditLogQueryDto): Promise<AuditLogPageDto> {
    return this.audit.list(tenantId, query) as Promise<AuditLogPageDto>;
  }
}
