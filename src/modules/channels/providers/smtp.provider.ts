import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { APP_CONFIG } from '../../../config/config.module.js';
import type { AppConfig } from '../../../config/config.js';
import { AddressPolicy } from '../../../infra/http/address-policy.js';
import type { EmailAccount, EmailProvider, OutgoingEmail, SendOutcome } from './channel-provider.js';
import { classifySmtpError, failureReason, type SmtpFailure } from './smtp-errors.js';

/** Connections per sender's pool; the dispatcher's per-sender rate limit sits above this. */
const POOL_CONNECTIONS = 5;
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

export class SmtpBlockedError extends Error {}

interface Pooled {
  version: number;
  transport: Transporter;
}

/**
 * Email over SMTP with nodemailer. Each sender gets one pooled transport, kept while the sender
 * is unchanged (its version) and closed when the sender changes or the process shuts down. The
 * host is resolved and checked against OUTBOUND_PRIVATE_ALLOWLIST first: a host typed by a
 * tenant must not reach the database or the metadata service.
 */
@Injectable()
export class SmtpProvider implements EmailProvider, OnApplicationShutdown {
  readonly name = 'smtp';
  readonly channel = 'email' as const;
  private readonly logger = new Logger(SmtpProvider.name);
  private readonly pools = new Map<string, Pooled>();
  private readonly policy: AddressPolicy;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.policy = new AddressPolicy(config.OUTBOUND_PRIVATE_ALLOWLIST);
  }

  async send(account: EmailAccount, message: OutgoingEmail): Promise<SendOutcome> {
    let transport: Transporter;
    try {
      transport = await this.pooled(account);
    } catch (err) {
      return this.failed(err);
    }
    try {
      const info = await transport.sendMail(mailOf(message));
      return { outcome: 'accepted', providerMessageId: message.messageId, response: String(info.response ?? '').slice(0, 500) };
    } catch (err) {
      return this.failed(err);
    }
  }

  /**
   * Connects, authenticates and sends one message on a connection of its own (never the pool),
   * so a sender's test reports exactly this conversation.
   */
  async test(account: EmailAccount, message: OutgoingEmail): Promise<{ ok: true; response: string } | { ok: false; failure: SmtpFailure }> {
    let transport: Transporter | undefined;
    try {
      transport = nodemailer.createTransport(await this.options(account, false));
      await transport.verify();
      const info = await transport.sendMail(mailOf(message));
      return { ok: true, response: String(info.response ?? '') };
    } catch (err) {
      return { ok: false, failure: classifySmtpError(err instanceof SmtpBlockedError ? { code: 'EBLOCKED' } : err) };
    } finally {
      transport?.close();
    }
  }

  /** Drops a sender's pooled transport (the sender was changed or deleted). */
  forget(senderId: string): void {
    this.pools.get(senderId)?.transport.close();
    this.pools.delete(senderId);
  }

  onApplicationShutdown(): void {
    for (const { transport } of this.pools.values()) transport.close();
    this.pools.clear();
  }

  private failed(err: unknown): SendOutcome {
    if (err instanceof SmtpBlockedError) return { outcome: 'permanent', reason: `blocked_address: ${err.message}` };
    const failure = classifySmtpError(err);
    if (failure.problem === 'unknown') this.logger.warn({ err }, 'unclassified SMTP error');
    return { outcome: failure.temporary ? 'temporary' : 'permanent', reason: failureReason(failure) };
  }

  private async pooled(account: EmailAccount): Promise<Transporter> {
    const cached = this.pools.get(account.senderId);
    if (cached && cached.version === account.version) return cached.transport;
    if (cached) cached.transport.close();
    const transport = nodemailer.createTransport(await this.options(account, true));
    this.pools.set(account.senderId, { version: account.version, transport });
    return transport;
  }

  private async options(account: EmailAccount, pool: boolean) {
    const address = isIP(account.host) ? account.host : (await lookup(account.host).catch(() => ({ address: account.host }))).address;
    if (isIP(address) && !this.policy.addressAllowed(address, account.host)) throw new SmtpBlockedError(`${account.host} (${address})`);
    return {
      ...(pool ? { pool: true as const, maxConnections: POOL_CONNECTIONS, maxMessages: Infinity } : {}),
      host: address,
      port: account.port,
      secure: account.security === 'tls',
      requireTLS: account.security === 'starttls',
      ignoreTLS: account.security === 'none',
      // The certificate is checked against the name typed, not the address connected to.
      tls: { servername: isIP(account.host) ? undefined : account.host },
      name: account.dkim?.domainName,
      auth: account.username ? { user: account.username, pass: account.password ?? '' } : undefined,
      dkim: account.dkim ?? undefined,
      ...TIMEOUTS,
    };
  }
}

function mailOf(m: OutgoingEmail) {
  return {
    messageId: m.messageId,
    from: m.from.name ? { name: m.from.name, address: m.from.address } : m.from.address,
    to: m.to,
    replyTo: m.replyTo ?? undefined,
    subject: m.subject,
    html: m.html,
    text: m.text,
    headers: m.headers,
  };
}
