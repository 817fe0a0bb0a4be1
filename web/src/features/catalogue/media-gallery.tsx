'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { ImageIcon, Library, Unlink } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { LoadMore } from '@/components/ui/pagination';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/toaster';
import { endpoints } from '@/lib/api/endpoints';
import type { Media } from '@/lib/api/types';
import { useCanWriteLeads } from '@/features/auth/use-session';
import { MediaDropzone, UploadList } from './media-dropzone';
import { type MediaOwner, ownerLink } from './media-owner';
import { MediaPickerDialog } from './media-picker-dialog';
import { MediaThumb } from './media-thumb';
import { mediaSrc } from './media-urls';
import { useLinkMedia } from './use-link-media';
import { useMediaUpload } from './use-media-upload';

/** Three or four tiles across the two-thirds column (about 170 px each), two on a phone. */
const GALLERY_SIZES = '(min-width: 1024px) 180px, (min-width: 640px) 33vw, 50vw';

/**
 * The photos and documents of one product or property: upload straight into it, link assets
 * already in the library, unlink (with undo). The newest image is the main photo shown in tables.
 */
export function MediaGallery({ owner }: { owner: MediaOwner }) {
  const t = useTranslations('catalogue.gallery');
  const tm = useTranslations('catalogue.media');
  const canWrite = useCanWriteLeads();
  const [picking, setPicking] = useState(false);
  const filter = ownerLink(owner.kind, owner.id);
  const list = useInfiniteQuery({
    queryKey: ['media', 'list', filter],
    queryFn: ({ pageParam }) => endpoints.media.list({ ...filter, limit: 24, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const { uploads, upload, dismiss } = useMediaUpload(filter);
  const link = useLinkMedia();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const coverId = items.find((m) => m.kind === 'image')?.id;

  const unlink = (m: Media) => {
    const name = m.originalName ?? tm('untitled');
    link.mutate(
      { ids: [m.id], link: ownerLink(owner.kind, null) },
      {
        onSuccess: () =>
          toast.success(t('unlinked', { name }), {
            action: { label: t('undo'), onClick: () => link.mutate({ ids: [m.id], link: ownerLink(owner.kind, owner.id) }) },
          }),
      },
    );
  };

  return (
    <Card>
      <CardHeader className="flex-row flex-wrap items-center justify-between gap-3">
        <div className="min-w-0 flex-1 basis-72">
          <CardTitle>{t('title')}</CardTitle>
          <CardDescription>{t('description', { kind: owner.kind })}</CardDescription>
        </div>
        {canWrite && (
          <Button variant="secondary" onClick={() => setPicking(true)}>
            <Library aria-hidden />
            {t('pick')}
          </Button>
        )}
      </CardHeader>
      <CardContent className="@container flex flex-col gap-4">
        {canWrite && <MediaDropzone onFiles={(files) => void upload(files)} fileLabel={t('fileLabel', { name: owner.name })} testId="gallery" />}
        <UploadList uploads={uploads} onDismiss={dismiss} />
        {list.isPending ? (
          <div className="grid grid-cols-2 gap-3 @md:grid-cols-3 @2xl:grid-cols-4" role="status">
            <span className="sr-only">{t('loading')}</span>
            {Array.from({ length: 4 }, (_, i) => (
              <Skeleton key={i} className="aspect-square w-full rounded-lg" />
            ))}
          </div>
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState className="py-8" icon={ImageIcon} title={t('empty.title')} description={t(canWrite ? 'empty.description' : 'empty.readOnly', { kind: owner.kind })} />
        ) : (
          <>
            <ul className="grid grid-cols-2 gap-3 @md:grid-cols-3 @2xl:grid-cols-4" aria-label={t('gridLabel', { name: owner.name })}>
              {items.map((m) => {
                const name = m.originalName ?? tm('untitled');
                return (
                  <li key={m.id} data-testid="gallery-item" className="relative overflow-hidden rounded-lg border border-border bg-surface shadow-xs">
                    <a href={mediaSrc(m.url)} target="_blank" rel="noreferrer" className="block focus-ring" aria-label={tm('open', { name })}>
                      <MediaThumb media={m} alt={name} sizes={GALLERY_SIZES} />
                    </a>
                    {m.id === coverId && (
                      <Badge tone="brand" className="absolute left-2 top-2 shadow-xs">
                        {t('cover')}
                      </Badge>
                    )}
                    <div className="flex items-center gap-1 py-1.5 pl-3 pr-1.5">
                      <p className="min-w-0 flex-1 truncate text-xs font-medium text-fg" title={name}>
                        {name}
                      </p>
                      {canWrite && (
                        <Button variant="ghost" size="icon" className="size-7 shrink-0" aria-label={t('unlink', { name, kind: owner.kind })} title={t('unlink', { name, kind: owner.kind })} onClick={() => unlink(m)}>
                          <Unlink aria-hidden />
                        </Button>
                      )}
                    </div>
                  </li>
                );
              })}
            </ul>
            {list.hasNextPage && (
              <div className="-mx-5 -mb-4">
                <LoadMore shown={items.length} hasMore loading={list.isFetchingNextPage} onLoadMore={() => void list.fetchNextPage()} />
              </div>
            )}
          </>
        )}
      </CardContent>
      {picking && <MediaPickerDialog owner={owner} onClose={() => setPicking(false)} />}
    </Card>
  );
}
