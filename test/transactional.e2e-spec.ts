import type pg from 'pg';
import { createTestApp, expectProblem, register, type Session, type TestApp } from './support/app.js';
import { createLead } from './support/crm.js';
import { ownerClient } from './support/db.js';
import { decodedBody, decodedHeader, SmtpLab } from './support/smtp-lab.js';
import { sleep, waitFor } from './support/wait.js';

const MJML = `<mjml><mj-body><mj-section><mj-column>
<mj-text>Bonjour {{lead.firstName}}{{^lead.firstName}}cher client{{/lead.firstName}}, votre commande {{data.order}}{{^data.order}}(sans numéro){{/data.order}} est prête.</mj-text>
<mj-button href="{{unsubscribe_url}}">Se désabonner</mj-button>
</mj-column></mj-section></mj-body></mjml>`;

describe('transactional email', () => {
  let app: TestApp;
  let owner: pg.Client;
  let lab: SmtpLab;
  let a: Session;
  let b: Session;
  let templateId: string;
  let senderId: string;
  let seq = 0;
  const key = () => `order-${process.pid}-${Date.now()}-${++seq}`;

  const send = (s: Session, body: Record<string, unknown>, idempotencyKey: string | null = key()) =>
    app.request('POST', '/messages/transactional', { token: s.accessToken, body, headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {} });
  const settled = (id: string, s: Session = a) =>
    waitFor(async () => {
      const m = (await app.request('GET', `/messages/${id}`, { token: s.accessToken })).body;
      return m.status !== 'queued' && m.status !== 'sending' && m;
    }, 25_000);
  const lead = async (email: string, extra: Record<string, unknown> = {}) => (await createLead(app, a, { email, ...extra })).id as string;

  beforeAll(async () => {
    lab = new SmtpLab();
    await lab.start();
    app = await createTestApp({}, 'all');
    owner = await ownerClient();
    a = await register(app, 'Transactional A', 'tra');
    b = await register(app, 'Transactional B', 'trb');
    senderId = (await app.request('POST', '/senders', { token: a.accessToken, body: { name: 'Lab', fromName: 'Boutique A', fromAddress: 'orders@boutique-a.fr', host: '127.0.0.1', port: lab.port, security: 'none', dkim: { domain: 'boutique-a.fr', selector: 'lynara' } } })).body.id;
    templateId = (await app.request('POST', '/templates', { token: a.accessToken, body: { name: 'Commande', subject: 'Commande {{data.order}} — {{workspace.name}}', mjml: MJML } })).body.id;
  });
  afterAll(async () => {
    await owner.end();
    await app.close();
    await lab.stop();
  });

  it('sends to a lead, personalised, DKIM-signed, with a deterministic Message-ID and one-click headers', async () => {
    const leadId = await lead('paul@gmail.com', { firstName: 'Paul' });
    const res = await send(a, { templateId, leadId, data: { order: 'A-1042' } });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ kind: 'transactional', status: 'queued', to: 'paul@gmail.com', leadId });
    const m = await settled(res.body.id);
    expect(m).toMatchObject({ status: 'sent', attempts: 1, subject: 'Commande A-1042 — Transactional A', senderId, providerMessageId: `<${res.body.id}@boutique-a.fr>` });
    const [mail] = lab.to('paul@gmail.com');
    expect(mail!.headers['message-id']).toBe(`<${res.body.id}@boutique-a.fr>`);
    expect(mail!.headers['dkim-signature']).toMatch(/d=boutique-a\.fr; .*s=lynara/);
    expect(decodedHeader(mail!.headers.subject)).toBe('Commande A-1042 — Transactional A');
    expect(decodedBody(mail!.raw)).toContain('Bonjour Paul, votre commande A-1042 est prête.');
    expect(mail!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
  });

  it('sends to an address without a lead: lead fields show their fallbacks', async () => {
    const res = await send(a, { templateId, to: 'Guest@Exemple.fr' });
    expect((await settled(res.body.id)).status).toBe('sent');
    expect(decodedBody(lab.to('guest@exemple.fr')[0]!.raw)).toContain('Bonjour cher client, votre commande (sans numéro) est prête.');
  });

  it('never sends twice for one Idempotency-Key; another body under it is a 422; no key is a 400', async () => {
    const leadId = await lead('once@gmail.com');
    const k = key();
    const first = await send(a, { templateId, leadId, data: { order: 'B-1' } }, k);
    const again = await send(a, { templateId, leadId, data: { order: 'B-1' } }, k);
    expect(again.status).toBe(202);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers['idempotency-replayed']).toBe('true');
    await settled(first.body.id);
    const third = await send(a, { templateId, leadId, data: { order: 'B-1' } }, k);
    expect(third.body).toMatchObject({ id: first.body.id, status: 'sent' });
    expectProblem(await send(a, { templateId, leadId, data: { order: 'B-2' } }, k), 422, 'IDEMPOTENCY_KEY_REUSED');
    await sleep(500);
    expect(lab.to('once@gmail.com')).toHaveLength(1);
    expectProblem(await send(a, { templateId, leadId }, null), 400, 'IDEMPOTENCY_KEY_REQUIRED');
    expectProblem(await send(a, { templateId, leadId, to: 'x@exemple.fr' }), 400, 'RECIPIENT_INVALID');
    expectProblem(await send(a, { templateId }), 400, 'RECIPIENT_INVALID');
    expectProblem(await send(a, { templateId: 'nope', leadId }), 400, 'VALIDATION_FAILED');
    // Concurrent requests under one key make one message.
    const k2 = key();
    const racing = await Promise.all([1, 2, 3].map(() => send(a, { templateId, to: 'race@exemple.fr' }, k2)));
    expect(new Set(racing.map((r) => r.body.id)).size).toBe(1);
    expect(racing.every((r) => r.status === 202)).toBe(true);
    await settled(racing[0]!.body.id);
    await sleep(300);
    expect(lab.to('race@exemple.fr')).toHaveLength(1);
  });

  it('one-click unsubscribe: GET only asks, POST suppresses, later sends end suppressed', async () => {
    const leadId = await lead('leave@gmail.com');
    const first = await settled((await send(a, { templateId, leadId })).body.id);
    expect(first.status).toBe('sent');
    const header = lab.to('leave@gmail.com')[0]!.headers['list-unsubscribe']!;
    const token = /\/u\/([A-Za-z0-9_-]{64})>$/.exec(header)![1]!;

    const page = await app.request('GET', `/u/${token}`, { headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<form method="post"');
    expect(page.body).toContain('Unsubscribe me');
    expect((await app.request('GET', `/u/${token}`)).body).toContain('Me désabonner');
    expect((await owner.query('SELECT count(*)::int AS n FROM channels.suppressions WHERE tenant_id = $1', [a.tenant.id])).rows[0].n).toBe(0);

    const post = await app.request('POST', `/u/${token}`, { rawBody: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(post.status).toBe(200);
    expect((await app.request('POST', `/u/${token}`, { rawBody: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(200);
    const rows = (await owner.query('SELECT channel, address, reason, source_message_id FROM channels.suppressions WHERE tenant_id = $1', [a.tenant.id])).rows;
    expect(rows).toEqual([{ channel: 'email', address: 'leave@gmail.com', reason: 'unsubscribe', source_message_id: first.id }]);

    const later = await settled((await send(a, { templateId, leadId })).body.id);
    expect(later).toMatchObject({ status: 'suppressed', statusReason: 'suppressed: unsubscribe' });
    expect(lab.to('leave@gmail.com')).toHaveLength(1);
  });

  it('refuses forged, tampered and cross-workspace unsubscribe tokens (404)', async () => {
    const sent = lab.to('paul@gmail.com')[0]!.headers['list-unsubscribe']!;
    const token = /\/u\/([A-Za-z0-9_-]{64})>$/.exec(sent)![1]!;
    const raw = Buffer.from(token, 'base64url');
    const otherTenant = Buffer.from(raw);
    Buffer.from(b.tenant.id.replace(/-/g, ''), 'hex').copy(otherTenant, 0);
    const flipped = Buffer.from(raw);
    flipped[40] ^= 1;
    for (const bad of [otherTenant.toString('base64url'), flipped.toString('base64url'), 'x'.repeat(64), 'short']) {
      expectProblem(await app.request('POST', `/u/${bad}`, { rawBody: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 404, 'UNSUBSCRIBE_TOKEN_INVALID');
      expect((await app.request('GET', `/u/${bad}`)).status).toBe(404);
    }
    expect((await owner.query(`SELECT count(*)::int AS n FROM channels.suppressions WHERE address = 'paul@gmail.com'`)).rows[0].n).toBe(0);
    expectProblem(await app.request('POST', `/u/${token}`, { body: { any: 1 } }), 415);
  });

  it('respects a lead\'s denied email consent: suppressed with the reason, nothing sent', async () => {
    const leadId = await lead('no@gmail.com', { consent: { email: { status: 'denied', source: 'form' } } });
    const m = await settled((await send(a, { templateId, leadId })).body.id);
    expect(m).toMatchObject({ status: 'suppressed', statusReason: expect.stringContaining('consent_denied') });
    expect(lab.to('no@gmail.com')).toHaveLength(0);
  });

  it('retries temporary refusals (421, 450, a dropped connection) with backoff, then sends once', async () => {
    lab.script('later@exemple.fr', [{ code: 421, text: '4.7.0 Try again later' }, { code: 450, text: '4.2.1 Mailbox busy' }, 'drop']);
    const res = await send(a, { templateId, to: 'later@exemple.fr' });
    const queued = await waitFor(async () => {
      const cur = (await app.request('GET', `/messages/${res.body.id}`, { token: a.accessToken })).body;
      return cur.status === 'queued' && cur.statusReason && cur;
    });
    // A 421 and a dropped connection close the connection, and nodemailer's pool may itself retry
    // the message on a new one: the refusal seen first can be the 421 or the 450 after it, and the
    // worker's attempts are at least two (one refusal surfaced, then the send).
    expect(queued.statusReason).toMatch(/^smtp_4(21|50) temporarily_refused: 4(21 4\.7\.0 Try again later|50 4\.2\.1 Mailbox busy)$/);
    const m = await settled(res.body.id);
    expect(m).toMatchObject({ status: 'sent', statusReason: null });
    expect(m.attempts).toBeGreaterThanOrEqual(2);
    expect(lab.to('later@exemple.fr')).toHaveLength(1);
  }, 40_000);

  it('fails a permanent refusal at once with the reason (550, 554), without touching other sends', async () => {
    lab.script('gone@exemple.fr', [{ code: 550, text: '5.1.1 No such user' }]);
    lab.script('spam@exemple.fr', [{ code: 554, text: '5.7.1 Rejected as spam' }]);
    const gone = await send(a, { templateId, to: 'gone@exemple.fr' });
    const spam = await send(a, { templateId, to: 'spam@exemple.fr' });
    const fine = await send(a, { templateId, to: 'fine@exemple.fr' });
    expect(await settled(gone.body.id)).toMatchObject({ status: 'failed', attempts: 1, statusReason: 'smtp_550 recipient_refused: 550 5.1.1 No such user' });
    expect(await settled(spam.body.id)).toMatchObject({ status: 'failed', attempts: 1, statusReason: 'smtp_554 recipient_refused: 554 5.7.1 Rejected as spam' });
    expect((await settled(fine.body.id)).status).toBe('sent');
  });

  it('keeps another workspace out: its messages, templates, leads and senders are not found', async () => {
    const mine = (await send(a, { templateId, to: 'mine@exemple.fr' })).body.id;
    expectProblem(await app.request('GET', `/messages/${mine}`, { token: b.accessToken }), 404, 'MESSAGE_NOT_FOUND');
    const leadId = await lead('private@gmail.com');
    expectProblem(await send(b, { templateId, to: 'x@exemple.fr' }), 404, 'TEMPLATE_NOT_FOUND');
    const theirs = (await app.request('POST', '/templates', { token: b.accessToken, body: { name: 'B', subject: 'B', mjml: MJML } })).body.id;
    expectProblem(await send(b, { templateId: theirs, leadId }), 404, 'LEAD_NOT_FOUND');
    expectProblem(await send(b, { templateId: theirs, to: 'x@exemple.fr', senderId }), 400, 'RECIPIENT_INVALID');
    // The same Idempotency-Key in two workspaces is two keys.
    const k = key();
    const inA = await send(a, { templateId, to: 'k@exemple.fr' }, k);
    const noSender = await send(b, { templateId: theirs, to: 'k@exemple.fr' }, k);
    expect(noSender.status).toBe(202);
    expect(noSender.body.id).not.toBe(inA.body.id);
    expect(await settled(noSender.body.id, b)).toMatchObject({ status: 'failed', statusReason: expect.stringContaining('no_sender') });
  });
});
