import { DomainError } from '../../common/errors/domain-error.js';

const CRM_STATUS = {
  LEAD_NOT_FOUND: 404,
  LEAD_EMAIL_TAKEN: 409,
  LEAD_INVALID: 400,
  LEAD_MERGE_INVALID: 400,
  CUSTOM_FIELD_NOT_FOUND: 404,
  CUSTOM_FIELD_KEY_TAKEN: 409,
  CUSTOM_FIELD_INVALID: 400,
  SEGMENT_NOT_FOUND: 404,
  SNAPSHOT_NOT_FOUND: 404,
  SNAPSHOT_NOT_READY: 409,
  SCORING_RULE_NOT_FOUND: 404,
  SEGMENT_NAME_TAKEN: 409,
  IMPORT_NOT_FOUND: 404,
  IMPORT_ALREADY_STARTED: 409,
  IMPORT_RUNNING: 409,
  IMPORT_EXPIRED: 410,
  IMPORT_REPORT_EXPIRED: 410,
  IMPORT_TOO_LARGE: 413,
  IMPORT_EMPTY: 422,
  IMPORT_NO_HEADER: 422,
  IMPORT_UNREADABLE: 422,
} as const satisfies Record<string, number>;

export type CrmErrorCode = keyof typeof CRM_STATUS;

export class CrmError extends DomainError<CrmErrorCode> {
  get status(): number {
    return CRM_STATUS[this.code];
  }
}
