import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { OPENAPI_PUBLIC, OPENAPI_SCOPES } from '../common/auth/decorators.js';
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
    .build();
  const document = SwaggerModule.createDocument(app, builder, {
    operationIdFactory: (_controller, method) => method,
  });
  // Credentials per operation, from @Public() and @Scopes(): public ones need none, API keys
  // are offered only where a scope admits them, everything else is for signed-in people.
  type Operation = { description?: string; security?: unknown[]; [OPENAPI_PUBLIC]?: boolean; [OPENAPI_SCOPES]?: string[] };
  for (const path of Object.values(document.paths)) {
    for (const op of Object.values(path) as Operation[]) {
      if (!op || typeof op !== 'object' || !('responses' in op)) continue;
      const scopes = op[OPENAPI_SCOPES];
      if (op[OPENAPI_PUBLIC]) op.security = [];
      else if (scopes) {
        op.security = [{ bearer: [] }, { apiKey: [] }];
        op.description = [op.description, `API keys need the scope(s): ${scopes.map((s) => `\`${s}\``).join(', ')}.`].filter(Boolean).join('\n\n');
      } else op.security = [{ bearer: [] }];
      delete op[OPENAPI_PUBLIC];
      delete op[OPENAPI_SCOPES];
    }
  }
  return document;
}
