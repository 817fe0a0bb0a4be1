import { describe, expect, it, vi } from 'vitest';
import { apiKeyStatus } from '@/features/api-keys/api-keys-settings';
import { toApiFilters } from '@/features/audit-log/audit-log-settings';
import { loginSchema, registerSchema, resetSchema } from '@/features/auth/schemas';
import { ApiError, unwrap } from '@/lib/api/client';
import { applyProblem } from './form-errors';
import { safeNext } from './safe-next';

describe('safeNext', () => {
  const ORIGIN = 'http://127.0.0.1:3100';

  it('keeps same-origin paths with their query and fragment', () => {
    expect(safeNext('/leads?x=1', ORIGIN)).toBe('/leads?x=1');
    expect(safeNext('/leads/42#timeline', ORIGIN)).toBe('/leads/42#timeline');
    expect(safeNext('/segments?q=a%2Fb&page=2', ORIGIN)).toBe('/segments?q=a%2Fb&page=2');
    expect(safeNext(`${ORIGIN}/leads?x=1`, ORIGIN)).toBe('/leads?x=1');
  });

  it.each([
    ['nothing', undefined],
    ['null', null],
    ['empty', ''],
    ['protocol-relative', '//evil.example'],
    ['backslash', '/\\evil.example'],
    ['two backslashes', '\\\\evil.example'],
    ['tab between slashes', '/\t/evil.example'],
    ['newline between slashes', '/\n/evil.example'],
    ['carriage return', '/\r/evil.example/path'],
    ['leading tab', '\t//evil.example'],
    ['leading space', ' //evil.example'],
    ['tab inside the scheme', 'java\tscript:alert(1)'],
    ['absolute URL', 'https://evil.example'],
    ['other scheme without slashes', 'https:evil.example'],
    ['other port', 'http://127.0.0.1:4000/leads'],
    ['userinfo', 'http://127.0.0.1:3100@evil.example/'],
    ['javascript', 'javascript:alert(1)'],
    ['JavaScript mixed case', 'JaVaScRiPt:alert(document.domain)'],
    ['data URL', 'data:text/html,<script>alert(1)</script>'],
    ['dot segment to a double slash', '/.//evil.example'],
    ['dot-dot segment to a double slash', '/a/..//evil.example'],
    ['encoded backslash after decoding', decodeURIComponent('%2F%5Cevil.example')],
    ['encoded tab after decoding', decodeURIComponent('%2F%09%2Fevil.example')],
    ['the API', '/api/auth/logout'],
    ['the API root', '/api'],
  ])('sends %s to the home page', (_, value) => {
    expect(safeNext(value, ORIGIN)).toBe('/');
  });

  it('leaves still-encoded characters encoded, so they stay inside the path', () => {
    expect(safeNext('%2F%2Fevil.example', ORIGIN)).toBe('/%2F%2Fevil.example');
    expect(safeNext('/%2F%2Fevil.example', ORIGIN)).toBe('/%2F%2Fevil.example');
    expect(safeNext('/%5Cevil.example', ORIGIN)).toBe('/%5Cevil.example');
  });
});

describe('form schemas follow the API rules', () => {
  it('register: email, password of at least 10 characters, name and company', () => {
    const ok = { email: 'claire@agence.fr', password: '0123456789', name: 'Claire', tenantName: 'Agence' };
    expect(registerSchema.safeParse(ok).success).toBe(true);
    const bad = registerSchema.safeParse({ email: 'nope', password: '123456789', name: ' ', tenantName: 'x'.repeat(101) });
    expect(bad.success).toBe(false);
    const messages = Object.fromEntries(bad.error!.issues.map((i) => [i.path[0], i.message]));
    expect(messages).toEqual({
      email: 'validation.email',
      password: 'validation.passwordMin',
      name: 'validation.required',
      tenantName: 'validation.tooLong',
    });
  });
  it('login only needs something in each field; reset needs matching passwords', () => {
    expect(loginSchema.safeParse({ email: 'a@b.fr', password: 'x' }).success).toBe(true);
    const mismatch = resetSchema.safeParse({ password: '0123456789', confirm: '0123456788' });
    expect(mismatch.error?.issues[0]).toMatchObject({ path: ['confirm'], message: 'validation.passwordMismatch' });
  });
});

describe('applyProblem', () => {
  const translate = (code: string | undefined, fallback: string) => (code === 'AUTH_EMAIL_TAKEN' ? 'Déjà pris' : fallback);

  it("puts the API's field errors next to their fields", () => {
    const setError = vi.fn();
    const err = new ApiError({
      status: 400,
      code: 'VALIDATION_FAILED',
      errors: [
        { field: 'email', code: 'isEmail', message: 'email must be an email' },
        { field: 'unknownField', code: 'x', message: 'ignored' },
      ],
    });
    expect(applyProblem(err, setError, ['email', 'password'], translate)).toBeNull();
    expect(setError).toHaveBeenCalledTimes(1);
    expect(setError).toHaveBeenCalledWith('email', { type: 'server', message: 'email must be an email' });
  });

  it('returns a form-level message for problems without field errors', () => {
    const err = new ApiError({ status: 409, code: 'AUTH_EMAIL_TAKEN', detail: 'taken' });
    expect(applyProblem(err, vi.fn(), ['email'], translate)).toBe('Déjà pris');
  });
});

describe('unwrap', () => {
  it('returns data for 2xx and throws ApiError with the problem otherwise', async () => {
    expect(await unwrap(Promise.resolve({ data: { a: 1 }, response: new Response(null, { status: 200 }) }))).toEqual({ a: 1 });
    const failing = unwrap(Promise.resolve({ error: { status: 403, code: 'FORBIDDEN', detail: 'no' }, response: new Response(null, { status: 403 }) }));
    await expect(failing).rejects.toMatchObject({ status: 403, code: 'FORBIDDEN' });
    const offline = unwrap(Promise.reject(new TypeError('fetch failed')));
    await expect(offline).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });
});

describe('API key status and audit filters', () => {
  it('derives the status from revokedAt and expiresAt', () => {
    const now = Date.parse('2026-06-01T00:00:00Z');
    expect(apiKeyStatus({ revokedAt: null, expiresAt: null }, now)).toBe('active');
    expect(apiKeyStatus({ revokedAt: '2026-01-01T00:00:00Z', expiresAt: null }, now)).toBe('revoked');
    expect(apiKeyStatus({ revokedAt: null, expiresAt: '2026-05-31T00:00:00Z' }, now)).toBe('expired');
  });
  it('turns the filter form into API query parameters covering whole days', () => {
    const f = toApiFilters({ actor: 'all', family: 'all', entityType: 'all', from: '2026-11-01', to: '2026-11-02' });
    expect(f).toEqual({ from: expect.any(String), to: expect.any(String) });
    expect(new Date(f.to!).getTime() - new Date(f.from!).getTime()).toBe(2 * 86_400_000 - 1);
  });
  it('turns the pickers into the actor, the actions of a family and the object type', () => {
    const userId = '0192f0c4-0000-7000-8000-000000000001';
    expect(toApiFilters({ actor: `user:${userId}`, family: 'delete', entityType: 'api_key', from: '', to: '' })).toEqual({
      actorType: 'user',
      actorId: userId,
      action: [expect.stringContaining('api_key.revoked')],
      entityType: 'api_key',
    });
    const deletions = toApiFilters({ actor: 'all', family: 'delete', entityType: 'all', from: '', to: '' }).action![0]!.split(',');
    expect(deletions).toEqual(expect.arrayContaining(['api_key.revoked', 'member.removed', 'lead.deleted', 'lead.bulk_delete', 'product.deleted']));
    expect(deletions).not.toContain('lead.created');
    expect(toApiFilters({ actor: 'system', family: 'all', entityType: 'all', from: '', to: '' })).toEqual({ actorType: 'system' });
    expect(toApiFilters({ actor: 'api_key:k1', family: 'all', entityType: 'all', from: '', to: '' })).toEqual({ actorType: 'api_key', actorId: 'k1' });
  });
});
