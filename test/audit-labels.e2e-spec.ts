import { createTestApp, expectProblem, register, type Res, type Session, type TestApp, uniqueEmail } from './support/app.js';
import { createProduct, createProperty, gradient, uploadMedia } from './support/entities.js';
import { addMember } from './support/team.js';

interface Entry {
  action: string;
  entityType: string;
  entityId: string | null;
  metadata: Record<string, unknown>;
}

/** What names the object of an entry, as the audit log page reads it. */
const LABEL_KEYS = ['name', 'email', 'fileName'] as const;
const labelOf = (e: Entry) => LABEL_KEYS.map((k) => e.metadata[k]).find((v) => typeof v === 'string' && v.length > 0);

/**
 * Entries whose sentence needs no object's name: a sign-in (the person is the actor), changes to
 * many leads at once and catalogue imports (their counts say it).
 */
const UNNAMED = (action: string) => action === 'auth.login' || action.startsWith('lead.bulk_') || action.endsWith('.imported');

describe('audit entries name their object as it was at the time', () => {
  let app: TestApp;
  let owner: Session;
  const ok = (res: Res, status = 200) => {
    if (res.status !== status) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, status?: number) => app.request(method, path, { token: owner.accessToken, body }).then((r) => ok(r, status ?? (method === 'POST' ? 201 : method === 'DELETE' ? 204 : 200)));
  const entries = async (query = '') => (await app.request<{ items: Entry[] }>('GET', `/audit-logs?limit=200${query}`, { token: owner.accessToken })).body.items;

  beforeAll(async () => {
    app = await createTestApp({}, 'all');
    owner = await register(app, 'Agence Labels', 'labels');

    // Team: an API key, an invitation revoked, a member whose role changes and who is removed.
    const key = await call('POST', '/api-keys', { name: 'Zapier', scopes: ['leads:read'] });
    await call('DELETE', `/api-keys/${key.id}`);
    const invitation = await call('POST', '/invitations', { email: uniqueEmail('invited'), role: 'viewer' });
    await call('DELETE', `/invitations/${invitation.id}`);
    const member = await addMember(app, owner, 'marketer', 'claire');
    await call('PATCH', `/members/${member.user.id}`, { role: 'viewer' });
    await call('DELETE', `/members/${member.user.id}`);

    // Leads: created, changed, noted, trashed and restored, tagged in bulk, merged.
    const helene = await call('POST', '/leads', { email: 'helene.lefevre@exemple.fr', firstName: 'Hélène', lastName: 'Lefèvre' });
    const twin = await call('POST', '/leads', { email: 'h.lefevre@exemple.fr' });
    await call('PATCH', `/leads/${helene.id}`, { jobTitle: 'Directrice' });
    await call('POST', `/leads/${helene.id}/notes`, { body: 'Rappeler lundi' });
    await call('DELETE', `/leads/${twin.id}`);
    await call('POST', `/leads/${twin.id}/restore`, undefined, 200);
    await call('POST', '/leads/bulk', { ids: [helene.id, twin.id], action: 'addTags', tags: ['salon'] }, 200);
    await call('POST', `/leads/${helene.id}/merge`, { sourceIds: [twin.id] }, 200);

    // CRM settings: a custom field, a segment (renamed, snapshotted, deleted), a scoring rule.
    const field = await call('POST', '/custom-fields', { key: 'budget', label: 'Budget', type: 'number' });
    await call('PATCH', `/custom-fields/${field.id}`, { label: 'Budget max' });
    await call('DELETE', `/custom-fields/${field.id}`);
    const rules = { op: 'and', conditions: [{ type: 'tag', operator: 'has', value: 'salon' }] };
    const segment = await call('POST', '/segments', { name: 'Salon 2026', rules });
    await call('PATCH', `/segments/${segment.id}`, { name: 'Salon de printemps' });
    await call('POST', `/segments/${segment.id}/snapshots`, {}, 202);
    await call('DELETE', `/segments/${segment.id}`);
    const rule = await call('POST', '/scoring-rules', { name: 'Décideur', kind: 'attribute', condition: { type: 'field', field: 'jobTitle', operator: 'contains', value: 'direct' }, points: 10 });
    await call('PATCH', `/scoring-rules/${rule.id}`, { points: 15 });
    await call('DELETE', `/scoring-rules/${rule.id}`, undefined, 200);

    // Catalogue: a product, a listing, a photo linked then deleted.
    const product = await createProduct(app, owner, { sku: 'CHAIR-01', name: 'Chaise en chêne' });
    await call('PATCH', `/products/${product.id}`, { name: 'Chaise en chêne massif' });
    await call('DELETE', `/products/${product.id}`);
    const property = await createProperty(app, owner, { reference: 'LYN-42', title: 'T3 lumineux' });
    await call('PATCH', `/properties/${property.id}`, { title: 'T3 lumineux, balcon' });
    const photo = ok(await uploadMedia(app, { token: owner.accessToken }, await gradient(64, 48).png().toBuffer(), 'salon.png'), 201);
    await call('PATCH', `/media/${photo.id}`, { propertyId: property.id });
    await call('DELETE', `/media/${photo.id}`);
    await call('DELETE', `/properties/${property.id}`);

    // A lead import uploaded and started.
    const csv = await fetch(`${app.url}/leads/imports?fileName=${encodeURIComponent('contacts agence.csv')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${owner.accessToken}`, 'content-type': 'text/csv' },
      body: 'email;prenom\nanne@exemple.fr;Anne\n',
    });
    const upload = ok({ status: csv.status, body: await csv.json(), headers: {} }, 201);
    await call('POST', `/leads/imports/${upload.id}/start`, {}, 200);
  });
  afterAll(async () => {
    await app.close();
  });

  it('every entry that concerns one object carries its name, email or file name', async () => {
    const all = await entries();
    expect(all.length).toBeGreaterThan(35);
    const unnamed = all.filter((e) => !UNNAMED(e.action) && !labelOf(e)).map((e) => e.action);
    expect(unnamed).toEqual([]);
  });

  it('names each object as the sentence needs it', async () => {
    const all = await entries();
    const named = (action: string) => all.filter((e) => e.action === action).map(labelOf);
    expect(named('api_key.revoked')).toEqual(['Zapier']);
    expect(named('invitation.revoked')[0]).toMatch(/^invited\./);
    expect(named('member.role_changed')).toEqual(['claire person']);
    expect(named('member.removed')).toEqual(['claire person']);
    expect(all.find((e) => e.action === 'member.removed')?.metadata.email).toMatch(/^claire\./);
    expect(named('lead.created')).toEqual(['h.lefevre@exemple.fr', 'Hélène Lefèvre']);
    expect(named('lead.deleted')).toEqual(['h.lefevre@exemple.fr']);
    expect(named('lead.restored')).toEqual(['h.lefevre@exemple.fr']);
    expect(named('lead.note_added')).toEqual(['Hélène Lefèvre']);
    expect(all.find((e) => e.action === 'lead.merged')?.metadata).toMatchObject({ name: 'Hélène Lefèvre', sourceNames: ['h.lefevre@exemple.fr'] });
    expect(all.find((e) => e.action === 'lead.bulk_addTags')?.metadata).toMatchObject({ affected: 2 });
    expect(named('custom_field.deleted')).toEqual(['Budget max']);
    expect(named('scoring_rule.updated')).toEqual(['Décideur']);
    expect(named('segment.snapshot_requested')).toEqual(['Salon de printemps']);
    expect(named('lead_import.started')).toEqual(['contacts agence.csv']);
    expect(named('media.updated')).toEqual(['salon.png']);
    expect(named('media.deleted')).toEqual(['salon.png']);
    expect(all.find((e) => e.action === 'property.deleted')?.metadata).toEqual({ name: 'T3 lumineux, balcon', reference: 'LYN-42' });
  });

  it('keeps the name an object had when the entry was written', async () => {
    const all = await entries();
    const named = (action: string) => all.filter((e) => e.action === action).map(labelOf);
    expect(named('segment.created')).toEqual(['Salon 2026']);
    expect(named('segment.updated')).toEqual(['Salon de printemps']);
    expect(named('segment.deleted')).toEqual(['Salon de printemps']);
    expect(named('product.created')).toEqual(['Chaise en chêne']);
    expect(named('product.deleted')).toEqual(['Chaise en chêne massif']);
    expect(named('custom_field.created')).toEqual(['Budget']);
  });

  it('filters by several actions at once (an action family), and refuses malformed ones', async () => {
    const deletions = await entries('&action=product.deleted,property.deleted,segment.deleted');
    expect(deletions.map((e) => e.action).sort()).toEqual(['product.deleted', 'property.deleted', 'segment.deleted']);
    expect((await entries('&action=api_key.revoked&action=invitation.revoked')).map((e) => e.action).sort()).toEqual(['api_key.revoked', 'invitation.revoked']);
    for (const bad of ['API_KEY.revoked', 'api key', `a${'.b'.repeat(60)}`, Array.from({ length: 101 }, (_, i) => `a${i}`).join(',')]) {
      expectProblem(await app.request('GET', `/audit-logs?action=${encodeURIComponent(bad)}`, { token: owner.accessToken }), 400, 'VALIDATION_FAILED');
    }
    // Another workspace filtering by the same actions sees none of these.
    const other = await register(app, 'Autre agence', 'labels-other');
    const theirs = await app.request<{ items: Entry[] }>('GET', '/audit-logs?action=product.deleted,api_key.revoked', { token: other.accessToken });
    expect(theirs.body.items).toEqual([]);
  });
});
