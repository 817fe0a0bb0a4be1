'use client';

import { useTranslations } from 'next-intl';
import { useCallback } from 'react';

/** Translates an API error code when we know it, otherwise shows the API's own words. */
export function useApiErrorText() {
  const t = useTranslations('apiErrors');
  return useCallback(
    (code: string | undefined, fallback: string) => {
      if (code && t.has(code as never)) return t(code as never);
      return fallback || t('UNKNOWN');
    },
    [t],
  );
}
