import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Role } from '../../common/auth/actor.js';
import { PrismaService, type Tx } from '../../infra/prisma/prisma.service.js';
import { AuditLogService } from '../governance/audit-log.service.js';
import { AuthError } from './auth.errors.js';
import { AuthRepository } from './auth.repository.js';
import type { LoginDto, RegisterDto } from './dto/auth.dto.js';
import { PasswordCheckService } from './password-check.service.js';
import { hashPassword, normaliseEmail } from './passwords.js';
import { hashToken, TokensService } from './tokens.service.js';

export interface ClientInfo {
  ip: string;
  userAgent?: string;
}

type SessionUser = { id: string; email: string; name: string };
type SessionTenant = { id: string; name: string; slug: string };

function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return base || 'workspace';
}

/** Sign-up, sign-in, sessions (refresh with rotation and reuse detection), tenant switching. */
@Injectable()
export class AuthService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly repo: AuthRepository,
    private readonly tokens: TokensService,
    private readonly passwords: PasswordCheckService,
    private readonly audit: AuditLogService,
  ) {}

  async register(dto: RegisterDto, client: ClientInfo) {
    const email = normaliseEmail(dto.email);
    const passwordHash = await hashPassword(dto.password);
    // A unique index can still refuse the insert when another sign-up races this one: for the
    // email, that is a taken email; for the workspace slug, another attempt picks the next slug.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.createAccount(email, passwordHash, dto, client);
      } catch (err) {
        if ((err as { code?: string }).code !== 'P2002' || attempt >= 5) throw err;
        if (await this.prisma.scoped({}, (tx) => this.repo.findUserByEmail(tx, email))) {
          throw new AuthError('AUTH_EMAIL_TAKEN', 'An account with this email already exists.');
        }
      }
    }
  }

  private createAccount(email: string, passwordHash: string, dto: RegisterDto, client: ClientInfo) {
    const tenantId = randomUUID();
    return this.prisma.scoped({ tenantId }, async (tx) => {
      if (await this.repo.findUserByEmail(tx, email)) throw new AuthError('AUTH_EMAIL_TAKEN', 'An account with this email already exists.');
      const user = await this.repo.createUser(tx, { email, name: dto.name, passwordHash });
      const tenant = await this.repo.createTenant(tx, { id: tenantId, name: dto.tenantName, slug: await this.uniqueSlug(tx, dto.tenantName) });
      await this.repo.createMembership(tx, { tenantId, userId: user.id, role: 'owner' });
      await this.audit.record(tx, tenantId, {
        action: 'tenant.created',
        entityType: 'tenant',
        entityId: tenantId,
        actor: { type: 'user', id: user.id, label: user.email },
        metadata: { name: tenant.name },
      });
      return this.session(tx, user, tenant, 'owner', client);
    });
  }

  async login(dto: LoginDto, client: ClientInfo) {
    const user = await this.passwords.verify(normaliseEmail(dto.email), dto.password, client);
    const memberships = await this.prisma.scoped({ userId: user.id }, (tx) => this.repo.membershipsOfUser(tx, user.id));
    const first = memberships[0];
    if (!first) throw new AuthError('AUTH_NO_TENANT', 'This account does not belong to any workspace any more.');
    return this.prisma.scoped({ tenantId: first.tenant.id, userId: user.id }, async (tx) => {
      await this.repo.touchLogin(tx, user.id);
      await this.audit.record(tx, first.tenant.id, { action: 'auth.login', entityType: 'user', entityId: user.id, actor: { type: 'user', id: user.id, label: user.email } });
      return this.session(tx, user, first.tenant, first.role, client);
    });
  }

  /** Single-use refresh: a token presented twice revokes its whole family (likely stolen). */
  async refresh(refreshToken: string, client: ClientInfo) {
    const tokenHash = hashToken(refreshToken);
    const tenantId = await this.prisma.scoped({}, (tx) => this.repo.tenantOfRefreshToken(tx, tokenHash));
    if (!tenantId) throw new AuthError('AUTH_REFRESH_INVALID', 'This session is no longer valid. Please sign in again.');
    const outcome = await this.prisma.scoped({ tenantId }, async (tx) => {
      const row = await this.repo.lockRefreshToken(tx, tokenHash);
      if (!row || row.revoked_at || row.expires_at.getTime() <= Date.now()) return { error: 'AUTH_REFRESH_INVALID' as const };
      if (row.used_at) {
        await this.repo.revokeFamily(tx, row.family_id);
        return { error: 'AUTH_REFRESH_REUSED' as const, userId: row.user_id };
      }
      await this.repo.markRefreshTokenUsed(tx, row.id);
      // One transaction is one connection: its queries run one after the other.
      const membership = await this.repo.findMembership(tx, tenantId, row.user_id);
      const user = await this.repo.findUser(tx, row.user_id);
      const tenant = await this.repo.findTenant(tx, tenantId);
      if (!membership || !user || !tenant) {
        await this.repo.revokeFamily(tx, row.family_id);
        return { error: 'AUTH_REFRESH_INVALID' as const };
      }
      return { result: await this.session(tx, user, tenant, membership.role, client, row.family_id) };
    });
    if ('result' in outcome && outcome.result) return outcome.result;
    if (outcome.error === 'AUTH_REFRESH_REUSED') {
      // Cancel access tokens minted from this family too, then answer as for any bad token.
      await this.tokens.revokeAccess(outcome.userId!, tenantId);
      throw new AuthError('AUTH_REFRESH_REUSED', 'This session was ended because its refresh token was used twice. Please sign in again.');
    }
    throw new AuthError('AUTH_REFRESH_INVALID', 'This session is no longer valid. Please sign in again.');
  }

  async logout(refreshToken: string): Promise<void> {
    const tokenHash = hashToken(refreshToken);
    const tenantId = await this.prisma.scoped({}, (tx) => this.repo.tenantOfRefreshToken(tx, tokenHash));
    if (!tenantId) return;
    await this.prisma.scoped({ tenantId }, async (tx) => {
      const row = await this.repo.lockRefreshToken(tx, tokenHash);
      if (row) await this.repo.revokeFamily(tx, row.family_id);
    });
  }

  async me(userId: string, tenantId: string) {
    const rows = await this.repo.profileWithMemberships(userId, tenantId);
    const current = rows.find((m) => m.tenantId === tenantId);
    if (!current) throw new AuthError('AUTH_NOT_A_MEMBER', 'You are no longer a member of this workspace.');
    const tenantOf = (m: (typeof rows)[number]) => ({ id: m.tenantId, name: m.tenantName, slug: m.slug });
    return {
      user: { id: current.userId, email: current.email, name: current.name },
      tenant: tenantOf(current),
      role: current.role,
      tenants: rows.map((m) => ({ ...tenantOf(m), role: m.role })),
    };
  }

  async switchTenant(userId: string, targetTenantId: string, client: ClientInfo) {
    return this.prisma.scoped({ tenantId: targetTenantId, userId }, async (tx) => {
      const membership = await this.repo.findMembership(tx, targetTenantId, userId);
      const user = await this.repo.findUser(tx, userId);
      const tenant = await this.repo.findTenant(tx, targetTenantId);
      if (!membership || !user || !tenant) throw new AuthError('AUTH_NOT_A_MEMBER', 'You are not a member of this workspace.');
      return this.session(tx, user, tenant, membership.role, client);
    });
  }

  /** Issues a session (access + refresh) for a person in a tenant, inside the caller's transaction. */
  async session(tx: Tx, user: SessionUser, tenant: SessionTenant, role: Role, client: ClientInfo, familyId?: string) {
    const tokens = await this.tokens.issue(tx, { userId: user.id, name: user.name, tenantId: tenant.id, role, familyId, ...client });
    return { ...tokens, user: { id: user.id, email: user.email, name: user.name }, tenant, role };
  }

  private async uniqueSlug(tx: Tx, name: string): Promise<string> {
    const base = slugify(name);
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? base : `${base}-${n}`;
      if (!(await this.repo.slugTaken(tx, candidate))) return candidate;
    }
  }
}
