import { describe, expect, it } from 'vitest';
import { senderBody, senderDefaults, senderSchema } from './sender-schema';

const valid = { ...senderDefaults(null), name: 'Newsletter', fromAddress: 'news@agence.fr', host: 'smtp.agence.fr' };

describe('sender form', () => {
  it('checks ports, hosts, rates and DKIM fields like the API', () => {
    expect(senderSchema.safeParse(valid).success).toBe(true);
    const issues = (v: object) => senderSchema.safeParse({ ...valid, ...v }).error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues({ port: '70000' })).toEqual([['port', 'validation.port']]);
    expect(issues({ host: 'bad host' })).toEqual([['host', 'validation.host']]);
    expect(issues({ ratePerSecond: '0' })).toEqual([['ratePerSecond', 'validation.rateLimit']]);
    expect(issues({ dkimEnabled: true, dkimDomain: 'nodot', dkimSelector: 'ok' })).toEqual([['dkimDomain', 'validation.domain']]);
  });

  it('keeps a stored password unless a new one is typed, and sends null to clear optional fields', () => {
    const editing = { id: 's', passwordSet: true, dkim: null } as never;
    expect(senderBody({ ...valid, password: '' }, editing)).not.toHaveProperty('password');
    expect(senderBody({ ...valid, password: 'new' }, editing)).toMatchObject({ password: 'new', replyTo: null, ratePerSecond: null });
    expect(senderBody({ ...valid, password: 'p', ratePerHour: '3600' }, null)).toMatchObject({ password: 'p', ratePerHour: 3600, port: 587 });
    expect(senderBody({ ...valid, dkimEnabled: true, dkimDomain: 'agence.fr', dkimSelector: 's1' }, null).dkim).toEqual({ domain: 'agence.fr', selector: 's1' });
  });
});
