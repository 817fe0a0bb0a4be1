import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../infra/prisma/prisma.service.js';
import { AuthError } from './auth.errors.js';
import { AuthRepository } from './auth.repository.js';
import type { ClientInfo } from './auth.service.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { decoyHash, verifyPassword } from './passwords.js';

/**
 * The one place an account's password is checked (sign-in, and accepting an invitation as an
 * existing person), so every guess, by whatever door, meets the same throttle. Opens its own
 * transaction: never call it while holding one.
 */
@Injectable()
export class PasswordCheckService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly repo: AuthRepository,
    private readonly throttle: LoginThrottleService,
  ) {}

  /** The account when `password` is its password; else AUTH_INVALID_CREDENTIALS (401) or AUTH_TOO_MANY_ATTEMPTS (429). */
  async verify(email: string, password: string, client: ClientInfo): Promise<{ id: string; email: string; name: string }> {
    await this.throttle.consume(email, client.ip);
    const account = await this.prisma.scoped({}, (tx) => this.repo.signInCredentials(tx, email));
    // Unknown emails cost the same argon2 work, so timing doesn't tell which emails have accounts.
    const valid = account ? await verifyPassword(account.passwordHash, password) : await verifyPassword(await decoyHash(), password).then(() => false);
    if (!account || !valid) throw new AuthError('AUTH_INVALID_CREDENTIALS', 'Email or password is incorrect.');
    await this.throttle.refund(email, client.ip);
    return { id: account.id, email: account.email, name: account.name };
  }
}
