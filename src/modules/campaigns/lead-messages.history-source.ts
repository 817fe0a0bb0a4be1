import { Injectable, type OnModuleInit } from '@nestjs/common';
import { LeadHistoryRegistry } from '../crm/history/lead-history.registry.js';
import { LeadMessagesRepository } from './lead-messages.repository.js';

/** The messages a lead was sent, on its timeline and moved when leads are merged. */
@Injectable()
export class LeadMessagesHistorySource implements OnModuleInit {
  readonly kind = 'message';
  readonly order = 20;

  constructor(
    private readonly registry: LeadHistoryRegistry,
    private readonly repo: LeadMessagesRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      kind: this.kind,
      order: this.order,
      recent: async (tx, tenantId, leadId, bound, limit) =>
        (await this.repo.recent(tx, tenantId, leadId, bound, limit)).map((m) => ({
          kind: this.kind,
          id: m.id,
          at: m.at,
          title: `${m.channel} · ${m.status}`,
          details: { subject: m.subject, campaignId: m.campaignId },
        })),
      reassign: (tx, tenantId, from, to) => this.repo.reassign(tx, tenantId, from, to),
      moveBack: (tx, tenantId, ids, to) => this.repo.moveBack(tx, tenantId, ids, to),
    });
  }
}
