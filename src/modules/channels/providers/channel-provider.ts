import type { NamedProvider } from '../../../infra/providers/provider-registry.js';

export type ChannelName = 'email' | 'sms' | 'whatsapp' | 'facebook' | 'instagram' | 'linkedin' | 'x';

/** An SMTP account, its identity and its DKIM key, opened (secrets in clear) for one send. */
export interface EmailAccount {
  senderId: string;
  /** Changes whenever the sender is edited: a cached transport built from an older version is rebuilt. */
  version: number;
  host: string;
  port: number;
  security: 'none' | 'starttls' | 'tls';
  username: string | null;
  password: string | null;
  dkim: { domainName: string; keySelector: string; privateKey: string } | null;
}

/** One rendered email, ready for the wire. */
export interface OutgoingEmail {
  /** The Message-ID header, angle brackets included. */
  messageId: string;
  from: { name: string | null; address: string };
  replyTo: string | null;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

/**
 * What a provider made of a send. `temporary` is worth retrying later (greylisting, a full
 * mailbox, a dropped connection); `permanent` is not (the recipient or the message was refused).
 */
export type SendOutcome =
  | { outcome: 'accepted'; providerMessageId: string; response: string }
  | { outcome: 'temporary' | 'permanent'; reason: string };

/**
 * A channel's delivery adapter. The channels module owns this interface; SMS, WhatsApp and
 * social adapters implement it next to SMTP, each registered in the CHANNEL_PROVIDERS registry.
 */
export interface ChannelProvider<Account = unknown, Message = unknown> extends NamedProvider {
  readonly channel: ChannelName;
  send(account: Account, message: Message): Promise<SendOutcome>;
}

export type EmailProvider = ChannelProvider<EmailAccount, OutgoingEmail>;

export const CHANNEL_PROVIDERS = Symbol('CHANNEL_PROVIDERS');
