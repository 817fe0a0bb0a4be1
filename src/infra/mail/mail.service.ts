import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';

export interface SystemMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /**
   * The action link. It carries a secret token, so it is logged only outside production, when
   * no SMTP server is configured (a developer then finds it in the log instead of an inbox).
   */
  link?: string;
}

/** System email (invitations, password resets) through nodemailer to SMTP_URL. */
@Injectable()
export class MailService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(MailService.name);
  private readonly transport?: Transporter;
  private readonly production: boolean;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (config.SMTP_URL) this.transport = nodemailer.createTransport(config.SMTP_URL);
    this.production = config.NODE_ENV === 'production';
  }

  get configured(): boolean {
    return Boolean(this.transport);
  }

  onModuleInit(): void {
    if (this.transport) return;
    this.logger.warn(
      this.production
        ? 'SMTP_URL is not set: invitation and password-reset emails will not be sent (invitation links are still shown to the inviter)'
        : 'SMTP_URL is not set: emails are not sent; their links are written to this log (development only)',
    );
  }

  /** Returns whether the message was handed to the SMTP server. */
  async send(mail: SystemMail): Promise<boolean> {
    if (!this.transport) {
      if (this.production) this.logger.warn({ to: mail.to, subject: mail.subject }, 'email not sent (no SMTP server configured)');
      else this.logger.warn({ to: mail.to, subject: mail.subject, link: mail.link }, 'email not sent (no SMTP server configured); its link is logged instead');
      return false;
    }
    try {
      await this.transport.sendMail({ from: this.config.MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
      return true;
    } catch (err) {
      this.logger.error({ err, to: mail.to, subject: mail.subject }, 'could not send email');
      return false;
    }
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
