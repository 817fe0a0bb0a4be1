'use client';

import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { AlertTriangle, FileText, ImageIcon, Trash2, UploadCloud } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { LoadMore } from '@/components/ui/pagination';
import { ProgressBar } from '@/components/ui/progress';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/toaster';
import { ApiError } from '@/lib/api/client';
import { endpoints } from '@/lib/api/endpoints';
import type { Media } from '@/lib/api/types';
import { cn } from '@/lib/utils/cn';
import { useCanWriteLeads } from '@/features/auth/use-session';
import { uploadWithProgress } from '@/features/shared/upload';
import { useApiErrorText } from '@/features/shared/use-api-error-text';

/**
 * Signed media URLs are relative to the API (or absolute to its origin): the browser fetches them
 * through the same-origin BFF.
 */
export function mediaSrc(url: string): string {
  let path = url;
  if (/^https?:\/\//i.test(url)) {
    const u = new URL(url);
    path = `${u.pathname}${u.search}`;
  }
  if (path.startsWith('/api/')) return path;
  return `/api${path.startsWith('/') ? '' : '/'}${path}`;
}

/** The smallest thumbnail at least `width` wide, else the largest, else the original. */
export function thumbnailOf(m: Pick<Media, 'url' | 'variants' | 'kind'>, width = 320): string | null {
  if (m.kind !== 'image') return null;
  const v = m.variants.find((x) => x.width >= width) ?? m.variants[m.variants.length - 1];
  return mediaSrc(v?.url ?? m.url);
}

const ACCEPT = 'image/jpeg,image/png,image/webp,image/gif,application/pdf';

export function MediaLibrary() {
  const t = useTranslations('catalogue.media');
  const format = useFormatter();
  const canWrite = useCanWriteLeads();
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [uploads, setUploads] = useState<{ name: string; progress: number; error?: string }[]>([]);
  const [deleting, setDeleting] = useState<Media | null>(null);
  const list = useInfiniteQuery({
    queryKey: ['media'],
    queryFn: ({ pageParam }) => endpoints.media.list(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const remove = useMutation({
    mutationFn: (id: string) => endpoints.media.remove(id),
    onSuccess: () => {
      toast.success(t('deleted'));
      setDeleting(null);
      void queryClient.invalidateQueries({ queryKey: ['media'] });
    },
    onError: (err) => toast.error(errorText(err instanceof ApiError ? err.code : undefined, err.message)),
  });

  const uploadFiles = async (files: File[]) => {
    for (const file of files) {
      const index = uploads.length;
      setUploads((u) => [...u, { name: file.name, progress: 0 }]);
      const update = (patch: Partial<{ progress: number; error: string }>) =>
        setUploads((u) => u.map((x, i) => (i === index ? { ...x, ...patch } : x)));
      const form = new FormData();
      form.append('file', file, file.name);
      try {
        await uploadWithProgress<Media>('/api/media', form, { onProgress: (p) => update({ progress: p }) });
        setUploads((u) => u.filter((_, i) => i !== index));
        void queryClient.invalidateQueries({ queryKey: ['media'] });
      } catch (err) {
        update({ error: errorText(err instanceof ApiError ? err.code : undefined, err instanceof ApiError ? (err.problem.detail ?? '') : '') });
      }
    }
  };

  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      {canWrite && (
        <div
          data-testid="media-dropzone"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            void uploadFiles([...e.dataTransfer.files]);
          }}
          className={cn(
            'mb-6 flex flex-col items-center justify-center gap-2 rounded-xl border-2 border-dashed px-6 py-8 text-center transition-colors sm:flex-row sm:gap-4',
            dragging ? 'border-primary bg-primary-soft/50' : 'border-border-strong bg-surface',
          )}
        >
          <UploadCloud className="size-8 text-primary" aria-hidden />
          <div className="text-sm">
            <p className="font-medium text-fg">{t('drop')}</p>
            <p className="text-xs text-fg-muted">{t('dropHint')}</p>
          </div>
          <Button variant="secondary" onClick={() => inputRef.current?.click()}>
            {t('choose')}
          </Button>
          <input
            ref={inputRef}
            type="file"
            multiple
            accept={ACCEPT}
            className="sr-only"
            aria-label={t('fileLabel')}
            data-testid="media-file"
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              void uploadFiles(files);
            }}
          />
        </div>
      )}
      {uploads.length > 0 && (
        <ul className="mb-6 flex flex-col gap-2" aria-live="polite">
          {uploads.map((u, i) => (
            <li key={i} className="rounded-lg border border-border bg-surface px-4 py-3 text-sm">
              <div className="mb-2 flex justify-between">
                <span className="font-medium">{u.name}</span>
                {!u.error && <span className="text-fg-muted">{format.number(u.progress, { style: 'percent' })}</span>}
              </div>
              {u.error ? (
                <p role="alert" className="flex items-center gap-1.5 text-danger">
                  <AlertTriangle className="size-4" aria-hidden />
                  {u.error}
                </p>
              ) : (
                <ProgressBar value={Math.round(u.progress * 100)} label={t('uploading', { name: u.name })} />
              )}
            </li>
          ))}
        </ul>
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
              const thumb = thumbnailOf(m);
              const name = m.originalName ?? t('untitled');
              return (
                <li key={m.id} data-testid="media-item" className="group relative overflow-hidden rounded-lg border border-border bg-surface shadow-xs">
                  <a href={mediaSrc(m.url)} target="_blank" rel="noreferrer" className="block focus-ring" aria-label={t('open', { name })}>
                    <div className="flex aspect-square items-center justify-center bg-surface-sunken" style={m.dominantColor ? { backgroundColor: m.dominantColor } : undefined}>
                      {thumb ? (
                        // eslint-disable-next-line @next/next/no-img-element
                        <img src={thumb} alt={name} loading="lazy" className="size-full object-cover" />
                      ) : (
                        <FileText className="size-10 text-fg-muted" aria-hidden />
                      )}
                    </div>
                  </a>
                  <div className="flex items-center gap-2 px-3 py-2">
                    <div className="min-w-0 flex-1">
                      <p className="truncate text-xs font-medium text-fg" title={name}>
                        {name}
                      </p>
                      <p className="text-[11px] text-fg-muted">
                        {m.width && m.height ? `${m.width}×${m.height} · ` : ''}
                        {t('size', { kb: Math.max(1, Math.round(m.sizeBytes / 1024)) })}
                      </p>
                    </div>
                    {canWrite && (
                      <Button variant="ghost" size="icon" className="size-7" aria-label={t('delete', { name })} onClick={() => setDeleting(m)}>
                        <Trash2 aria-hidden />
                      </Button>
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
