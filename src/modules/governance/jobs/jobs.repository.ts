import { Injectable } from '@nestjs/common';
import type { JobState, Prisma } from '../../../generated/prisma/client.js';
import type { Tx } from '../../../infra/prisma/prisma.service.js';

@Injectable()
export class JobsRepository {
  create(tx: Tx, data: Prisma.JobUncheckedCreateInput) {
    return tx.job.create({ data });
  }
  find(tx: Tx, tenantId: string, id: string) {
    return tx.job.findFirst({ where: { tenantId, id } });
  }
  /** Across tenants (a SECURITY DEFINER function): jobs still `waiting` that were asked for before `before`. */
  waitingCreatedBefore(tx: Tx, before: Date, limit: number) {
    return tx.$queryRaw<{ id: string; tenant_id: string; queue: string; name: string; payload: Prisma.JsonValue; options: Prisma.JsonValue }[]>`
      SELECT id, tenant_id, queue, name, payload, options FROM governance.waiting_jobs_created_before(${before}::timestamptz, ${limit}::int)`;
  }
  update(tx: Tx, tenantId: string, id: string, data: { state?: JobState; progress?: Prisma.InputJsonValue; result?: Prisma.InputJsonValue; error?: string | null; attempts?: number; startedAt?: Date; finishedAt?: Date | null }) {
    return tx.job.updateMany({ where: { tenantId, id }, data });
  }
}
