import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import en from '../../../messages/en.json';
import fr from '../../../messages/fr.json';
import { consentSourceText, type Translate } from './consent-source';

const words = (locale: 'fr' | 'en'): Translate => {
  const t = createTranslator({ locale, messages: locale === 'fr' ? fr : en, namespace: 'consent.sources' });
  return (key, values) => t(key as never, values as never);
};

describe('consent source in words', () => {
  it.each([
    ['web-app', "saisi dans l'application", 'entered in the app'],
    ['api', "envoyé par l'API", 'sent through the API'],
    ['import:export-agence.csv', 'import du fichier « export-agence.csv »', 'import of the file “export-agence.csv”'],
    ['import:', 'import de fichier', 'file import'],
    ['form:Contact agence', 'formulaire « Contact agence »', 'form “Contact agence”'],
    ['web-form', 'formulaire', 'form'],
    ['unsubscribe', 'lien de désinscription', 'unsubscribe link'],
    ['Unsubscribe-Link', 'lien de désinscription', 'unsubscribe link'],
    ['preference-center', 'page de préférences', 'preference page'],
    ['ocr', 'scan de carte ou de document', 'scanned card or document'],
    ['merge', "repris d'un doublon fusionné", 'kept from a merged duplicate'],
    ['salon-2026', '« salon-2026 »', '“salon-2026”'],
    [null, 'inconnue', 'unknown'],
    ['  ', 'inconnue', 'unknown'],
  ])('%j → %s / %s', (raw, french, english) => {
    expect(consentSourceText(raw, words('fr'))).toBe(french);
    expect(consentSourceText(raw, words('en'))).toBe(english);
  });

  it('keeps colons in a file name', () => {
    expect(consentSourceText('import:rdv 10:30.csv', words('en'))).toBe('import of the file “rdv 10:30.csv”');
  });
});
