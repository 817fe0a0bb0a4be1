import { LeadBatch, mergeLeads } from './in-file-duplicates.js';
import type { NormalisedLead } from './validate.js';

const lead = (l: Partial<NormalisedLead>): NormalisedLead => ({ tags: [], emailConsent: 'unknown', smsConsent: 'unknown', whatsappConsent: 'unknown', customFields: {}, ...l });

describe('mergeLeads', () => {
  const full = lead({ email: 'h@x.fr', firstName: 'Hélène', company: 'Agence', tags: ['vip'], customFields: { budget: 1 }, emailConsent: 'granted', lifecycleStage: 'customer' });
  const sparse = lead({ email: 'h@x.fr', phone: '+33612345678', tags: ['salon'], customFields: { surface: 80 }, lifecycleStage: 'lead' });

  it('a blank never erases a value, in either order', () => {
    for (const merged of [mergeLeads(full, sparse), mergeLeads(sparse, full)]) {
      expect(merged).toMatchObject({ email: 'h@x.fr', firstName: 'Hélène', company: 'Agence', phone: '+33612345678', emailConsent: 'granted', lifecycleStage: 'customer', customFields: { budget: 1, surface: 80 } });
      expect([...merged.tags].sort()).toEqual(['salon', 'vip']);
    }
  });
  it('a value given later wins over an earlier one', () => {
    expect(mergeLeads(lead({ email: 'a@x.fr', firstName: 'Anne', smsConsent: 'granted' }), lead({ email: 'a@x.fr', firstName: 'Annie', smsConsent: 'denied' }))).toMatchObject({ firstName: 'Annie', smsConsent: 'denied' });
  });
});

describe('LeadBatch', () => {
  it('merges rows of the same email and counts them', () => {
    const batch = new LeadBatch();
    batch.add(lead({ email: 'a@x.fr', firstName: 'Anne' }));
    batch.add(lead({ email: 'b@x.fr' }));
    batch.add(lead({ email: 'a@x.fr', lastName: 'Roux' }));
    expect(batch.size).toBe(2);
    expect(batch.merged).toBe(1);
    expect(batch.leads()[0]).toMatchObject({ email: 'a@x.fr', firstName: 'Anne', lastName: 'Roux' });
  });
  it('joins a phone-only row and the row with that phone and an email, in either order', () => {
    for (const order of [0, 1]) {
      const rows = [lead({ phone: '+262692123456', city: 'Saint-Denis' } as Partial<NormalisedLead>), lead({ email: 'r@x.fr', phone: '+262692123456', firstName: 'Rémi' })];
      const batch = new LeadBatch();
      for (const r of order ? rows.reverse() : rows) batch.add(r);
      expect(batch.size).toBe(1);
      expect(batch.merged).toBe(1);
      expect(batch.leads()[0]).toMatchObject({ email: 'r@x.fr', phone: '+262692123456', firstName: 'Rémi', city: 'Saint-Denis' });
    }
  });
  it('keeps two leads that share a phone but have different emails', () => {
    const batch = new LeadBatch();
    batch.add(lead({ email: 'a@x.fr', phone: '+33612345678' }));
    batch.add(lead({ email: 'b@x.fr', phone: '+33612345678' }));
    expect(batch.size).toBe(2);
    expect(batch.merged).toBe(0);
  });
});
