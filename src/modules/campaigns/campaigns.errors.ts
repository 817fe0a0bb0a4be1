import { DomainError } from '../../common/errors/domain-error.js';

const CAMPAIGN_STATUS = {
  CAMPAIGN_NOT_FOUND: 404,
  ENROLLMENT_NOT_FOUND: 404,
  CAMPAIGN_TRANSITION_INVALID: 409,
  CAMPAIGN_NOT_READY: 409,
  CAMPAIGN_LOCKED: 409,
  JOURNEY_INVALID: 400,
  JOURNEY_STEP_IN_USE: 409,
} as const satisfies Record<string, number>;

export type CampaignErrorCode = keyof typeof CAMPAIGN_STATUS;

export class CampaignError extends DomainError<CampaignErrorCode> {
  get status(): number {
    return CAMPAIGN_STATUS[this.code];
  }
}
