import { DomainError } from '../../common/errors/domain-error.js';

const ENTITIES_STATUS = {
  PRODUCT_NOT_FOUND: 404,
  PRODUCT_SKU_TAKEN: 409,
  PROPERTY_NOT_FOUND: 404,
  PROPERTY_REFERENCE_TAKEN: 409,
  PROPERTY_INVALID: 400,
  CSV_MALFORMED: 400,
  MEDIA_NOT_FOUND: 404,
  MEDIA_UPLOAD_INVALID: 400,
  MEDIA_TOO_LARGE: 413,
  MEDIA_RATE_LIMITED: 429,
  MEDIA_UNSUPPORTED_TYPE: 415,
  MEDIA_TOO_MANY_PIXELS: 422,
  MEDIA_CORRUPT: 422,
  MEDIA_URL_INVALID: 403,
  MEDIA_FILE_NOT_FOUND: 404,
  MEDIA_GALLERY_FULL: 409,
  MEDIA_NOT_IN_GALLERY: 400,
} as const satisfies Record<string, number>;

export type EntitiesErrorCode = keyof typeof ENTITIES_STATUS;

export class EntitiesError extends DomainError<EntitiesErrorCode> {
  get status(): number {
    return ENTITIES_STATUS[this.code];
  }
}
