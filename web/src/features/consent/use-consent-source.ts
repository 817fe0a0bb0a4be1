'use client';

import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { consentSourceText } from './consent-source';

/** Where a consent came from, in words ("import du fichier « contacts.csv »", "lien de désinscription"…). */
export function useConsentSource() {
  const t = useTranslations('consent.sources');
  return useCallback((raw: string | null | undefined) => consentSourceText(raw, (key, values) => t(key as never, values as never)), [t]);
}
