import { ApiProperty } from '@nestjs/swagger';

export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'failed', 'suppressed', 'cancelled'] as const;

export class MessageDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['campaign', 'transactional', 'test'], enumName: 'MessageKind' }) kind: string;
  @ApiProperty({ enum: ['email', 'sms', 'whatsapp', 'facebook', 'instagram', 'linkedin', 'x'], enumName: 'Channel' }) channel: string;
  @ApiProperty({ enum: MESSAGE_STATUSES, enumName: 'MessageStatus', description: 'queued → sending → sent | failed | suppressed; a temporary refusal puts it back to queued until its retries run out' }) status: (typeof MESSAGE_STATUSES)[number];
  @ApiProperty({ type: String, nullable: true, example: 'smtp_550 recipient_refused: 550 5.1.1 No such user', description: 'Why it failed or was suppressed (or the last temporary refusal while queued)' }) statusReason: string | null;
  @ApiProperty({ description: 'Sending attempts so far' }) attempts: number;
  @ApiProperty({ format: 'email' }) to: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) leadId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) senderId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The subject as rendered, once rendered' }) subject: string | null;
  @ApiProperty({ type: String, nullable: true, example: '<0190a7e2-…@agence-horizon.fr>', description: 'The Message-ID header it was sent with' }) providerMessageId: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: Date | null;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt: Date;
}
