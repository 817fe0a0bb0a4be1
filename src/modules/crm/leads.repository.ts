import { Injectable } from '@nestjs/common';
import type { TimeIdCursor } from '../../common/http/pagination.js';
import { ScopedSql } from '../../infra/database/scoped-sql.js';

export interface LeadListRow {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  company: string | null;
  jobTitle: string | null;
  source: string | null;
  lifecycleStage: string;
  tags: string[];
  score: number;
  createdAt: Date;
  updatedAt: Date;
}

const LIST_COLUMNS = `id, email, first_name AS "firstName", last_name AS "lastName", phone, company, job_title AS "jobTitle",
  source, lifecycle_stage AS "lifecycleStage", tags, score, created_at AS "createdAt", updated_at AS "updatedAt"`;

@Injectable()
export class LeadsRepository {
  constructor(private readonly sql: ScopedSql) {}

  /**
   * Newest first, keyset-paginated on (created_at, id), served by leads_tenant_id_created_at_id_idx.
   * The lead list is the hottest read of the product: one round trip (see ScopedSql).
   */
  list(tenantId: string, limit: number, cursor?: TimeIdCursor): Promise<LeadListRow[]> {
    return cursor
      ? this.sql.query<LeadListRow>(
          { tenantId },
          `SELECT ${LIST_COLUMNS} FROM crm.leads
            WHERE tenant_id = $1 AND deleted_at IS NULL AND (created_at, id) < ($2::timestamptz, $3::uuid)
            ORDER BY created_at DESC, id DESC LIMIT $4`,
          [tenantId, cursor.at, cursor.id, limit + 1],
        )
      : this.sql.query<LeadListRow>(
          { tenantId },
          `SELECT ${LIST_COLUMNS} FROM crm.leads WHERE tenant_id = $1 AND deleted_at IS NULL
            ORDER BY created_at DESC, id DESC LIMIT $2`,
          [tenantId, limit + 1],
        );
  }
}
