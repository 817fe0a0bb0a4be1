'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useTransition } from 'react';
import { LOCALE_COOKIE, type Locale } from '@/i18n/config';

/** Stores the language in the NEXT_LOCALE cookie and re-renders the page in it. */
export function useSetLocale() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const setLocale = useCallback(
    (locale: Locale) => {
      document.cookie = `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`;
      startTransition(() => router.refresh());
    },
    [router],
  );
  return { setLocale, pending };
}
