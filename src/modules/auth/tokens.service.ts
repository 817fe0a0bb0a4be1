import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '../../common/auth/actor.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import type { Tx } from '../../infra/prisma/prisma.service.js';
import { AuthRepository } from './auth.repository.js';
import { RevocationMarks } from './revocation-marks.js';

export interface AccessClaims {
  sub: string;
  tid: string;
  role: Role;
  name: string;
  /** Issued-at in milliseconds, compared with revocation marks (iat has only second precision). */
  ims: number;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Access tokens are short-lived JWTs; refresh tokens are random strings stored as hashes, one
 * row per issue, grouped in families (one per login) for rotation and reuse detection.
 * Revocation marks (RevocationMarks) make role changes, removals and password resets effective
 * at once on every API replica, without a database read or a Redis round trip per request.
 */
@Injectable()
export class TokensService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly marks: RevocationMarks,
    private readonly jwt: JwtService,
    private readonly repo: AuthRepository,
  ) {}

  async issue(
    tx: Tx,
    session: { userId: string; name: string; tenantId: string; role: Role; familyId?: string; ip?: string; userAgent?: string },
  ) {
    const accessToken = await this.jwt.signAsync({
      sub: session.userId,
      tid: session.tenantId,
      role: session.role,
      name: session.name,
      ims: Date.now(),
    } satisfies AccessClaims);
    const refreshToken = `rt_${randomBytes(32).toString('base64url')}`;
    await this.repo.createRefreshToken(tx, {
      tenantId: session.tenantId,
      userId: session.userId,
      familyId: session.familyId ?? randomUUID(),
      tokenHash: hashToken(refreshToken),
      expiresAt: new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000),
      ip: session.ip?.slice(0, 100) ?? null,
      userAgent: session.userAgent?.slice(0, 500) ?? null,
    });
    return { accessToken, refreshToken, expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS };
  }

  /** Access tokens issued before now for this person (in one tenant, or everywhere) stop working. */
  async revokeAccess(userId: string, tenantId?: string): Promise<void> {
    // A mark only needs to outlive the access tokens it cancels.
    await this.marks.revoke(userId, tenantId, Date.now(), this.config.ACCESS_TOKEN_TTL_SECONDS + 5);
  }

  async isRevoked(claims: AccessClaims): Promise<boolean> {
    return claims.ims <= (await this.marks.latest([this.marks.keyFor(claims.sub, claims.tid), this.marks.keyFor(claims.sub)]));
  }
}
