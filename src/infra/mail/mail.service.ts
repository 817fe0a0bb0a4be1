import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';

export interface SystemMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The action link, logged when no SMTP server is configured so it is never silently lost. */
  link?: string;
}

/** System email (invitations, password resets) through nodemailer to SMTP_URL. */
@Injectable()
export class MailService implements OnModuleDestroy {
  private readonly logger = new Logger(MailService.name);
  private readonly transport?: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (config.SMTP_URL) this.transport = nodemailer.createTransport(config.SMTP_URL);
  }

  get configured(): boolean {
    return Boolean(this.transport);
  }

  /** Returns whether the message was handed to the SMTP server. */
  async send(mail: SystemMail): Promise<boolean> {
    if (!this.transport) {
      this.logger.warn({ to: mail.to, subject: mail.subject, link: mail.link }, 'SMTP_URL is not set: email not sent, link logged instead');
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

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
