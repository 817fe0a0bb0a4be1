import { Module } from '@nestjs/common';
import { ImageWorkLimiter } from './image-work-limiter.js';

/** Image decoding shared by every module that reads uploaded images: one limiter per process. */
@Module({
  providers: [ImageWorkLimiter],
  exports: [ImageWorkLimiter],
})
export class ImagesModule {}
