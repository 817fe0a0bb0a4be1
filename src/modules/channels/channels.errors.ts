import { DomainError } from '../../common/errors/domain-error.js';

const CHANNELS_STATUS = {
  SENDER_NOT_FOUND: 404,
  SENDER_NAME_TAKEN: 409,
  SENDER_INVALID: 400,
  NO_SENDER: 409,
  MESSAGE_NOT_FOUND: 404,
  UNSUBSCRIBE_TOKEN_INVALID: 404,
  SMTP_HOST_BLOCKED: 400,
} as const satisfies Record<string, number>;

export type ChannelsErrorCode = keyof typeof CHANNELS_STATUS;

export class ChannelsError extends DomainError<ChannelsErrorCode> {
  get status(): number {
    return CHANNELS_STATUS[this.code];
  }
}
