'use client';

import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { ImageIcon, Link2, Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { LoadMore } from '@/components/ui/pagination';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/toaster';
import { ApiError } from '@/lib/api/client';
import { endpoints } from '@/lib/api/endpoints';
import type { Media } from '@/lib/api/types';
import { useCanWriteLeads } from '@/features/auth/use-session';
import { useApiErrorText } from '@/features/shared/use-api-error-text';
import { MediaDropzone, UploadList } from './media-dropzone';
import { LinkMediaDialog, MediaLinkChips } from './media-links';
import { MediaThumb } from './media-thumb';
import { mediaSrc } from './media-urls';
import { useMediaUpload } from './use-media-upload';
import { MEDIA_DEPENDENT_QUERIES } from './media-owner';

export function MediaLibrary() {
  const t = useTranslations('catalogue.media');
  const canWrite = useCanWriteLeads();
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const { uploads, upload, dismiss } = useMediaUpload();
  const [linking, setLinking] = useState<Media | null>(null);
  const [deleting, setDeleting] = useState<Media | null>(null);
  const list = useInfiniteQuery({
    queryKey: ['media', 'list', {}],
    queryFn: ({ pageParam }) => endpoints.media.list({ limit: 48, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const remove = useMutation({
    mutationFn: (id: string) => endpoints.media.remove(id),
    onSuccess: () => {
      toast.success(t('deleted'));
      setDeleting(null);
      for (const queryKey of MEDIA_DEPENDENT_QUERIES) void queryClient.invalidateQueries({ queryKey });
    },
    onError: (err) => toast.error(errorText(err instanceof ApiError ? err.code : undefined, err.message)),
  });

  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      {canWrite && <MediaDropzone className="mb-6 py-8" onFiles={(files) => void upload(files)} fileLabel={t('fileLabel')} testId="media" />}
      {uploads.length > 0 && (
        <div className="mb-6">
          <UploadList uploads={uploads} onDismiss={dismiss} />
        </div>
      )}
      {list.isPending ? (
        <div className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5" role="status">
          <span className="sr-only">{t('loading')}</span>
          {Array.from({ length: 10 }, (_, i) => (
            <Skeleton key={i} className="aspect-square w-full rounded-lg" />
          ))}
        </div>
      ) : list.isError ? (
        <Card>
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        </Card>
      ) : items.length === 0 ? (
        <Card>
          <EmptyState icon={ImageIcon} title={t('empty.title')} description={t('empty.description')} />
        </Card>
      ) : (
        <>
          <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5" aria-label={t('gridLabel')}>
            {items.map((m) => {
              const name = m.originalName ?? t('untitled');
              return (
                <li key={m.id} data-testid="media-item" className="flex flex-col overflow-hidden rounded-lg border border-border bg-surface shadow-xs">
                  <a href={mediaSrc(m.url)} target="_blank" rel="noreferrer" className="block focus-ring" aria-label={t('open', { name })}>
                    <MediaThumb media={m} alt={name} />
                  </a>
                  <div className="flex flex-1 items-start gap-1 py-2 pl-3 pr-1.5">
                    <div className="flex min-w-0 flex-1 flex-col gap-1">
                      <p className="truncate text-xs font-medium text-fg" title={name}>
                        {name}
                      </p>
                      <p className="text-[11px] text-fg-muted">
                        {m.width && m.height ? `${m.width}×${m.height} · ` : ''}
                        {t('size', { kb: Math.max(1, Math.round(m.sizeBytes / 1024)) })}
                      </p>
                      <MediaLinkChips media={m} />
                    </div>
                    {canWrite && (
                      <div className="flex shrink-0 flex-col">
                        <Button variant="ghost" size="icon" className="size-7" aria-label={t('link', { name })} title={t('link', { name })} onClick={() => setLinking(m)}>
                          <Link2 aria-hidden />
                        </Button>
                        <Button variant="ghost" size="icon" className="size-7" aria-label={t('delete', { name })} title={t('delete', { name })} onClick={() => setDeleting(m)}>
                          <Trash2 aria-hidden />
                        </Button>
                      </div>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
          <Card className="mt-4 overflow-hidden">
            <LoadMore shown={items.length} hasMore={Boolean(list.hasNextPage)} loading={list.isFetchingNextPage} onLoadMore={() => void list.fetchNextPage()} />
          </Card>
        </>
      )}
      {linking && <LinkMediaDialog media={linking} name={linking.originalName ?? t('untitled')} onClose={() => setLinking(null)} />}
      <ConfirmDialog
        open={Boolean(deleting)}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={t('deleteTitle', { name: deleting?.originalName ?? t('untitled') })}
        description={t('deleteDescription')}
        confirmLabel={t('deleteConfirm')}
        onConfirm={() => {
          if (deleting) remove.mutate(deleting.id);
        }}
        pending={remove.isPending}
      />
    </>
  );
}
