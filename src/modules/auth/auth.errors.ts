import { DomainError } from '../../common/errors/domain-error.js';

const AUTH_STATUS = {
  AUTH_EMAIL_TAKEN: 409,
  AUTH_INVALID_CREDENTIALS: 401,
  AUTH_TOO_MANY_ATTEMPTS: 429,
  AUTH_REFRESH_INVALID: 401,
  AUTH_REFRESH_REUSED: 401,
  AUTH_NOT_A_MEMBER: 403,
  AUTH_NO_TENANT: 403,
  AUTH_INVITATION_INVALID: 404,
  AUTH_ALREADY_MEMBER: 409,
  AUTH_RESET_TOKEN_INVALID: 400,
  AUTH_LAST_OWNER: 409,
  AUTH_ROLE_NOT_ALLOWED: 403,
  AUTH_MEMBER_NOT_FOUND: 404,
} as const satisfies Record<string, number>;

export type AuthErrorCode = keyof typeof AUTH_STATUS;

export class AuthError extends DomainError<AuthErrorCode> {
  get status(): number {
    return AUTH_STATUS[this.code];
  }
}
