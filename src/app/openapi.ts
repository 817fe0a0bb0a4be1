import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '../config/config.js';

/** The OpenAPI document, generated from the controllers and DTOs. */
export function buildOpenApi(app: INestApplication, config: Pick<AppConfig, 'version'>): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Lynara Campaign API')
    .setDescription(
      'Multi-tenant, multichannel marketing automation. Authenticate with a user access token ' +
        '(`Authorization: Bearer <jwt>` from /auth/login) or an API key (`Authorization: Bearer lyn_…` or `X-API-Key: lyn_…`). ' +
        'Errors are RFC 9457 `application/problem+json` with a stable `code`.',
    )
    .setVersion(config.version)
    .setLicense('AGPL-3.0-or-later', 'https://www.gnu.org/licenses/agpl-3.0.html')
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT or lyn_ API key' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'apiKey')
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, builder, {
    operationIdFactory: (_controller, method) => method,
  });
  // Public endpoints (marked by having no 401 response) need no credentials.
  for (const path of Object.values(document.paths)) {
    for (const op of Object.values(path) as Array<{ responses?: Record<string, unknown>; security?: unknown[] }>) {
      if (op?.responses && !op.responses['401']) op.security = [];
      else if (op?.responses) op.security = [{ bearer: [] }, { apiKey: [] }];
    }
  }
  return document;
}
