import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { ClientInfo } from './auth.service.js';

/** The caller's IP (proxy-aware when TRUST_PROXY is set) and user agent. */
export const Client = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): ClientInfo => {
    const req = ctx.switchToHttp().getRequest<FastifyRequest>();
    return { ip: req.ip, userAgent: req.headers['user-agent'] };
  },
);
