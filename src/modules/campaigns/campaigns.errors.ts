import { DomainError } from '../../common/errors/domain-error.js';

const CAMPAIGNS_STATUS = {
  TEMPLATE_NOT_FOUND: 404,
  TEMPLATE_INVALID: 400,
  LEAD_NOT_FOUND: 404,
  RECIPIENT_INVALID: 400,
  IDEMPOTENCY_KEY_REQUIRED: 400,
  IDEMPOTENCY_KEY_REUSED: 422,
} as const satisfies Record<string, number>;

export type CampaignsErrorCode = keyof typeof CAMPAIGNS_STATUS;

export class CampaignsError extends DomainError<CampaignsErrorCode> {
  get status(): number {
    return CAMPAIGNS_STATUS[this.code];
  }
}
