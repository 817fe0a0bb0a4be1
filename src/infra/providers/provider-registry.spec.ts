import { ProviderRegistry, UnknownProviderError } from './provider-registry.js';

describe('ProviderRegistry', () => {
  const smtp = { name: 'smtp', send: () => 'smtp' };
  const ses = { name: 'ses', send: () => 'ses' };

  it('finds providers by name and selects the configured ones in order', () => {
    const registry = new ProviderRegistry('email', [smtp, ses]);
    expect(registry.get('ses')).toBe(ses);
    expect(registry.select(['ses', 'smtp'])).toEqual([ses, smtp]);
    expect(registry.names()).toEqual(['smtp', 'ses']);
  });

  it('refuses an unknown name, listing the known ones', () => {
    const registry = new ProviderRegistry('email', [smtp, ses]);
    expect(() => registry.select(['smtp', 'sendgird'])).toThrow(UnknownProviderError);
    expect(() => registry.get('sendgird')).toThrow('Unknown email provider "sendgird". Known: smtp, ses.');
  });

  it('refuses two providers with one name', () => {
    expect(() => new ProviderRegistry('email', [smtp, { ...ses, name: 'smtp' }])).toThrow('two email providers are called "smtp"');
  });
});
