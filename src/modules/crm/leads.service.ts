import { Injectable } from '@nestjs/common';
import { decodeCursor, page } from '../../common/http/pagination.js';
import type { ListLeadsQueryDto } from './dto/lead.dto.js';
import { LeadsRepository } from './leads.repository.js';

@Injectable()
export class LeadsService {
  constructor(private readonly repo: LeadsRepository) {}

  async list(tenantId: string, query: ListLeadsQueryDto) {
    const cursor = decodeCursor(query.cursor);
    const rows = await this.repo.list(tenantId, query.limit, cursor);
    return page(rows, query.limit, (r) => r.createdAt);
  }
}
