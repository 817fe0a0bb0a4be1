import { Injectable } from '@nestjs/common';
import { decodeCursor, page } from '../../common/http/pagination.js';
import { PrismaService } from '../../infra/prisma/prisma.service.js';
import type { ListLeadsQueryDto } from './dto/lead.dto.js';
import { LeadsRepository } from './leads.repository.js';

@Injectable()
export class LeadsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly repo: LeadsRepository,
  ) {}

  async list(tenantId: string, query: ListLeadsQueryDto) {
    const cursor = decodeCursor(query.cursor);
    const rows = await this.prisma.scoped({ tenantId }, (tx) => this.repo.list(tx, tenantId, query.limit, cursor));
    return page(rows, query.limit, (r) => r.createdAt);
  }
}
