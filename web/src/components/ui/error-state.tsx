'use client';

import { AlertTriangle, RotateCw } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { ApiError } from '@/lib/api/client';
import { Button } from './button';

/** What went wrong, what to do about it, and a retry button. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useTranslations('errors');
  const status = error instanceof ApiError ? error.status : 0;
  const requestId = error instanceof ApiError ? error.problem.requestId : undefined;
  const message =
    status === 403 ? t('forbidden') : status === 0 ? t('network') : status >= 500 ? t('server') : t('generic');
  return (
    <div role="alert" className="flex flex-col items-center justify-center px-6 py-12 text-center">
      <div className="mb-4 flex size-12 items-center justify-center rounded-full bg-danger-soft text-danger">
        <AlertTriangle className="size-6" aria-hidden />
      </div>
      <h2 className="text-base font-semibold text-fg">{t('title')}</h2>
      <p className="mt-1.5 max-w-md text-sm text-fg-muted">{message}</p>
      {requestId && <p className="mt-2 font-mono text-xs text-fg-subtle">{t('requestId', { id: requestId })}</p>}
      {onRetry && (
        <Button variant="secondary" className="mt-5" onClick={onRetry}>
          <RotateCw aria-hidden />
          {t('retry')}
        </Button>
      )}
    </div>
  );
}
