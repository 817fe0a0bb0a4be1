import { Injectable } from '@nestjs/common';
import type { NamedProvider, ProviderRegistry } from '../../../infra/providers/provider-registry.js';
import { type Enrichment, localEnrichments } from './enrichers.js';

export type LeadContact = { email: string | null; phone: string | null; firstName: string | null; lastName: string | null; company: string | null };

/** Where enriched values come from (ENRICHMENT_PROVIDERS chooses which, in order). */
export interface EnrichmentSource extends NamedProvider {
  /** Never throws: a source that cannot answer contributes nothing. */
  lookup(lead: LeadContact): Promise<Enrichment[]>;
}

export const ENRICHMENT_SOURCES = Symbol('ENRICHMENT_SOURCES');
export type EnrichmentSources = ProviderRegistry<EnrichmentSource>;

/** What the lead's own data says (email domain, phone country, name casing): no network. */
@Injectable()
export class RulesEnrichmentSource implements EnrichmentSource {
  readonly name: string = 'rules';

  async lookup(lead: LeadContact): Promise<Enrichment[]> {
    return localEnrichments(lead);
  }
}
