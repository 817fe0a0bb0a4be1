'use client';

import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { eventTypeKey, isPlatformEventType } from './event-types';

/** A type's name in the user's language when the platform knows it; null for a custom type (show it as typed). */
export function useEventTypeName() {
  const t = useTranslations('events.types');
  return useCallback((type: string): string | null => (isPlatformEventType(type) ? t(eventTypeKey(type)) : null), [t]);
}
