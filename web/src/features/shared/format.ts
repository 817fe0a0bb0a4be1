'use client';

import { useFormatter } from 'next-intl';
import { useCallback } from 'react';

/** Dates in the user's language and the configured timezone. */
export function useDateFormat() {
  const format = useFormatter();
  const dateTime = useCallback(
    (value: string | null | undefined) => (value ? format.dateTime(new Date(value), { dateStyle: 'medium', timeStyle: 'short' }) : '—'),
    [format],
  );
  const date = useCallback((value: string | null | undefined) => (value ? format.dateTime(new Date(value), { dateStyle: 'medium' }) : '—'), [format]);
  return { dateTime, date };
}
