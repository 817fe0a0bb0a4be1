import { DomainError } from '../../common/errors/domain-error.js';

const IMAGES_STATUS = {
  IMAGE_WORK_BUSY: 503,
} as const satisfies Record<string, number>;

export type ImagesErrorCode = keyof typeof IMAGES_STATUS;

export class ImagesError extends DomainError<ImagesErrorCode> {
  get status(): number {
    return IMAGES_STATUS[this.code];
  }
}
