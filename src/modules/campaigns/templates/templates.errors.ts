import { DomainError } from '../../../common/errors/domain-error.js';

const TEMPLATES_STATUS = {
  TEMPLATE_NOT_FOUND: 404,
  TEMPLATE_INVALID: 400,
  LEAD_NOT_FOUND: 404,
  RECIPIENT_INVALID: 400,
  IDEMPOTENCY_KEY_REQUIRED: 400,
  IDEMPOTENCY_KEY_REUSED: 422,
} as const satisfies Record<string, number>;

export type TemplatesErrorCode = keyof typeof TEMPLATES_STATUS;

/** Email templates and the sends rendered from them (transactional and test). */
export class TemplatesError extends DomainError<TemplatesErrorCode> {
  get status(): number {
    return TEMPLATES_STATUS[this.code];
  }
}
