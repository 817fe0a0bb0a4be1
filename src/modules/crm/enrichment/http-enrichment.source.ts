import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG } from '../../../config/config.module.js';
import type { AppConfig } from '../../../config/config.js';
import { OutboundHttp, type OutboundHttpError, type OutboundResponse } from '../../../infra/http/outbound-http.js';
import type { Enrichment } from './enrichers.js';
import type { EnrichmentSource, LeadContact } from './enrichment-sources.js';

/** Fields a provider may fill, and the JSON type each must have to be accepted. */
const PROVIDER_FIELDS: Record<string, 'string' | 'number'> = {
  company: 'string',
  companyDomain: 'string',
  jobTitle: 'string',
  companySize: 'string',
  industry: 'string',
  linkedinUrl: 'string',
  city: 'string',
  country: 'string',
};

/**
 * An HTTP enrichment provider (ENRICHMENT_URL, ENRICHMENT_API_KEY): POST { email, phone, company }
 * → { <field>: value, … }, through the shared outbound client (timeout per attempt, retries on
 * network errors, 429 and 5xx — a lookup is safe to repeat). Unknown fields and wrong types are
 * dropped; no answer means no enrichment, never a failed job.
 */
@Injectable()
export class HttpEnrichmentSource implements EnrichmentSource {
  readonly name: string = 'http';
  private readonly logger = new Logger(HttpEnrichmentSource.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly http: OutboundHttp,
  ) {}

  async lookup(lead: LeadContact): Promise<Enrichment[]> {
    if (!this.config.ENRICHMENT_URL) return [];
    let res: OutboundResponse;
    try {
      res = await this.http.request({
        url: this.config.ENRICHMENT_URL,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.config.ENRICHMENT_API_KEY && { authorization: `Bearer ${this.config.ENRICHMENT_API_KEY}` }) },
        body: JSON.stringify({ email: lead.email, phone: lead.phone, company: lead.company }),
        timeoutMs: this.config.ENRICHMENT_TIMEOUT_MS,
        retries: this.config.ENRICHMENT_RETRIES,
        maxResponseBytes: 256 * 1024,
      });
    } catch (err) {
      this.logger.warn({ attempts: (err as OutboundHttpError).attempts, error: (err as Error).message }, 'enrichment provider gave no answer');
      return [];
    }
    if (res.status === 404) return [];
    const body = res.ok ? res.json<Record<string, unknown>>() : undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      this.logger.warn({ attempts: res.attempts, status: res.status }, res.ok ? 'enrichment provider answered something other than a JSON object' : 'enrichment provider gave no answer');
      return [];
    }
    return Object.entries(body)
      .filter(([field, value]) => PROVIDER_FIELDS[field] && typeof value === PROVIDER_FIELDS[field] && String(value).length <= 500)
      .map(([field, value]) => ({ field, value, confidence: 0.8, source: 'provider' }));
  }
}
