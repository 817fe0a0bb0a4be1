import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import en from '../../../messages/en.json';
import fr from '../../../messages/fr.json';
import { EVENT_TYPE_PATTERN, eventTypeKey, foldText, isPlatformEventType, linkableUrl, PLATFORM_EVENT_TYPES } from './event-types';

describe('platform event types', () => {
  it("are the API's own list, in the same order", () => {
    const api = readFileSync(join(__dirname, '../../../../src/modules/crm/event-types.ts'), 'utf8');
    const list = api.slice(api.indexOf('PLATFORM_EVENT_TYPES = ['), api.indexOf('] as const'));
    expect([...list.matchAll(/'([a-z][a-z0-9_.-]*)'/g)].map((m) => m[1])).toEqual([...PLATFORM_EVENT_TYPES]);
  });

  it('each has a name in French and in English, and the brief\'s examples read as expected', () => {
    for (const [locale, messages] of [['fr', fr], ['en', en]] as const) {
      const t = createTranslator({ locale, messages, namespace: 'events.types' });
      for (const type of PLATFORM_EVENT_TYPES) {
        const name = t(eventTypeKey(type));
        expect(name, `${locale} ${type}`).not.toBe(`events.types.${eventTypeKey(type)}`);
        expect(name).not.toContain('.');
      }
    }
    expect(createTranslator({ locale: 'fr', messages: fr, namespace: 'events.types' })(eventTypeKey('email.opened'))).toBe('E-mail ouvert');
    expect(createTranslator({ locale: 'en', messages: en, namespace: 'events.types' })(eventTypeKey('email.opened'))).toBe('Email opened');
  });

  it('tells platform types from custom ones, and every platform type is a valid type', () => {
    expect(isPlatformEventType('form.submitted')).toBe(true);
    expect(isPlatformEventType('devis.demande')).toBe(false);
    expect(PLATFORM_EVENT_TYPES.every((type) => EVENT_TYPE_PATTERN.test(type))).toBe(true);
    expect(['Email.Opened', '1click', 'a b', '', 'x'.repeat(101)].some((type) => EVENT_TYPE_PATTERN.test(type))).toBe(false);
  });
});

describe('foldText', () => {
  it('ignores case and accents, so a name is found as people type it', () => {
    expect(foldText('E-mail Ouvert')).toBe('e-mail ouvert');
    expect(foldText('Désinscription')).toContain('desinscription');
    expect(foldText('Hélène ÉTÉ')).toBe('helene ete');
  });
});

describe('linkableUrl', () => {
  it('links web addresses only', () => {
    expect(linkableUrl('https://agence.fr/biens/42?utm=mail')).toBe('https://agence.fr/biens/42?utm=mail');
    expect(linkableUrl('http://exemple.fr')).toBe('http://exemple.fr/');
    for (const bad of ['javascript:alert(1)', 'data:text/html,<b>x</b>', '/relative/path', 'not a url', 42, null, `https://x.fr/${'a'.repeat(2000)}`]) {
      expect(linkableUrl(bad)).toBeNull();
    }
  });
});
