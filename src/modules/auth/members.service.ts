import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Actor, Role } from '../../common/auth/actor.js';
import { CommonError } from '../../common/errors/domain-error.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import { MailService } from '../../infra/mail/mail.service.js';
import { actionEmail } from '../../infra/mail/templates.js';
import { PrismaService, type Tx } from '../../infra/prisma/prisma.service.js';
import { AuditLogService } from '../governance/audit-log.service.js';
import { AuthError } from './auth.errors.js';
import { AuthRepository } from './auth.repository.js';
import { AuthService, type ClientInfo } from './auth.service.js';
import type { AcceptInvitationDto, InviteMemberDto } from './dto/auth.dto.js';
import { PasswordCheckService } from './password-check.service.js';
import { hashPassword, normaliseEmail } from './passwords.js';
import { hashToken, TokensService } from './tokens.service.js';

const INVITATION_TTL_MS = 7 * 86_400_000;
/**
 * Wrong passwords of an existing account an invitation takes before it is burnt. A burnt link
 * answers 404 AUTH_INVITATION_INVALID like a used, revoked or expired one: all are dead links to
 * the client, and the inviter can send a new invitation.
 */
const INVITATION_MAX_PASSWORD_FAILURES = 3;

/** Team management: members, roles, invitations. Owners and admins manage; only owners touch owners. */
@Injectable()
export class MembersService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly repo: AuthRepository,
    private readonly audit: AuditLogService,
    private readonly mail: MailService,
    private readonly tokens: TokensService,
    private readonly auth: AuthService,
    private readonly passwords: PasswordCheckService,
  ) {}

  /** For other modules (e.g. a lead's owner must be a member), inside their transaction. */
  async isMember(tx: Tx, tenantId: string, userId: string): Promise<boolean> {
    return Boolean(await this.repo.findMembership(tx, tenantId, userId));
  }

  async list(tenantId: string) {
    const rows = await this.prisma.scoped({ tenantId }, (tx) => this.repo.listMembers(tx, tenantId));
    return { items: rows.map((m) => ({ userId: m.user.id, email: m.user.email, name: m.user.name, role: m.role, createdAt: m.createdAt })) };
  }

  async changeRole(tenantId: string, actor: Actor, userId: string, role: Role) {
    const updated = await this.prisma.scoped({ tenantId }, async (tx) => {
      const member = await this.repo.findMembership(tx, tenantId, userId);
      if (!member) throw new AuthError('AUTH_MEMBER_NOT_FOUND', 'No such member in this workspace.');
      this.assertMayManage(actor, member.role, role);
      if (member.role === 'owner' && role !== 'owner' && (await this.repo.lockOwners(tx, tenantId)) <= 1) {
        throw new AuthError('AUTH_LAST_OWNER', 'A workspace needs at least one owner.');
      }
      await this.repo.setRole(tx, tenantId, userId, role);
      const user = await this.repo.findUser(tx, userId);
      await this.audit.record(tx, tenantId, { action: 'member.role_changed', entityType: 'member', entityId: userId, metadata: { email: user!.email, name: user!.name, from: member.role, to: role } });
      return { userId, email: user!.email, name: user!.name, role, createdAt: member.createdAt };
    });
    await this.tokens.revokeAccess(userId, tenantId);
    return updated;
  }

  async remove(tenantId: string, actor: Actor, userId: string): Promise<void> {
    await this.prisma.scoped({ tenantId }, async (tx) => {
      const member = await this.repo.findMembership(tx, tenantId, userId);
      if (!member) throw new AuthError('AUTH_MEMBER_NOT_FOUND', 'No such member in this workspace.');
      this.assertMayManage(actor, member.role, member.role);
      if (member.role === 'owner' && (await this.repo.lockOwners(tx, tenantId)) <= 1) {
        throw new AuthError('AUTH_LAST_OWNER', 'A workspace needs at least one owner.');
      }
      const user = await this.repo.findUser(tx, userId);
      await this.repo.deleteMembership(tx, tenantId, userId);
      await this.repo.revokeUserSessions(tx, userId, tenantId);
      await this.audit.record(tx, tenantId, { action: 'member.removed', entityType: 'member', entityId: userId, metadata: { email: user?.email ?? null, name: user?.name ?? null, role: member.role } });
    });
    await this.tokens.revokeAccess(userId, tenantId);
  }

  async invite(tenantId: string, actor: Actor, dto: InviteMemberDto) {
    if (dto.role === 'owner' && (actor.type !== 'user' || actor.role !== 'owner')) {
      throw new AuthError('AUTH_ROLE_NOT_ALLOWED', 'Only an owner can invite another owner.');
    }
    const email = normaliseEmail(dto.email);
    const token = `inv_${randomBytes(32).toString('base64url')}`;
    const acceptUrl = `${this.config.WEB_URL}/invite?token=${encodeURIComponent(token)}`;
    const { invitation, tenantName } = await this.prisma.scoped({ tenantId }, async (tx) => {
      const existing = await this.repo.findUserByEmail(tx, email);
      if (existing && (await this.repo.findMembership(tx, tenantId, existing.id))) {
        throw new AuthError('AUTH_ALREADY_MEMBER', 'This person is already a member of the workspace.');
      }
      const invitation = await this.repo.createInvitation(tx, {
        tenantId,
        email,
        role: dto.role,
        tokenHash: hashToken(token),
        invitedById: actor.type === 'user' ? actor.id : null,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      });
      await this.audit.record(tx, tenantId, { action: 'invitation.created', entityType: 'invitation', entityId: invitation.id, metadata: { email, role: dto.role } });
      return { invitation, tenantName: (await this.repo.findTenant(tx, tenantId))!.name };
    });
    const content = actionEmail({
      heading: `Invitation à rejoindre ${tenantName} sur Lynara Campaign`,
      body: `${actor.label} vous invite à rejoindre l'espace « ${tenantName} » (rôle : ${dto.role}). / ${actor.label} invited you to join “${tenantName}” on Lynara Campaign.`,
      action: 'Accepter l’invitation / Accept the invitation',
      link: acceptUrl,
      footer: 'Ce lien est valable 7 jours et ne peut servir qu’une fois. / This link works once and expires in 7 days.',
    });
    const emailSent = await this.mail.send({ to: email, subject: `Invitation : ${tenantName} — Lynara Campaign`, link: acceptUrl, ...content });
    return { ...invitation, acceptUrl, emailSent };
  }

  async pendingInvitations(tenantId: string) {
    return { items: await this.prisma.scoped({ tenantId }, (tx) => this.repo.pendingInvitations(tx, tenantId, INVITATION_MAX_PASSWORD_FAILURES)) };
  }

  async revokeInvitation(tenantId: string, id: string): Promise<void> {
    await this.prisma.scoped({ tenantId }, async (tx) => {
      const revoked = await this.repo.revokeInvitation(tx, tenantId, id);
      if (!revoked) throw new AuthError('AUTH_INVITATION_INVALID', 'No such pending invitation.');
      await this.audit.record(tx, tenantId, { action: 'invitation.revoked', entityType: 'invitation', entityId: id, metadata: { email: revoked.email, role: revoked.role } });
    });
  }

  async previewInvitation(token: string) {
    const { tenantId, tokenHash } = await this.invitationTenant(token);
    return this.prisma.scoped({ tenantId }, async (tx) => {
      const invitation = await this.usableInvitation(tx, tenantId, tokenHash);
      const tenant = await this.repo.findTenant(tx, tenantId);
      const user = await this.repo.findUserByEmail(tx, invitation.email);
      return { email: invitation.email, role: invitation.role, tenant: tenant!, userExists: Boolean(user), expiresAt: invitation.expiresAt };
    });
  }

  async acceptInvitation(dto: AcceptInvitationDto, client: ClientInfo) {
    const { tenantId, tokenHash } = await this.invitationTenant(dto.token);
    const invitation = await this.prisma.scoped({ tenantId }, (tx) => this.usableInvitation(tx, tenantId, tokenHash));
    const existing = await this.prisma.scoped({}, (tx) => this.repo.findUserByEmail(tx, invitation.email));
    if (existing) await this.verifyExistingAccount(tenantId, invitation.id, existing.email, dto.password, client);
    const joining = existing ?? (await this.newAccount(invitation.email, dto));
    return this.prisma.scoped({ tenantId }, async (tx) => {
      // Claim the invitation first: the conditional update locks its row, so concurrent accepts
      // of the same link wait here and then find it used.
      if (!(await this.repo.acceptInvitation(tx, invitation.id))) throw new AuthError('AUTH_INVITATION_INVALID', 'This invitation has already been used.');
      let person: { id: string; email: string; name: string };
      if ('passwordHash' in joining) {
        person = await this.repo.createUser(tx, joining).catch((err: unknown) => {
          // The address got an account since the check above: its password is now needed.
          if ((err as { code?: string }).code === 'P2002') throw new AuthError('AUTH_EMAIL_TAKEN', 'An account with this email now exists: accept again with its password.');
          throw err;
        });
      } else {
        if (await this.repo.findMembership(tx, tenantId, joining.id)) throw new AuthError('AUTH_ALREADY_MEMBER', 'You are already a member of this workspace.');
        person = joining;
      }
      await this.repo.createMembership(tx, { tenantId, userId: person.id, role: invitation.role });
      await this.audit.record(tx, tenantId, {
        action: 'invitation.accepted',
        entityType: 'member',
        entityId: person.id,
        actor: { type: 'user', id: person.id, label: person.email },
        metadata: { email: person.email, name: person.name, role: invitation.role, invitationId: invitation.id },
      });
      const tenant = (await this.repo.findTenant(tx, tenantId))!;
      return this.auth.session(tx, person, tenant, invitation.role, client);
    });
  }

  /**
   * An existing account's password, through the sign-in throttle shared with login. Each check
   * first takes one of the invitation's attempts, in a transaction of its own (committed whatever
   * happens next, and atomic, so simultaneous guesses cannot exceed the limit); an attempt the
   * throttle refused to evaluate is given back. A right password goes on to accept the invitation.
   */
  private async verifyExistingAccount(tenantId: string, invitationId: string, email: string, password: string, client: ClientInfo): Promise<void> {
    const claimed = await this.prisma.scoped({ tenantId }, (tx) => this.repo.claimInvitationAttempt(tx, tenantId, invitationId, INVITATION_MAX_PASSWORD_FAILURES));
    if (!claimed) throw new AuthError('AUTH_INVITATION_INVALID', 'This invitation link has expired, was revoked, was already used or was disabled after too many wrong passwords.');
    try {
      await this.passwords.verify(email, password, client);
    } catch (err) {
      if (err instanceof AuthError && err.code === 'AUTH_TOO_MANY_ATTEMPTS') {
        await this.prisma.scoped({ tenantId }, (tx) => this.repo.releaseInvitationAttempt(tx, tenantId, invitationId));
      }
      throw err;
    }
  }

  /** The account an invitation creates for someone new: a name is required then. */
  private async newAccount(email: string, dto: AcceptInvitationDto) {
    if (!dto.name) {
      throw new CommonError('VALIDATION_FAILED', 'A name is required to create your account.', [{ field: 'name', code: 'required', message: 'name is required for a new account' }]);
    }
    return { email, name: dto.name, passwordHash: await hashPassword(dto.password) };
  }

  private async invitationTenant(token: string) {
    const tokenHash = hashToken(token);
    const tenantId = await this.prisma.scoped({}, (tx) => this.repo.tenantOfInvitation(tx, tokenHash));
    if (!tenantId) throw new AuthError('AUTH_INVITATION_INVALID', 'This invitation link is not valid.');
    return { tenantId, tokenHash };
  }

  private async usableInvitation(tx: Parameters<AuthRepository['findInvitationByHash']>[0], tenantId: string, tokenHash: string) {
    const invitation = await this.repo.findInvitationByHash(tx, tenantId, tokenHash);
    if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt.getTime() <= Date.now()) {
      throw new AuthError('AUTH_INVITATION_INVALID', 'This invitation link has expired, was revoked or was already used.');
    }
    if (invitation.failedAttempts >= INVITATION_MAX_PASSWORD_FAILURES) {
      throw new AuthError('AUTH_INVITATION_INVALID', 'This invitation was disabled after too many wrong passwords. Ask for a new one.');
    }
    return invitation;
  }

  /** Admins manage admins, marketers and viewers; only owners manage or appoint owners. */
  private assertMayManage(actor: Actor, currentRole: Role, newRole: Role) {
    if (actor.type !== 'user') throw new AuthError('AUTH_ROLE_NOT_ALLOWED', 'Members are managed by people, not API keys.');
    if ((currentRole === 'owner' || newRole === 'owner') && actor.role !== 'owner') {
      throw new AuthError('AUTH_ROLE_NOT_ALLOWED', 'Only an owner can change or remove an owner, or appoint one.');
    }
  }
}
