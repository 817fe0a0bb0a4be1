import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../../generated/prisma/client.js';
import type { Tx } from '../../../infra/prisma/prisma.service.js';

export const MESSAGE_FIELDS = {
  id: true, kind: true, channel: true, leadId: true, senderId: true, toAddress: true, status: true, statusReason: true, attempts: true,
  nextAttemptAt: true, providerMessageId: true, payload: true, sentAt: true, failedAt: true, unsubscribedAt: true, idempotencyKey: true, requestHash: true, createdAt: true, updatedAt: true,
} satisfies Prisma.ChannelMessageSelect;

export type MessageRow = Prisma.ChannelMessageGetPayload<{ select: typeof MESSAGE_FIELDS }>;

@Injectable()
export class ChannelMessagesRepository {
  find(tx: Tx, tenantId: string, id: string) {
    return tx.channelMessage.findFirst({ where: { tenantId, id }, select: MESSAGE_FIELDS });
  }

  findByIdempotencyKey(tx: Tx, tenantId: string, key: string) {
    return tx.channelMessage.findFirst({ where: { tenantId, idempotencyKey: key }, select: MESSAGE_FIELDS });
  }

  create(tx: Tx, data: Prisma.ChannelMessageUncheckedCreateInput) {
    return tx.channelMessage.create({ data, select: MESSAGE_FIELDS });
  }

  /**
   * Takes a queued message for sending (status written before the provider call). A message
   * left `sending` is taken again only by the job that owns it (BullMQ gives a job to one
   * worker at a time), after that worker died mid-send.
   */
  async claim(tx: Tx, tenantId: string, id: string, worker: string): Promise<MessageRow | null> {
    const [row] = await tx.channelMessage.updateManyAndReturn({
      where: { tenantId, id, status: { in: ['queued', 'sending'] } },
      data: { status: 'sending', attempts: { increment: 1 }, claimedAt: new Date(), claimedBy: worker },
      select: MESSAGE_FIELDS,
    });
    return row ?? null;
  }

  /** Writes the outcome of a send, only over the `sending` status the claim wrote. */
  async settle(tx: Tx, tenantId: string, id: string, data: Prisma.ChannelMessageUncheckedUpdateManyInput): Promise<boolean> {
    return (await tx.channelMessage.updateMany({ where: { tenantId, id, status: 'sending' }, data: { ...data, claimedAt: null, claimedBy: null } })).count > 0;
  }

  markUnsubscribed(tx: Tx, tenantId: string, id: string) {
    return tx.channelMessage.updateMany({ where: { tenantId, id, unsubscribedAt: null }, data: { unsubscribedAt: new Date() } });
  }
}
