import { Injectable, type OnModuleInit } from '@nestjs/common';
import { LeadHistoryRegistry } from '../crm/history/lead-history.registry.js';
import { LeadConversationsRepository } from './lead-conversations.repository.js';

/** A lead's conversations (inbox messages, social interactions) follow it when leads are merged. */
@Injectable()
export class LeadConversationsHistorySource implements OnModuleInit {
  constructor(
    private readonly registry: LeadHistoryRegistry,
    private readonly repo: LeadConversationsRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      kind: 'conversation',
      order: 25,
      reassign: (tx, tenantId, from, to) => this.repo.reassign(tx, tenantId, from, to),
      moveBack: (tx, tenantId, ids, to) => this.repo.moveBack(tx, tenantId, ids, to),
    });
  }
}
