import { Injectable } from '@nestjs/common';
import type { Tx } from '../../../infra/prisma/prisma.service.js';
import type { ChannelName } from '../providers/channel-provider.js';

export type SuppressionReasonName = 'unsubscribe' | 'bounce' | 'complaint' | 'manual';

@Injectable()
export class SuppressionsRepository {
  async reasonFor(tx: Tx, tenantId: string, channel: ChannelName, address: string): Promise<SuppressionReasonName | null> {
    const row = await tx.suppression.findFirst({ where: { tenantId, channel, address: address.toLowerCase() }, select: { reason: true } });
    return row?.reason ?? null;
  }

  /** Records a suppression; an address already suppressed keeps its first reason. */
  add(tx: Tx, tenantId: string, s: { channel: ChannelName; address: string; reason: SuppressionReasonName; sourceMessageId: string | null }) {
    return tx.$executeRaw`
      INSERT INTO channels.suppressions (tenant_id, channel, address, reason, source_message_id)
      VALUES (${tenantId}::uuid, ${s.channel}::channels.channel, ${s.address.toLowerCase()}, ${s.reason}::channels.suppression_reason, ${s.sourceMessageId}::uuid)
      ON CONFLICT (tenant_id, channel, address) DO NOTHING`;
  }
}
