'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from '@/components/ui/toaster';
import { ApiError } from '@/lib/api/client';
import { useApiErrorText } from '@/features/shared/use-api-error-text';
import { fieldErrorMap } from './money';

/**
 * The save of a product or property dialog: on success a toast, fresh lists and detail, and the
 * dialog closes; the API's field errors are kept for the form (a toast only when none applies).
 */
export function useCatalogueSave(resource: 'products' | 'properties', editing: boolean, request: () => Promise<unknown>, onClose: () => void) {
  const t = useTranslations(resource === 'products' ? 'catalogue.products' : 'catalogue.properties');
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: request,
    onSuccess: () => {
      toast.success(editing ? t('updated') : t('created'));
      void queryClient.invalidateQueries({ queryKey: [resource] });
      onClose();
    },
    onError: (err) => {
      const map = err instanceof ApiError ? fieldErrorMap(err.problem.errors) : {};
      setErrors(map);
      if (!Object.keys(map).length) toast.error(errorText(err instanceof ApiError ? err.code : undefined, err.message));
    },
  });
  return { save, errors, setErrors };
}
