import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard as PassportAuthGuard } from '@nestjs/passport';
import { ClsService } from 'nestjs-cls';
import type { Actor, RequestContext, Role } from '../../common/auth/actor.js';
import { type AuthenticatedRequest, IS_PUBLIC, REQUIRED_ROLES, REQUIRED_SCOPES } from '../../common/auth/decorators.js';
import { CommonError } from '../../common/errors/domain-error.js';
import { API_KEY_PREFIX, ApiKeysService } from '../governance/api-keys.service.js';

const unauthenticated = () => new CommonError('UNAUTHENTICATED', 'Sign in, or send a valid API key (Authorization: Bearer or X-API-Key).');

/**
 * The one global guard: resolves the actor (JWT through passport-jwt, or an API key), puts the
 * tenant and actor in the request context, then enforces @Roles for people and @Scopes for keys.
 */
@Injectable()
export class AuthGuard extends PassportAuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
    private readonly cls: ClsService<RequestContext>,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    this.cls.set('ip', request.ip);
    this.cls.set('userAgent', request.headers['user-agent']?.slice(0, 500));
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const apiKey = presentedApiKey(request);
    let actor: Actor | null;
    if (apiKey) {
      actor = await this.apiKeys.authenticate(apiKey);
    } else {
      await (super.canActivate(context) as Promise<boolean>);
      actor = (request as unknown as { user?: Actor }).user ?? null;
    }
    if (!actor) throw unauthenticated();
    request.actor = actor;
    this.cls.set('tenantId', actor.tenantId);
    this.cls.set('actor', actor);

    const scopes = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_SCOPES, targets);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (actor.type === 'api_key') {
      if (!scopes) throw new CommonError('FORBIDDEN', 'This endpoint is for signed-in people, not API keys.');
      const missing = scopes.filter((s) => !actor.scopes.includes(s));
      if (missing.length) throw new CommonError('INSUFFICIENT_SCOPE', `This API key lacks the scope(s): ${missing.join(', ')}.`);
    } else if (roles && !roles.includes(actor.role)) {
      throw new CommonError('FORBIDDEN', `Your role (${actor.role}) cannot do this; it needs ${roles.join(' or ')}.`);
    }
    return true;
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err || !user) throw unauthenticated();
    return user;
  }
}

function presentedApiKey(request: AuthenticatedRequest): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header) return header.trim();
  const auth = request.headers.authorization;
  if (auth?.startsWith(`Bearer ${API_KEY_PREFIX}`)) return auth.slice('Bearer '.length).trim();
  return undefined;
}
