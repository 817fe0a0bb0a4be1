import { randomBytes } from 'node:crypto';
import { SecretBox, SecretBoxError } from './secret-box.js';

const key = () => randomBytes(32).toString('base64');

describe('SecretBox', () => {
  const k1 = key();
  const box = new SecretBox({ ENCRYPTION_KEY: k1, ENCRYPTION_KEYS_PREVIOUS: [] });

  it('opens what it sealed, and never shows the plaintext in the sealed form', () => {
    const sealed = box.seal('smtp-credentials', 'hunter2-pässword', 'tenant-a:sender-1');
    expect(sealed).toMatch(/^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('hunter2');
    expect(box.open('smtp-credentials', sealed, 'tenant-a:sender-1')).toBe('hunter2-pässword');
  });

  it('seals the same value differently each time (random IV)', () => {
    expect(box.seal('smtp-credentials', 'x', 'c')).not.toBe(box.seal('smtp-credentials', 'x', 'c'));
  });

  it('refuses another context (a value moved to another tenant or row), another purpose, or a tampered value', () => {
    const sealed = box.seal('provider-keys', 'sk-secret', 'tenant-a:provider-1');
    expect(() => box.open('provider-keys', sealed, 'tenant-b:provider-1')).toThrow(SecretBoxError);
    expect(() => box.open('smtp-credentials', sealed, 'tenant-a:provider-1')).toThrow(SecretBoxError);
    const raw = Buffer.from(sealed.split('.')[2]!, 'base64url');
    raw[raw.length - 1]! ^= 1;
    expect(() => box.open('provider-keys', `v1.${sealed.split('.')[1]}.${raw.toString('base64url')}`, 'tenant-a:provider-1')).toThrow(SecretBoxError);
    expect(() => box.open('provider-keys', 'plain text', 'tenant-a:provider-1')).toThrow(SecretBoxError);
    expect(() => box.seal('Not A Purpose', 'x', 'c')).toThrow(RangeError);
  });

  it('opens values sealed with a previous key after rotation, and says they need re-sealing', () => {
    const old = box.seal('webhook-secrets', 'whsec', 'ctx');
    const rotated = new SecretBox({ ENCRYPTION_KEY: key(), ENCRYPTION_KEYS_PREVIOUS: [k1] });
    expect(rotated.open('webhook-secrets', old, 'ctx')).toBe('whsec');
    expect(rotated.isCurrent(old)).toBe(false);
    expect(rotated.isCurrent(rotated.seal('webhook-secrets', 'whsec', 'ctx'))).toBe(true);
    const forgotten = new SecretBox({ ENCRYPTION_KEY: key(), ENCRYPTION_KEYS_PREVIOUS: [] });
    expect(() => forgotten.open('webhook-secrets', old, 'ctx')).toThrow(/key this installation does not have/);
  });
});
