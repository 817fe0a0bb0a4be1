import { Module } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import { ImagesModule } from '../../infra/images/images.module.js';
import { GovernanceModule } from '../governance/governance.module.js';
import { CatalogImportController } from './import/catalog-import.controller.js';
import { CatalogImportService } from './import/catalog-import.service.js';
import { LocalFileStore } from '../../infra/storage/file-store.js';
import { GalleryController } from './media/gallery.controller.js';
import { GalleryService } from './media/gallery.service.js';
import { MediaController } from './media/media.controller.js';
import { MediaProcessor } from './media/media-processor.js';
import { MediaUploadThrottle } from './media/media-upload-throttle.js';
import { MEDIA_KEY, MEDIA_STORE } from './media/media-keys.js';
import { MediaUrlSigner } from './media/media-urls.js';
import { MediaRepository } from './media/media.repository.js';
import { MediaService } from './media/media.service.js';
import { ProductsController } from './products/products.controller.js';
import { ProductsRepository } from './products/products.repository.js';
import { ProductsService } from './products/products.service.js';
import { PropertiesController } from './properties/properties.controller.js';
import { PropertiesRepository } from './properties/properties.repository.js';
import { PropertiesService } from './properties/properties.service.js';

/**
 * Products, real-estate listings and their media (images, PDFs) with signed file URLs. The CSV
 * and multipart bodies are read by the shared RawBodyParsers (common/http/raw-body.ts, in ApiModule).
 */
@Module({
  imports: [GovernanceModule, ImagesModule],
  // The import controller comes first: its literal paths (/products/import) before /products/:id.
  controllers: [CatalogImportController, ProductsController, PropertiesController, MediaController, GalleryController],
  providers: [
    ProductsRepository,
    ProductsService,
    PropertiesRepository,
    PropertiesService,
    CatalogImportService,
    MediaRepository,
    MediaProcessor,
    MediaUploadThrottle,
    MediaUrlSigner,
    MediaService,
    GalleryService,
    { provide: MEDIA_STORE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new LocalFileStore(config.MEDIA_DIR, MEDIA_KEY) },
  ],
  exports: [ProductsService, PropertiesService, MediaService],
})
export class EntitiesModule {}
