'use client';

import { useTranslations } from 'next-intl';
import { Button } from './button';

/** Cursor pagination: the server says whether there is more; we never load everything. */
export function LoadMore({ hasMore, loading, onLoadMore, shown }: { hasMore: boolean; loading: boolean; onLoadMore: () => void; shown: number }) {
  const t = useTranslations('common');
  return (
    <div className="flex items-center justify-between border-t border-border px-5 py-3">
      <p className="text-xs text-fg-muted" aria-live="polite">
        {t('shown', { count: shown })}
      </p>
      {hasMore ? (
        <Button variant="secondary" size="sm" loading={loading} onClick={onLoadMore}>
          {t('loadMore')}
        </Button>
      ) : (
        <p className="text-xs text-fg-subtle">{t('endOfList')}</p>
      )}
    </div>
  );
}
