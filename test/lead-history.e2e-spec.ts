import type pg from 'pg';
import { createTestApp, expectProblem, register, type Res, type Session, type TestApp } from './support/app.js';
import { insertEvent, insertInbox, insertNote, insertScore, leadRow } from './support/crm.js';
import { appClient, ownerClient } from './support/db.js';

interface Item {
  kind: string;
  id: string;
  at: string;
  title: string;
  details: Record<string, any>;
}

async function upload(app: TestApp, token: string, body: string, fileName: string): Promise<Res> {
  const res = await fetch(`${app.url}/leads/imports?fileName=${encodeURIComponent(fileName)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body,
  });
  return { status: res.status, body: await res.json(), headers: Object.fromEntries(res.headers.entries()) };
}

describe('lead history and merge undo', () => {
  let app: TestApp;
  let db: pg.Client;
  let a: Session;
  let b: Session;
  let seq = 0;
  const email = (name: string) => `${name}.${process.pid}.${++seq}@example.test`;

  beforeAll(async () => {
    app = await createTestApp({}, 'all');
    db = await ownerClient();
    a = await register(app, 'History A', 'ha');
    b = await register(app, 'History B', 'hb');
  });
  afterAll(async () => {
    await db.end();
    await app.close();
  });

  const timeline = async (s: Session, id: string): Promise<Item[]> => {
    const res = await app.request('GET', `/leads/${id}/timeline?limit=100`, { token: s.accessToken });
    expect(res.status).toBe(200);
    return res.body.items;
  };
  const create = async (body: object, auth: { token?: string; apiKey?: string } = { token: a.accessToken }) => {
    const res = await app.request('POST', '/leads', { ...auth, body });
    expect(res.status).toBe(201);
    return res.body as { id: string; email: string | null };
  };

  it('records who created a lead: a member, an API key (by name)', async () => {
    const byMember = await create({ email: email('member-made'), firstName: 'Claire' });
    const created = (await timeline(a, byMember.id)).filter((i) => i.kind === 'created');
    expect(created).toEqual([expect.objectContaining({ id: byMember.id, details: { by: { kind: 'member', id: a.user.id, label: a.user.name } } })]);

    const key = await app.request('POST', '/api-keys', { token: a.accessToken, body: { name: 'Zapier', scopes: ['leads:read', 'leads:write'] } });
    expect(key.status).toBe(201);
    const byKey = await create({ email: email('key-made') }, { apiKey: key.body.key });
    const [entry] = (await timeline(a, byKey.id)).filter((i) => i.kind === 'created');
    expect(entry!.details.by).toEqual({ kind: 'api_key', id: key.body.id, label: expect.stringMatching(/^Zapier/) });
    expect((await leadRow(db, byKey.id)).created_by).toMatch(new RegExp(`^api_key:${key.body.id}:Zapier`));
  });

  it('records creation and updates by an import, naming its file', async () => {
    // A free-mail address: enrichment derives no company from it, so only the member and the import change it.
    const existing = await create({ email: `paul.roux.${process.pid}.${++seq}@gmail.com`, firstName: 'Paul', lastName: 'Roux' });
    await app.request('PATCH', `/leads/${existing.id}`, { token: a.accessToken, body: { company: 'Agence Horizon' } });
    const fresh = email('imported');
    const csv = `email;prénom;ville\n${existing.email};Paul;Lyon\n${fresh};Hélène;Saint-Étienne\n`;
    const preview = await upload(app, a.accessToken, csv, 'agence.csv');
    expect(preview.status).toBe(201);
    const mapping = [
      { column: 0, field: 'email' },
      { column: 1, field: 'firstName' },
      { column: 2, field: 'company' },
    ];
    const started = await app.request('POST', `/leads/imports/${preview.body.id}/start`, { token: a.accessToken, body: { mapping } });
    expect(started.status).toBe(200);
    for (let i = 0; i < 200; i++) {
      const job = await app.request('GET', `/jobs/${started.body.jobId}`, { token: a.accessToken });
      if (job.body.state === 'completed') break;
      if (job.body.state === 'failed') throw new Error(JSON.stringify(job.body));
      await new Promise((r) => setTimeout(r, 100));
    }
    const importActor = { kind: 'import', id: preview.body.id, label: 'agence.csv' };

    const found = await app.request('GET', `/leads?q=${encodeURIComponent(fresh)}`, { token: a.accessToken });
    const [created] = (await timeline(a, found.body.items[0].id)).filter((i) => i.kind === 'created');
    expect(created!.details.by).toEqual(importActor);

    const changes = (await timeline(a, existing.id)).filter((i) => i.kind === 'change');
    expect(changes.map((c) => c.details)).toEqual([
      { by: importActor, changes: { company: ['Agence Horizon', 'Lyon'] } },
      { by: { kind: 'member', id: a.user.id, label: a.user.name }, changes: { company: [null, 'Agence Horizon'] } },
    ]);
  });

  it('records each field change from → to with its author, and consent changes with their source', async () => {
    const lead = await create({ email: email('changes'), firstName: 'Hélène' });
    const patch = (body: object) => app.request('PATCH', `/leads/${lead.id}`, { token: a.accessToken, body });
    expect((await patch({ lastName: 'Lefèvre', tags: ['salon'] })).status).toBe(200);
    expect((await patch({ consent: { email: { status: 'granted', source: 'web-form' } } })).status).toBe(200);
    // Nothing changed: no entry.
    expect((await patch({ lastName: 'Lefèvre' })).status).toBe(200);

    // Enrichment (a job, 'system:enrich-leads') may fill the company from the email's domain meanwhile.
    const byMember = async () => (await timeline(a, lead.id)).filter((i) => i.kind === 'change' && i.details.by.kind === 'member');
    const changes = await byMember();
    expect(changes).toHaveLength(2);
    expect(changes[0]!.details.changes).toEqual({ emailConsent: [{ status: 'unknown', source: null }, { status: 'granted', source: 'web-form' }] });
    expect(changes[1]!.details).toEqual({ by: { kind: 'member', id: a.user.id, label: a.user.name }, changes: { lastName: [null, 'Lefèvre'], tags: [[], ['salon']] } });
    // Internal columns (search_text, updated_at, score) are not "fields".
    await db.query(`UPDATE crm.leads SET score = score + 5 WHERE id = $1`, [lead.id]);
    expect(await byMember()).toHaveLength(2);
    expect((await timeline(a, lead.id)).filter((i) => i.kind === 'change' && i.details.by.kind !== 'member').every((i) => i.details.by.kind === 'system')).toBe(true);
  });

  it('another workspace cannot read the history, and the runtime role cannot write, change or delete it', async () => {
    const lead = await create({ email: email('private') });
    await app.request('PATCH', `/leads/${lead.id}`, { token: a.accessToken, body: { company: 'Secret' } });
    expectProblem(await app.request('GET', `/leads/${lead.id}/timeline`, { token: b.accessToken }), 404, 'LEAD_NOT_FOUND');

    const runtime = await appClient();
    try {
      await runtime.query('BEGIN');
      await runtime.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.tenant.id]);
      // The member's change (enrichment, a job, may have recorded its own meanwhile).
      const rows = await runtime.query(`SELECT id FROM crm.lead_changes WHERE lead_id = $1 AND actor LIKE 'member:%'`, [lead.id]);
      expect(rows.rowCount).toBe(1);
      for (const sql of [
        `UPDATE crm.lead_changes SET changes = '{}' WHERE lead_id = $1`,
        `DELETE FROM crm.lead_changes WHERE lead_id = $1`,
        `INSERT INTO crm.lead_changes (tenant_id, lead_id, changes) VALUES ('${a.tenant.id}', $1, '{}')`,
      ]) {
        await runtime.query('SAVEPOINT s');
        await expect(runtime.query(sql, [lead.id])).rejects.toThrow(/permission denied/);
        await runtime.query('ROLLBACK TO SAVEPOINT s');
      }
      // Another tenant's scope sees none of it.
      await runtime.query(`SELECT set_config('app.tenant_id', $1, true)`, [b.tenant.id]);
      expect((await runtime.query(`SELECT id FROM crm.lead_changes WHERE lead_id = $1`, [lead.id])).rowCount).toBe(0);
      await runtime.query('ROLLBACK');
    } finally {
      await runtime.end();
    }
  });

  it('suggests likely twins first, with their reasons (folded name, email local part, phone, company)', async () => {
    const lead = await create({ email: `helene.lefevre.${process.pid}@agence.fr`, firstName: 'Hélène', lastName: 'Lefèvre-Lœuvre', company: 'Agence Horizon', phone: '06 12 00 00 01' });
    const twin = await create({ email: `helene.lefevre.${process.pid}@gmail.com`, firstName: 'helene', lastName: 'LEFEVRE-loeuvre', company: 'agence horizon' });
    const samePhone = await create({ email: email('other-person'), phone: '+33612000001' });
    await create({ email: email('unrelated'), company: 'Agence Horizon' });
    const res = await app.request('GET', `/leads/${lead.id}/duplicates`, { token: a.accessToken });
    expect(res.status).toBe(200);
    expect(res.body.items.map((d: { lead: { id: string }; reasons: string[] }) => [d.lead.id, d.reasons])).toEqual([
      [twin.id, ['emailLocalPart', 'name', 'company']],
      [samePhone.id, ['phone']],
    ]);
    expectProblem(await app.request('GET', `/leads/${lead.id}/duplicates`, { token: b.accessToken }), 404, 'LEAD_NOT_FOUND');
  });

  describe('merge with choices, then undo', () => {
    it('keeps the chosen values, the other email and phone as secondary ones, moves history; undo restores both exactly, once', async () => {
      const t = a.tenant.id;
      const winner = await create({ email: email('winner'), firstName: 'Hélène', lastName: 'Lefèvre', phone: '06 12 34 56 78', company: 'Horizon', tags: ['a'] });
      const loser = await create({ email: email('loser'), firstName: 'Helene', lastName: 'Lefevre', phone: '06 99 88 77 66', company: 'Agence Horizon', jobTitle: 'Directrice', tags: ['b'] });
      await app.request('PATCH', `/leads/${winner.id}`, { token: a.accessToken, body: { customFields: {} } });
      const ev = await insertEvent(db, t, loser.id, 'email.clicked', new Date(Date.now() - 60_000), { url: 'https://exemple.fr' });
      const note = await insertNote(db, t, loser.id, 'Rappeler lundi');
      const score = await insertScore(db, t, loser.id, 12, 12);
      const inbox = await insertInbox(db, t, loser.id);
      const before = { winner: await leadRow(db, winner.id), loser: await leadRow(db, loser.id) };

      const res = await app.request('POST', `/leads/${winner.id}/merge`, {
        token: a.accessToken,
        body: { otherId: loser.id, choices: { email: 'other', company: 'other', firstName: 'this' } },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: winner.id,
        mergeId: expect.any(String),
        email: loser.email,
        firstName: 'Hélène',
        company: 'Agence Horizon',
        jobTitle: 'Directrice',
        phone: '+33612345678',
        otherEmails: [winner.email],
        otherPhones: ['+33699887766'],
      });
      expect([...res.body.tags].sort()).toEqual(['a', 'b']);
      const mergeId = res.body.mergeId as string;
      const leadOf = async (table: string, id: string) => (await db.query(`SELECT lead_id FROM ${table} WHERE id = $1`, [id])).rows[0]?.lead_id;
      for (const [table, id] of [['analytics.events', ev], ['crm.lead_notes', note], ['crm.lead_scores', score], ['conversations.inbox_messages', inbox]] as const) {
        expect(await leadOf(table, id)).toBe(winner.id);
      }
      expect(await leadRow(db, loser.id)).toMatchObject({ merged_into_id: winner.id, email: null, deleted_at: expect.any(Date) });

      // The timeline tells the merge as one entry, with what it changed, not as field changes.
      const items = await timeline(a, winner.id);
      const merge = items.find((i) => i.kind === 'merge')!;
      expect(merge).toMatchObject({
        id: mergeId,
        details: {
          by: { kind: 'member', id: a.user.id },
          merged: [{ id: loser.id, name: 'Helene Lefevre' }],
          changes: { email: [winner.email, loser.email], company: ['Horizon', 'Agence Horizon'], jobTitle: [null, 'Directrice'] },
          moved: { event: 1, note: 1, score: 1, conversation: 1 },
          undoneAt: null,
        },
      });
      expect(items.filter((i) => i.kind === 'change' && i.at >= merge.at)).toEqual([]);

      // Another workspace cannot undo it.
      expectProblem(await app.request('POST', `/leads/merges/${mergeId}/undo`, { token: b.accessToken }), 404, 'MERGE_NOT_FOUND');

      const undo = await app.request('POST', `/leads/merges/${mergeId}/undo`, { token: a.accessToken });
      expect(undo.status).toBe(200);
      expect(undo.body.lead).toMatchObject({ id: winner.id, email: winner.email, company: 'Horizon', jobTitle: null, otherEmails: [], otherPhones: [] });
      expect(undo.body.restored).toEqual([expect.objectContaining({ id: loser.id, email: loser.email, deletedAt: null, mergedIntoId: null })]);
      const strip = (r: Record<string, unknown>) => ({ ...r, updated_at: undefined, search_text: undefined });
      expect(strip(await leadRow(db, winner.id))).toEqual(strip(before.winner));
      expect(strip(await leadRow(db, loser.id))).toEqual(strip(before.loser));
      for (const [table, id] of [['analytics.events', ev], ['crm.lead_notes', note], ['crm.lead_scores', score], ['conversations.inbox_messages', inbox]] as const) {
        expect(await leadOf(table, id)).toBe(loser.id);
      }
      const undone = (await timeline(a, winner.id)).find((i) => i.kind === 'merge')!;
      expect(undone.details).toMatchObject({ undoneAt: expect.any(String), undoneBy: { kind: 'member', id: a.user.id } });

      expectProblem(await app.request('POST', `/leads/merges/${mergeId}/undo`, { token: a.accessToken }), 409, 'MERGE_ALREADY_UNDONE');
      expectProblem(await app.request('POST', `/leads/merges/00000000-0000-4000-8000-000000000000/undo`, { token: a.accessToken }), 404, 'MERGE_NOT_FOUND');
      expectProblem(await app.request('POST', `/leads/merges/not-a-uuid/undo`, { token: a.accessToken }), 400);
    });

    it('refuses bad choices (400) and choices with several leads, changing nothing', async () => {
      const w = await create({ email: email('w') });
      const l1 = await create({ email: email('l1') });
      const l2 = await create({ email: email('l2') });
      const post = (body: object) => app.request('POST', `/leads/${w.id}/merge`, { token: a.accessToken, body });
      expectProblem(await post({ otherId: l1.id, choices: { score: 'other' } }), 400, 'LEAD_MERGE_INVALID');
      expectProblem(await post({ otherId: l1.id, choices: { city: 'both' } }), 400, 'LEAD_MERGE_INVALID');
      expectProblem(await post({ sourceIds: [l1.id, l2.id], choices: { city: 'other' } }), 400, 'LEAD_MERGE_INVALID');
      expectProblem(await post({ otherId: l1.id, sourceIds: [l2.id] }), 400, 'LEAD_MERGE_INVALID');
      expectProblem(await post({}), 400, 'LEAD_MERGE_INVALID');
      expect((await leadRow(db, l1.id)).deleted_at).toBeNull();
      expect((await db.query(`SELECT count(*)::int AS n FROM crm.lead_merges WHERE winner_id = $1`, [w.id])).rows[0].n).toBe(0);
    });
  });
});
