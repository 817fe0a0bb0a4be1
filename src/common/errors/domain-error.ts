export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/**
 * Base of every error a service may throw on purpose. Each module subclasses it with its own
 * codes and their HTTP status; ProblemDetailsFilter turns it into application/problem+json.
 * Services never throw HTTP exceptions.
 */
export abstract class DomainError<Code extends string = string> extends Error {
  abstract readonly status: number;
  /** Extra response headers, e.g. Retry-After on 429. */
  headers?: Record<string, string>;

  constructor(
    readonly code: Code,
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Errors that belong to no single module: bad input, missing things, permissions. */
const COMMON_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  BODY_REQUIRED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  INSUFFICIENT_SCOPE: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
  SERVICE_UNAVAILABLE: 503,
} as const satisfies Record<string, number>;

export type CommonErrorCode = keyof typeof COMMON_STATUS;

export class CommonError extends DomainError<CommonErrorCode> {
  get status(): number {
    return COMMON_STATUS[this.code];
  }
}

export const notFound = (what: string) => new CommonError('NOT_FOUND', `${what} was not found.`);
