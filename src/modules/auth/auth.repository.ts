import { Injectable } from '@nestjs/common';
import type { Prisma, Role } from '../../generated/prisma/client.js';
import { ScopedSql } from '../../infra/database/scoped-sql.js';
import type { Tx } from '../../infra/prisma/prisma.service.js';

export interface MembershipRow {
  userId: string;
  email: string;
  name: string;
  role: Role;
  tenantId: string;
  tenantName: string;
  slug: string;
}

const USER_PUBLIC = { id: true, email: true, name: true } satisfies Prisma.UserSelect;
const TENANT_PUBLIC = { id: true, name: true, slug: true } satisfies Prisma.TenantSelect;

/** All of auth's database access: users, tenants, memberships, tokens, invitations. */
@Injectable()
export class AuthRepository {
  constructor(private readonly sql: ScopedSql) {}

  /** A person and all their workspaces in one round trip (GET /auth/me is on every page load). */
  profileWithMemberships(userId: string, tenantId: string): Promise<MembershipRow[]> {
    return this.sql.query<MembershipRow>(
      { tenantId, userId },
      `SELECT u.id AS "userId", u.email, u.name, m.role, t.id AS "tenantId", t.name AS "tenantName", t.slug
         FROM auth.memberships m JOIN auth.users u ON u.id = m.user_id JOIN tenancy.tenants t ON t.id = m.tenant_id
        WHERE m.user_id = $1 ORDER BY m.created_at`,
      [userId],
    );
  }

  // users (global: one person, several tenants). The runtime role cannot read or write
  // password_hash: sign-in reads it through auth.sign_in_credentials, a reset writes it through
  // auth.reset_password, so every read here names its columns.
  findUserByEmail(tx: Tx, email: string) {
    return tx.user.findUnique({ where: { email }, select: USER_PUBLIC });
  }
  async signInCredentials(tx: Tx, email: string): Promise<{ id: string; email: string; name: string; passwordHash: string } | null> {
    const rows = await tx.$queryRaw<{ id: string; email: string; name: string; passwordHash: string }[]>`
      SELECT id, email, name, password_hash AS "passwordHash" FROM auth.sign_in_credentials(${email})`;
    return rows[0] ?? null;
  }
  findUser(tx: Tx, id: string) {
    return tx.user.findUnique({ where: { id }, select: USER_PUBLIC });
  }
  createUser(tx: Tx, data: { email: string; name: string; passwordHash: string }) {
    return tx.user.create({ data, select: USER_PUBLIC });
  }
  touchLogin(tx: Tx, userId: string) {
    return tx.user.update({ where: { id: userId }, data: { lastLoginAt: new Date() }, select: { id: true } });
  }

  // tenants and memberships
  async slugTaken(tx: Tx, slug: string): Promise<boolean> {
    const rows = await tx.$queryRaw<{ taken: boolean }[]>`SELECT tenancy.slug_taken(${slug}) AS taken`;
    return rows[0]?.taken ?? false;
  }
  createTenant(tx: Tx, data: { id: string; name: string; slug: string }) {
    return tx.tenant.create({ data, select: TENANT_PUBLIC });
  }
  findTenant(tx: Tx, id: string) {
    return tx.tenant.findUnique({ where: { id }, select: TENANT_PUBLIC });
  }
  createMembership(tx: Tx, data: { tenantId: string; userId: string; role: Role }) {
    return tx.membership.create({ data });
  }
  findMembership(tx: Tx, tenantId: string, userId: string) {
    return tx.membership.findUnique({ where: { tenantId_userId: { tenantId, userId } } });
  }
  /** Needs the person's scope (app.user_id): memberships across all their tenants. */
  membershipsOfUser(tx: Tx, userId: string) {
    return tx.membership.findMany({
      where: { userId },
      orderBy: { createdAt: 'asc' },
      select: { role: true, tenant: { select: TENANT_PUBLIC } },
    });
  }
  listMembers(tx: Tx, tenantId: string) {
    return tx.membership.findMany({
      where: { tenantId },
      orderBy: { createdAt: 'asc' },
      select: { role: true, createdAt: true, user: { select: USER_PUBLIC } },
    });
  }
  setRole(tx: Tx, tenantId: string, userId: string, role: Role) {
    return tx.membership.update({ where: { tenantId_userId: { tenantId, userId } }, data: { role } });
  }
  deleteMembership(tx: Tx, tenantId: string, userId: string) {
    return tx.membership.delete({ where: { tenantId_userId: { tenantId, userId } } });
  }
  /** Counts the owners with their rows locked, so two owners stepping down at once are serialised. */
  async lockOwners(tx: Tx, tenantId: string): Promise<number> {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM auth.memberships WHERE tenant_id = ${tenantId}::uuid AND role = 'owner' FOR UPDATE`;
    return rows.length;
  }

  // refresh tokens
  async tenantOfRefreshToken(tx: Tx, tokenHash: string): Promise<string | null> {
    const rows = await tx.$queryRaw<{ t: string | null }[]>`SELECT auth.tenant_of_refresh_token(${tokenHash}) AS t`;
    return rows[0]?.t ?? null;
  }
  async lockRefreshToken(tx: Tx, tokenHash: string) {
    const rows = await tx.$queryRaw<
      { id: string; tenant_id: string; user_id: string; family_id: string; expires_at: Date; used_at: Date | null; revoked_at: Date | null }[]
    >`SELECT id, tenant_id, user_id, family_id, expires_at, used_at, revoked_at FROM auth.refresh_tokens WHERE token_hash = ${tokenHash} FOR UPDATE`;
    return rows[0] ?? null;
  }
  createRefreshToken(tx: Tx, data: Prisma.RefreshTokenUncheckedCreateInput) {
    return tx.refreshToken.create({ data, select: { id: true } });
  }
  markRefreshTokenUsed(tx: Tx, id: string) {
    return tx.refreshToken.update({ where: { id }, data: { usedAt: new Date() }, select: { id: true } });
  }
  revokeFamily(tx: Tx, familyId: string) {
    return tx.refreshToken.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt: new Date() } });
  }
  revokeUserSessions(tx: Tx, userId: string, tenantId?: string) {
    return tx.refreshToken.updateMany({ where: { userId, ...(tenantId && { tenantId }), revokedAt: null }, data: { revokedAt: new Date() } });
  }

  // invitations
  async tenantOfInvitation(tx: Tx, tokenHash: string): Promise<string | null> {
    const rows = await tx.$queryRaw<{ t: string | null }[]>`SELECT auth.tenant_of_invitation(${tokenHash}) AS t`;
    return rows[0]?.t ?? null;
  }
  createInvitation(tx: Tx, data: Prisma.InvitationUncheckedCreateInput) {
    return tx.invitation.create({ data, select: { id: true, email: true, role: true, createdAt: true, expiresAt: true } });
  }
  pendingInvitations(tx: Tx, tenantId: string, maxFailedAttempts: number) {
    return tx.invitation.findMany({
      where: { tenantId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() }, failedAttempts: { lt: maxFailedAttempts } },
      orderBy: { createdAt: 'desc' },
      select: { id: true, email: true, role: true, createdAt: true, expiresAt: true },
    });
  }
  findInvitationByHash(tx: Tx, tenantId: string, tokenHash: string) {
    return tx.invitation.findFirst({ where: { tenantId, tokenHash } });
  }
  /** The revoked invitation's address and role, or null when it was not pending. */
  async revokeInvitation(tx: Tx, tenantId: string, id: string): Promise<{ email: string; role: string } | null> {
    const [row] = await tx.invitation.updateManyAndReturn({ where: { tenantId, id, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() }, select: { email: true, role: true } });
    return row ?? null;
  }
  /** Takes one of the invitation's password attempts, if any is left: the conditional update is atomic. */
  async claimInvitationAttempt(tx: Tx, tenantId: string, id: string, maxFailedAttempts: number): Promise<boolean> {
    const { count } = await tx.invitation.updateMany({
      where: { tenantId, id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() }, failedAttempts: { lt: maxFailedAttempts } },
      data: { failedAttempts: { increment: 1 } },
    });
    return count === 1;
  }
  releaseInvitationAttempt(tx: Tx, tenantId: string, id: string) {
    return tx.invitation.updateMany({ where: { tenantId, id, failedAttempts: { gt: 0 } }, data: { failedAttempts: { decrement: 1 } } });
  }
  async acceptInvitation(tx: Tx, id: string): Promise<boolean> {
    const { count } = await tx.invitation.updateMany({ where: { id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } }, data: { acceptedAt: new Date() } });
    return count === 1;
  }

  // password reset (person-level, not tenant data)
  createResetToken(tx: Tx, data: { userId: string; tokenHash: string; expiresAt: Date }) {
    return tx.passwordResetToken.create({ data, select: { id: true } });
  }
  /** Uses the reset token and sets the new hash in one step: the person it was issued to, or null. */
  async resetPassword(tx: Tx, tokenHash: string, passwordHash: string): Promise<string | null> {
    const rows = await tx.$queryRaw<{ user_id: string | null }[]>`SELECT auth.reset_password(${tokenHash}, ${passwordHash}) AS user_id`;
    return rows[0]?.user_id ?? null;
  }

  /** Expired or revoked refresh tokens, reset links and invitations, kept `keepDays` for forensics. */
  async purgeExpiredTokens(tx: Tx, keepDays: number): Promise<number> {
    const rows = await tx.$queryRaw<{ n: bigint }[]>`SELECT auth.purge_expired_tokens(make_interval(days => ${keepDays}::int)) AS n`;
    return Number(rows[0]?.n ?? 0);
  }
}
