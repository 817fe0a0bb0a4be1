import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../../generated/prisma/client.js';
import type { Tx } from '../../../infra/prisma/prisma.service.js';

/** Merge receipts (crm.lead_merges): what each merge changed and moved, to undo it once. */
@Injectable()
export class LeadMergesRepository {
  create(tx: Tx, data: Prisma.LeadMergeUncheckedCreateInput) {
    return tx.leadMerge.create({ data });
  }

  setMoved(tx: Tx, id: string, moved: Prisma.InputJsonValue) {
    return tx.leadMerge.update({ where: { id }, data: { moved } });
  }

  find(tx: Tx, tenantId: string, id: string) {
    return tx.leadMerge.findFirst({ where: { tenantId, id } });
  }

  /** Marks the merge undone if it is not yet: null when another undo got there first (or none exists). */
  async claimUndo(tx: Tx, tenantId: string, id: string, actor: string) {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE crm.lead_merges SET undone_at = now(), undone_by = ${actor}
       WHERE tenant_id = ${tenantId}::uuid AND id = ${id}::uuid AND undone_at IS NULL RETURNING id`;
    return rows.length ? this.find(tx, tenantId, id) : null;
  }
}
