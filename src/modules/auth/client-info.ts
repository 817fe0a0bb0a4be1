import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { ClientInfo } from './auth.service.js';

/** The caller's IP (from X-Forwarded-For only through the proxies TRUST_PROXY trusts) and user agent. */
export const Client = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): ClientInfo => {
    const req = ctx.switchToHttp().getRequest<FastifyRequest>();
    return { ip: req.ip, userAgent: req.headers['user-agent'] };
  },
);
