import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../../infra/prisma/prisma.service.js';
import { MessagesService } from '../../channels/messages/messages.service.js';
import { TemplatesError } from './templates.errors.js';
import { personalisationView } from './personalisation.js';
import { PersonalisationRepository, type RecipientLead } from './personalisation.repository.js';
import { type RenderedEmail, TemplateRenderer } from './template-renderer.js';
import { TemplatesRepository } from './templates.repository.js';

/** Previews have no message: their unsubscribe link has the right shape and leads nowhere. */
const NO_MESSAGE = '00000000-0000-0000-0000-000000000000';

/** A template rendered for one recipient: the lead's values, the workspace, the message's links. */
@Injectable()
export class EmailComposer {
  constructor(
    private readonly prisma: PrismaService,
    private readonly templates: TemplatesRepository,
    private readonly people: PersonalisationRepository,
    private readonly renderer: TemplateRenderer,
    private readonly messages: MessagesService,
  ) {}

  /** Throws TEMPLATE_NOT_FOUND / LEAD_NOT_FOUND; `lead` is null when rendering for an address alone. */
  async compose(tenantId: string, r: { templateId: string; leadId: string | null; messageId: string | null; to?: string; data?: Record<string, unknown> }): Promise<{ email: RenderedEmail; lead: RecipientLead | null }> {
    const { template, lead, workspaceName } = await this.prisma.scoped({ tenantId }, async (tx) => ({
      template: await this.templates.find(tx, tenantId, r.templateId),
      lead: r.leadId ? await this.people.lead(tx, tenantId, r.leadId) : null,
      workspaceName: await this.people.workspaceName(tx, tenantId),
    }));
    if (!template) throw new TemplatesError('TEMPLATE_NOT_FOUND', 'No such template.');
    if (r.leadId && !lead) throw new TemplatesError('LEAD_NOT_FOUND', 'No such lead.');
    const unsubscribeUrl = this.messages.unsubscribeUrl(tenantId, r.messageId ?? NO_MESSAGE);
    const view = personalisationView(lead, { workspaceName, unsubscribeUrl, preferencesUrl: unsubscribeUrl, data: r.data, to: r.to });
    const email = await this.renderer.render(
      { id: template.id, version: template.updatedAt.getTime(), subject: template.subject, preheader: template.preheader, mjml: template.mjml, textBody: template.textBody },
      view,
    );
    return { email, lead };
  }
}
