'use client';

import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { PASSWORD_MIN } from '@/features/auth/schemas';

/**
 * Turns a form error into text: zod messages are keys like `validation.required`;
 * server-set errors (from the API's problem details) are already readable text.
 */
export function useValidationMessage() {
  const t = useTranslations('validation');
  return useCallback(
    (message: string | undefined): string | undefined => {
      if (!message) return undefined;
      const key = message.startsWith('validation.') ? message.slice('validation.'.length) : null;
      if (key && t.has(key as never)) return t(key as never, { min: PASSWORD_MIN } as never);
      return message;
    },
    [t],
  );
}
