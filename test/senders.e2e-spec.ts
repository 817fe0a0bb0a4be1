import { createServer, type Server } from 'node:net';
import type pg from 'pg';
import { createTestApp, expectProblem, register, type Session, type TestApp } from './support/app.js';
import { ownerClient } from './support/db.js';
import { freePort } from './support/child-server.js';
import { decodedHeader, SmtpLab } from './support/smtp-lab.js';

describe('email senders', () => {
  let app: TestApp;
  let owner: pg.Client;
  let lab: SmtpLab;
  let a: Session;
  let b: Session;
  const smtp = () => ({ host: '127.0.0.1', port: lab.port, security: 'none', username: 'relay', password: 'S3cret-pass!' });

  beforeAll(async () => {
    lab = new SmtpLab({ user: 'relay', pass: 'S3cret-pass!' });
    await lab.start();
    app = await createTestApp();
    owner = await ownerClient();
    a = await register(app, 'Senders A', 'sna');
    b = await register(app, 'Senders B', 'snb');
  });
  afterAll(async () => {
    await owner.end();
    await app.close();
    await lab.stop();
  });

  const create = (s: Session, body: Record<string, unknown>) => app.request('POST', '/senders', { token: s.accessToken, body });

  it('stores the password sealed and never returns it; the first sender is the default', async () => {
    const res = await create(a, { name: 'Newsletter', fromName: 'Agence A', fromAddress: 'news@agence-a.fr', replyTo: 'contact@agence-a.fr', ratePerSecond: 20, ratePerHour: 10_000, ...smtp() });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Newsletter', host: '127.0.0.1', security: 'none', username: 'relay', passwordSet: true, isDefault: true, ratePerSecond: 20, ratePerHour: 10_000, dkim: null });
    expect(JSON.stringify(res.body)).not.toContain('S3cret-pass!');
    expect(res.body).not.toHaveProperty('password');
    for (const read of [await app.request('GET', `/senders/${res.body.id}`, { token: a.accessToken }), await app.request('GET', '/senders', { token: a.accessToken })]) {
      expect(JSON.stringify(read.body)).not.toContain('S3cret-pass!');
      expect(JSON.stringify(read.body)).not.toContain('password_sealed');
    }
    const row = (await owner.query('SELECT password_sealed FROM channels.senders WHERE id = $1', [res.body.id])).rows[0];
    expect(row.password_sealed).toMatch(/^v1\./);
    expect(row.password_sealed).not.toContain('S3cret');
    const audit = await owner.query(`SELECT action, metadata FROM governance.audit_logs WHERE tenant_id = $1 AND entity_id = $2`, [a.tenant.id, res.body.id]);
    expect(audit.rows).toEqual([{ action: 'sender.created', metadata: expect.objectContaining({ name: 'Newsletter' }) }]);
    expect(JSON.stringify(audit.rows)).not.toContain('S3cret');
  });

  it('generates a DKIM key and shows the DNS record to publish; the private key stays sealed', async () => {
    const res = await create(a, { name: 'Signed', fromAddress: 'hello@agence-a.fr', dkim: { domain: 'Agence-A.fr', selector: 'lynara' }, ...smtp() });
    expect(res.status).toBe(201);
    expect(res.body.isDefault).toBe(false);
    expect(res.body.dkim).toMatchObject({ domain: 'agence-a.fr', selector: 'lynara', dnsName: 'lynara._domainkey.agence-a.fr', dnsValue: expect.stringMatching(/^v=DKIM1; k=rsa; p=MII[A-Za-z0-9+/=]{300,}$/) });
    const row = (await owner.query('SELECT dkim_private_key_sealed FROM channels.senders WHERE id = $1', [res.body.id])).rows[0];
    expect(row.dkim_private_key_sealed).toMatch(/^v1\./);
    expect(JSON.stringify(res.body)).not.toContain('PRIVATE KEY');

    const first = res.body.dkim.dnsValue;
    const rotated = await app.request('PATCH', `/senders/${res.body.id}`, { token: a.accessToken, body: { rotateDkimKey: true } });
    expect(rotated.status).toBe(200);
    expect(rotated.body.dkim.dnsValue).not.toBe(first);
    const off = await app.request('PATCH', `/senders/${res.body.id}`, { token: a.accessToken, body: { dkim: null, isDefault: true } });
    expect(off.body).toMatchObject({ dkim: null, isDefault: true });
    const list = (await app.request('GET', '/senders', { token: a.accessToken })).body.items;
    expect(list.filter((s: { isDefault: boolean }) => s.isDefault).map((s: { name: string }) => s.name)).toEqual(['Signed']);
  });

  it('refuses bad input with a problem naming the field, and a second sender of the same name', async () => {
    for (const body of [
      { name: 'X', fromAddress: 'not-an-email', ...smtp() },
      { name: 'X', fromAddress: 'x@a.fr', ...smtp(), port: 70000 },
      { name: 'X', fromAddress: 'x@a.fr', ...smtp(), security: 'ssl' },
      { name: 'X', fromAddress: 'x@a.fr', ...smtp(), host: 'bad host!' },
      { name: 'X', fromAddress: 'x@a.fr', ...smtp(), dkim: { domain: 'nodot', selector: 's' } },
      { name: 'X', fromAddress: 'x@a.fr', ...smtp(), ratePerSecond: 0 },
    ]) {
      expectProblem(await create(a, body), 400, 'VALIDATION_FAILED');
    }
    expectProblem(await create(a, { name: 'newsletter', fromAddress: 'x@a.fr', ...smtp() }), 409, 'SENDER_NAME_TAKEN');
    const patch = await app.request('PATCH', `/senders/${(await app.request('GET', '/senders', { token: a.accessToken })).body.items[0].id}`, { token: a.accessToken, body: { port: null } });
    expectProblem(patch, 400, 'VALIDATION_FAILED');
  });

  describe('test', () => {
    let senderId: string;
    beforeAll(async () => {
      senderId = (await create(a, { name: 'Test target', fromAddress: 'tests@agence-a.fr', ...smtp() })).body.id;
    });
    const test = (id: string, body: Record<string, unknown> = {}) => app.request('POST', `/senders/${id}/test`, { token: a.accessToken, body });

    it('sends a test email to the member asking', async () => {
      const res = await test(senderId);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ok: true, to: a.user.email, problem: null });
      const mail = lab.to(a.user.email).at(-1)!;
      expect(mail.from).toBe('tests@agence-a.fr');
      expect(decodedHeader(mail.headers.subject)).toBe('Lynara Campaign — test email / e-mail de test');
    });

    it('reports a refused password in words, with the server\'s reply', async () => {
      await app.request('PATCH', `/senders/${senderId}`, { token: a.accessToken, body: { password: 'wrong' } });
      const res = await test(senderId, { to: 'someone@exemple.fr' });
      expect(res.body).toMatchObject({ ok: false, problem: 'auth_refused', message: expect.stringContaining('password'), serverReply: expect.stringContaining('535') });
      await app.request('PATCH', `/senders/${senderId}`, { token: a.accessToken, body: { password: 'S3cret-pass!' } });
    });

    it('reports a refused recipient (550) and a temporary refusal (452)', async () => {
      lab.script('nobody@exemple.fr', [{ code: 550, text: '5.1.1 No such user' }]);
      expect((await test(senderId, { to: 'nobody@exemple.fr' })).body).toMatchObject({ ok: false, problem: 'recipient_refused', serverReply: '550 5.1.1 No such user' });
      lab.script('full@exemple.fr', [{ code: 452, text: '4.2.2 Mailbox full' }]);
      expect((await test(senderId, { to: 'full@exemple.fr' })).body).toMatchObject({ ok: false, problem: 'temporarily_refused', serverReply: '452 4.2.2 Mailbox full' });
    });

    it('reports a dropped connection, a closed port and a TLS mismatch', async () => {
      lab.script('drop@exemple.fr', ['drop']);
      expect((await test(senderId, { to: 'drop@exemple.fr' })).body).toMatchObject({ ok: false, problem: 'connection_lost' });

      const closed = await freePort();
      const refused = (await create(a, { name: 'Closed port', fromAddress: 'x@agence-a.fr', host: '127.0.0.1', port: closed, security: 'none' })).body.id;
      expect((await test(refused, { to: 'x@exemple.fr' })).body).toMatchObject({ ok: false, problem: 'connection_refused', serverReply: null });

      const tls = (await create(a, { name: 'TLS on plain', fromAddress: 'x@agence-a.fr', ...smtp(), security: 'tls' })).body.id;
      expect((await test(tls, { to: 'x@exemple.fr' })).body).toMatchObject({ ok: false, problem: 'tls_mismatch' });
      const starttls = (await create(a, { name: 'STARTTLS on plain', fromAddress: 'x@agence-a.fr', ...smtp(), security: 'starttls' })).body.id;
      expect((await test(starttls, { to: 'x@exemple.fr' })).body).toMatchObject({ ok: false, problem: 'tls_mismatch' });
    });

    it('reports a server that never greets as a timeout', async () => {
      const silent: Server = createServer(() => undefined);
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const port = (silent.address() as { port: number }).port;
      try {
        const id = (await create(a, { name: 'Silent', fromAddress: 'x@agence-a.fr', host: '127.0.0.1', port, security: 'none' })).body.id;
        expect((await test(id, { to: 'x@exemple.fr' })).body).toMatchObject({ ok: false, problem: 'timeout' });
      } finally {
        silent.close();
      }
    }, 30_000);
  });

  it('hides one workspace\'s senders from another: 404 on every route', async () => {
    const id = (await app.request('GET', '/senders', { token: a.accessToken })).body.items[0].id;
    expectProblem(await app.request('GET', `/senders/${id}`, { token: b.accessToken }), 404, 'SENDER_NOT_FOUND');
    expectProblem(await app.request('PATCH', `/senders/${id}`, { token: b.accessToken, body: { name: 'Stolen' } }), 404, 'SENDER_NOT_FOUND');
    expectProblem(await app.request('POST', `/senders/${id}/test`, { token: b.accessToken, body: { to: 'x@exemple.fr' } }), 404, 'SENDER_NOT_FOUND');
    expectProblem(await app.request('DELETE', `/senders/${id}`, { token: b.accessToken }), 404, 'SENDER_NOT_FOUND');
    expect((await app.request('GET', '/senders', { token: b.accessToken })).body.items).toEqual([]);
    expect((await app.request('GET', `/senders/${id}`, { token: a.accessToken })).status).toBe(200);
  });

  it('deletes a sender, audited', async () => {
    const id = (await create(a, { name: 'Temporary', fromAddress: 'x@agence-a.fr', ...smtp() })).body.id;
    expect((await app.request('DELETE', `/senders/${id}`, { token: a.accessToken })).status).toBe(204);
    expectProblem(await app.request('GET', `/senders/${id}`, { token: a.accessToken }), 404);
    const actions = (await owner.query(`SELECT action FROM governance.audit_logs WHERE entity_id = $1 ORDER BY occurred_at`, [id])).rows.map((r) => r.action);
    expect(actions).toEqual(['sender.created', 'sender.deleted']);
  });
});
