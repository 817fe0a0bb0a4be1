import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Actor, Role } from './actor.js';

export const IS_PUBLIC = 'lynara:public';
export const REQUIRED_ROLES = 'lynara:roles';
export const REQUIRED_SCOPES = 'lynara:scopes';

/** OpenAPI extensions read by buildOpenApi() to document each operation's credentials. */
export const OPENAPI_PUBLIC = 'x-lynara-public';
export const OPENAPI_SCOPES = 'x-lynara-scopes';

/** No authentication needed. */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(OPENAPI_PUBLIC, true));
/** People with one of these roles may call it (API keys never, unless @Scopes also allows them). */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);
/** API keys holding all of these scopes may call it. Without @Scopes an endpoint is for people only. */
export const Scopes = (...scopes: string[]) => applyDecorators(SetMetadata(REQUIRED_SCOPES, scopes), ApiExtension(OPENAPI_SCOPES, scopes));

export type AuthenticatedRequest = FastifyRequest & { actor?: Actor };

/** The authenticated actor (user or API key) of this request. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a public route');
  return actor;
});

/** The current tenant's id. */
export const TenantId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const actor = ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('TenantId used on a public route');
  return actor.tenantId;
});
