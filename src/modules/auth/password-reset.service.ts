import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import { MailService } from '../../infra/mail/mail.service.js';
import { actionEmail } from '../../infra/mail/templates.js';
import { PrismaService } from '../../infra/prisma/prisma.service.js';
import { AuthError } from './auth.errors.js';
import { AuthRepository } from './auth.repository.js';
import { hashPassword, normaliseEmail } from './passwords.js';
import { hashToken, TokensService } from './tokens.service.js';

const RESET_TTL_MS = 60 * 60_000;

/** Password reset by emailed single-use link; a reset ends every session of the person. */
@Injectable()
export class PasswordResetService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly repo: AuthRepository,
    private readonly mail: MailService,
    private readonly tokens: TokensService,
  ) {}

  /** Always succeeds from the outside, so it can't be used to find out who has an account. */
  async request(rawEmail: string): Promise<void> {
    const email = normaliseEmail(rawEmail);
    const token = `prt_${randomBytes(32).toString('base64url')}`;
    const user = await this.prisma.scoped({}, async (tx) => {
      const found = await this.repo.findUserByEmail(tx, email);
      if (found) await this.repo.createResetToken(tx, { userId: found.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + RESET_TTL_MS) });
      return found;
    });
    if (!user) return;
    const link = `${this.config.WEB_URL}/reset-password?token=${encodeURIComponent(token)}`;
    await this.mail.send({
      to: email,
      subject: 'Réinitialisation du mot de passe / Password reset — Lynara Campaign',
      link,
      ...actionEmail({
        heading: 'Réinitialiser votre mot de passe / Reset your password',
        body: 'Quelqu’un (vous, espérons-le) a demandé à changer le mot de passe de ce compte. / Someone (hopefully you) asked to reset this account’s password.',
        action: 'Choisir un nouveau mot de passe / Choose a new password',
        link,
        footer: 'Lien valable une heure, une seule fois. Ignorez ce message si vous n’êtes pas à l’origine de la demande. / Valid once for one hour; ignore this email if it wasn’t you.',
      }),
    });
  }

  async reset(token: string, password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    const userId = await this.prisma.scoped({}, async (tx) => {
      const id = await this.repo.resetPassword(tx, hashToken(token), passwordHash);
      if (!id) throw new AuthError('AUTH_RESET_TOKEN_INVALID', 'This reset link has expired or was already used. Ask for a new one.');
      return id;
    });
    await this.prisma.scoped({ userId }, (tx) => this.repo.revokeUserSessions(tx, userId));
    await this.tokens.revokeAccess(userId);
  }
}
