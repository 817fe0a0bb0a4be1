'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { GripVertical, ImageIcon, Library, Star, Unlink } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/toaster';
import { ApiError } from '@/lib/api/client';
import { endpoints } from '@/lib/api/endpoints';
import type { Gallery, Media } from '@/lib/api/types';
import { cn } from '@/lib/utils/cn';
import { useCanWriteLeads } from '@/features/auth/use-session';
import { useApiErrorText } from '@/features/shared/use-api-error-text';
import { mainPhotoId, moveItem, withFirst } from './gallery-order';
import { MediaDropzone, UploadList } from './media-dropzone';
import { MEDIA_DEPENDENT_QUERIES, type MediaOwner, ownerLink } from './media-owner';
import { MediaPickerDialog } from './media-picker-dialog';
import { MediaThumb } from './media-thumb';
import { mediaSrc } from './media-urls';
import { useLinkMedia } from './use-link-media';
import { useMediaUpload } from './use-media-upload';

/** Three or four tiles across the two-thirds column (about 170 px each), two on a phone. */
const GALLERY_SIZES = '(min-width: 1024px) 180px, (min-width: 640px) 33vw, 50vw';

/**
 * The photos and documents of one product or property, in the order people chose: upload straight
 * into it, link assets already in the library, unlink (with undo), drag tiles (or move them with
 * the arrow keys on their handle) to reorder, pick the main photo — the first image, shown in tables.
 */
export function MediaGallery({ owner }: { owner: MediaOwner }) {
  const t = useTranslations('catalogue.gallery');
  const tm = useTranslations('catalogue.media');
  const canWrite = useCanWriteLeads();
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const [picking, setPicking] = useState(false);
  const [dragged, setDragged] = useState<number | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const queryKey = ['media', 'gallery', owner.kind, owner.id];
  const gallery = useQuery({ queryKey, queryFn: () => endpoints.media.gallery(owner.kind, owner.id) });
  const { uploads, upload, dismiss } = useMediaUpload(ownerLink(owner.kind, owner.id));
  const link = useLinkMedia();
  const items = gallery.data?.items ?? [];
  const coverId = mainPhotoId(items);
  const nameOf = (m: Media) => m.originalName ?? tm('untitled');

  const reorder = useMutation({
    mutationFn: (ids: string[]) => endpoints.media.reorder(owner.kind, owner.id, ids),
    // The tiles move at once; the server's order replaces them, or the old one comes back on error.
    onMutate: async (ids) => {
      await queryClient.cancelQueries({ queryKey });
      const before = queryClient.getQueryData<Gallery>(queryKey);
      if (before) queryClient.setQueryData<Gallery>(queryKey, { items: ids.map((id) => before.items.find((m) => m.id === id)!).filter(Boolean) });
      return { before };
    },
    onError: (err, _ids, context) => {
      if (context?.before) queryClient.setQueryData(queryKey, context.before);
      toast.error(errorText(err instanceof ApiError ? err.code : undefined, err.message));
    },
    onSuccess: (fresh) => queryClient.setQueryData(queryKey, fresh),
    onSettled: () => Promise.all(MEDIA_DEPENDENT_QUERIES.filter(([root]) => root !== 'media').map((k) => queryClient.invalidateQueries({ queryKey: k }))),
  });

  const ids = items.map((m) => m.id);
  const move = (from: number, to: number) => {
    if (from === to || to < 0 || to >= items.length) return;
    reorder.mutate(moveItem(ids, from, to));
    setAnnouncement(t('moved', { name: nameOf(items[from]!), position: to + 1, total: items.length }));
  };
  const makeMain = (m: Media) => {
    reorder.mutate(withFirst(ids, m.id), { onSuccess: () => toast.success(t('madeMain', { name: nameOf(m) })) });
  };

  const unlink = (m: Media) => {
    const name = nameOf(m);
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
        <p className="sr-only" aria-live="polite">
          {announcement}
        </p>
        {gallery.isPending ? (
          <div className="grid grid-cols-2 gap-3 @md:grid-cols-3 @2xl:grid-cols-4" role="status">
            <span className="sr-only">{t('loading')}</span>
            {Array.from({ length: 4 }, (_, i) => (
              <Skeleton key={i} className="aspect-square w-full rounded-lg" />
            ))}
          </div>
        ) : gallery.isError ? (
          <ErrorState error={gallery.error} onRetry={() => void gallery.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState className="py-8" icon={ImageIcon} title={t('empty.title')} description={t(canWrite ? 'empty.description' : 'empty.readOnly', { kind: owner.kind })} />
        ) : (
          <>
            {canWrite && items.length > 1 && <p className="text-xs text-fg-muted">{t('reorderHint')}</p>}
            <ol className="grid grid-cols-2 gap-3 @md:grid-cols-3 @2xl:grid-cols-4" aria-label={t('gridLabel', { name: owner.name })}>
              {items.map((m, i) => {
                const name = nameOf(m);
                return (
                  <li
                    key={m.id}
                    data-testid="gallery-item"
                    draggable={canWrite}
                    onDragStart={(e) => {
                      e.dataTransfer.effectAllowed = 'move';
                      e.dataTransfer.setData('text/plain', m.id);
                      setDragged(i);
                    }}
                    onDragOver={(e) => {
                      if (dragged === null) return;
                      e.preventDefault();
                      setOver(i);
                    }}
                    onDragLeave={() => setOver((o) => (o === i ? null : o))}
                    onDrop={(e) => {
                      e.preventDefault();
                      if (dragged !== null) move(dragged, i);
                      setDragged(null);
                      setOver(null);
                    }}
                    onDragEnd={() => {
                      setDragged(null);
                      setOver(null);
                    }}
                    className={cn(
                      'relative overflow-hidden rounded-lg border border-border bg-surface shadow-xs transition-shadow',
                      dragged === i && 'opacity-50',
                      over === i && dragged !== i && 'ring-2 ring-primary',
                    )}
                  >
                    <a href={mediaSrc(m.url)} target="_blank" rel="noreferrer" draggable={false} className="block focus-ring" aria-label={tm('open', { name })}>
                      <MediaThumb media={m} alt={name} sizes={GALLERY_SIZES} />
                    </a>
                    {m.id === coverId && (
                      <Badge tone="brand" className="absolute left-2 top-2 shadow-xs">
                        {t('cover')}
                      </Badge>
                    )}
                    <div className="flex items-center gap-0.5 py-1.5 pl-1 pr-1.5">
                      {canWrite && items.length > 1 && (
                        <button
                          type="button"
                          className="flex size-7 shrink-0 cursor-grab items-center justify-center rounded text-fg-subtle hover:text-fg focus-ring"
                          aria-label={t('moveHandle', { name, position: i + 1, total: items.length })}
                          onKeyDown={(e) => {
                            const to = e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? i - 1 : e.key === 'ArrowRight' || e.key === 'ArrowDown' ? i + 1 : e.key === 'Home' ? 0 : e.key === 'End' ? items.length - 1 : null;
                            if (to === null) return;
                            e.preventDefault();
                            move(i, to);
                          }}
                        >
                          <GripVertical className="size-4" aria-hidden />
                        </button>
                      )}
                      <p className="min-w-0 flex-1 truncate pl-1 text-xs font-medium text-fg" title={name}>
                        {name}
                      </p>
                      {canWrite && m.kind === 'image' && m.id !== coverId && (
                        <Button variant="ghost" size="icon" className="size-7 shrink-0" aria-label={t('makeMain', { name })} title={t('makeMain', { name })} onClick={() => makeMain(m)} disabled={reorder.isPending}>
                          <Star aria-hidden />
                        </Button>
                      )}
                      {canWrite && (
                        <Button variant="ghost" size="icon" className="size-7 shrink-0" aria-label={t('unlink', { name, kind: owner.kind })} title={t('unlink', { name, kind: owner.kind })} onClick={() => unlink(m)}>
                          <Unlink aria-hidden />
                        </Button>
                      )}
                    </div>
                  </li>
                );
              })}
            </ol>
          </>
        )}
      </CardContent>
      {picking && <MediaPickerDialog owner={owner} onClose={() => setPicking(false)} />}
    </Card>
  );
}
