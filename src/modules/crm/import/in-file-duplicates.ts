import type { NormalisedLead } from './validate.js';

const CONSENTS = ['emailConsent', 'smsConsent', 'whatsappConsent'] as const;

/**
 * A later row of the same lead merged into an earlier one, by the rules the upsert applies to a
 * stored lead: a value given wins, a blank never erases, tags add up, custom fields merge, a
 * consent changes only when the row says something, and the default stage "lead" does not
 * demote a stage already known. So a file with duplicates ends as if its rows had been imported
 * one after the other, whatever their order for values only one of them has.
 */
export function mergeLeads(earlier: NormalisedLead, later: NormalisedLead): NormalisedLead {
  const merged: NormalisedLead = { ...earlier };
  for (const [key, value] of Object.entries(later) as [keyof NormalisedLead, unknown][]) {
    if (value === undefined || key === 'tags' || key === 'customFields' || key === 'lifecycleStage' || (CONSENTS as readonly string[]).includes(key)) continue;
    (merged as unknown as Record<string, unknown>)[key] = value;
  }
  if (later.lifecycleStage && (later.lifecycleStage !== 'lead' || !earlier.lifecycleStage)) merged.lifecycleStage = later.lifecycleStage;
  merged.tags = later.tags.length ? [...new Set([...earlier.tags, ...later.tags])] : earlier.tags;
  merged.customFields = { ...earlier.customFields, ...later.customFields };
  for (const c of CONSENTS) if (later[c] !== 'unknown') merged[c] = later[c];
  return merged;
}

/**
 * The leads of one import batch, with the rows of the same lead merged as they arrive: same
 * email, or same phone when one of them has no email (a phone-only row joins the row that has
 * its phone and an email, in either order). `merged` counts the rows folded into another.
 */
export class LeadBatch {
  private readonly byKey = new Map<string, NormalisedLead>();
  private readonly keyByPhone = new Map<string, string>();
  merged = 0;

  get size(): number {
    return this.byKey.size;
  }

  add(lead: NormalisedLead): void {
    const key = lead.email ? `e:${lead.email}` : `p:${lead.phone}`;
    let target = this.byKey.has(key) ? key : undefined;
    if (!target && lead.phone) {
      const holder = this.keyByPhone.get(lead.phone);
      // A phone-only row joins the lead holding its phone; an emailed row absorbs a phone-only one.
      if (holder && this.byKey.get(holder)?.phone === lead.phone && (!lead.email || holder.startsWith('p:'))) target = holder;
    }
    if (!target) {
      this.set(key, lead);
      return;
    }
    this.merged++;
    const result = mergeLeads(this.byKey.get(target)!, lead);
    if (target !== key && lead.email) this.byKey.delete(target);
    this.set(lead.email ? key : target, result);
  }

  leads(): NormalisedLead[] {
    return [...this.byKey.values()];
  }

  private set(key: string, lead: NormalisedLead) {
    this.byKey.set(key, lead);
    if (lead.phone) this.keyByPhone.set(lead.phone, key);
  }
}
