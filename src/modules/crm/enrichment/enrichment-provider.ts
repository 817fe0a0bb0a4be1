import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG } from '../../../config/config.module.js';
import type { AppConfig } from '../../../config/config.js';
import type { Enrichment } from './enrichers.js';

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

class RetryableError extends Error {}

/**
 * An HTTP enrichment provider (ENRICHMENT_URL, ENRICHMENT_API_KEY): POST { email, phone, company }
 * → { <field>: value, … }. Each attempt has a timeout; network errors, 429 and 5xx are retried
 * with backoff; other answers are final. Unknown fields and wrong types are dropped.
 */
@Injectable()
export class EnrichmentProvider {
  private readonly logger = new Logger(EnrichmentProvider.name);

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get configured(): boolean {
    return Boolean(this.config.ENRICHMENT_URL);
  }

  async lookup(lead: { email: string | null; phone: string | null; company: string | null }): Promise<Enrichment[]> {
    if (!this.config.ENRICHMENT_URL) return [];
    const attempts = this.config.ENRICHMENT_RETRIES + 1;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(lead);
      } catch (err) {
        if (!(err instanceof RetryableError) || attempt >= attempts) {
          this.logger.warn({ attempt, error: (err as Error).message }, 'enrichment provider gave no answer');
          return [];
        }
        await new Promise((r) => setTimeout(r, 200 * 2 ** (attempt - 1)));
      }
    }
  }

  private async once(lead: { email: string | null; phone: string | null; company: string | null }): Promise<Enrichment[]> {
    let res: Response;
    try {
      res = await fetch(this.config.ENRICHMENT_URL!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.config.ENRICHMENT_API_KEY && { authorization: `Bearer ${this.config.ENRICHMENT_API_KEY}` }) },
        body: JSON.stringify({ email: lead.email, phone: lead.phone, company: lead.company }),
        signal: AbortSignal.timeout(this.config.ENRICHMENT_TIMEOUT_MS),
      });
    } catch (err) {
      throw new RetryableError((err as Error).message);
    }
    if (res.status === 429 || res.status >= 500) throw new RetryableError(`HTTP ${res.status}`);
    if (res.status === 404) return [];
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
    if (!body || typeof body !== 'object') throw new Error('not a JSON object');
    return Object.entries(body)
      .filter(([field, value]) => PROVIDER_FIELDS[field] && typeof value === PROVIDER_FIELDS[field] && String(value).length <= 500)
      .map(([field, value]) => ({ field, value, confidence: 0.8, source: 'provider' }));
  }
}
