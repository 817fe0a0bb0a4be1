import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { Actor } from '../../common/auth/actor.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import { type AccessClaims, TokensService } from './tokens.service.js';

export const JWT_ISSUER = 'lynara';
export const JWT_AUDIENCE = 'lynara-api';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly tokens: TokensService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject, not the string: jsonwebtoken would otherwise first try (and fail) to read
      // the string as a public key on every verification — a sixth of /auth/me's CPU.
      secretOrKey: createSecretKey(Buffer.from(config.JWT_SECRET)) as unknown as string,
      algorithms: ['HS256'],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  /** Returning false makes passport answer 401. */
  async validate(claims: AccessClaims): Promise<Actor | false> {
    if (!claims?.sub || !claims.tid || !claims.role || typeof claims.ims !== 'number') return false;
    if (await this.tokens.isRevoked(claims)) return false;
    return { type: 'user', id: claims.sub, label: claims.name, tenantId: claims.tid, role: claims.role };
  }
}
