'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { Check, ImageIcon, Search, SearchX } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/toaster';
import { endpoints } from '@/lib/api/endpoints';
import { cn } from '@/lib/utils/cn';
import { useDebouncedValue } from '@/features/shared/use-debounced-value';
import { linkedId, type MediaOwner, ownerLink } from './media-owner';
import { MediaThumb } from './media-thumb';
import { useLinkMedia } from './use-link-media';

/** Six tiles across a 3xl dialog. */
const PICKER_SIZES = '120px';

/** Picks assets already in the media library and links them to a product or property. */
export function MediaPickerDialog({ owner, onClose }: { owner: MediaOwner; onClose: () => void }) {
  const t = useTranslations('catalogue.picker');
  const tm = useTranslations('catalogue.media');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const list = useInfiniteQuery({
    queryKey: ['media', 'list', { q }],
    queryFn: ({ pageParam }) => endpoints.media.list({ limit: 48, cursor: pageParam, q: q || undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const link = useLinkMedia();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const confirm = () =>
    link.mutate(
      { ids: [...selected], link: ownerLink(owner.kind, owner.id) },
      {
        onSuccess: () => {
          toast.success(t('linked', { count: selected.size, name: owner.name }));
          onClose();
        },
      },
    );

  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent className="max-w-3xl">
        <DialogHeader>
          <DialogTitle>{t('title')}</DialogTitle>
          <DialogDescription>{t('description', { name: owner.name, kind: owner.kind })}</DialogDescription>
        </DialogHeader>
        <div className="relative" role="search">
          <Search className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-fg-subtle" aria-hidden />
          <Input type="search" aria-label={t('search')} placeholder={t('searchPlaceholder')} className="pl-9" value={search} onChange={(e) => setSearch(e.target.value)} maxLength={100} />
        </div>
        {list.isPending ? (
          <div className="grid grid-cols-3 gap-3 sm:grid-cols-6" role="status">
            <span className="sr-only">{tm('loading')}</span>
            {Array.from({ length: 6 }, (_, i) => (
              <Skeleton key={i} className="aspect-square w-full rounded-lg" />
            ))}
          </div>
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : items.length === 0 && q ? (
          <EmptyState className="py-8" icon={SearchX} title={t('noMatch', { q })} description={t('noMatchHint')} />
        ) : items.length === 0 ? (
          <EmptyState className="py-8" icon={ImageIcon} title={tm('empty.title')} description={t('emptyHint')} />
        ) : (
          <div className="-mx-2 max-h-[55vh] overflow-y-auto px-2 py-1">
            <ul className="grid grid-cols-3 gap-3 sm:grid-cols-6" aria-label={tm('gridLabel')}>
              {items.map((m) => {
                const name = m.originalName ?? tm('untitled');
                const here = linkedId(m, owner.kind) === owner.id;
                const elsewhere = !here && linkedId(m, owner.kind) !== null;
                const on = selected.has(m.id);
                return (
                  <li key={m.id}>
                    <button
                      type="button"
                      data-testid="picker-item"
                      aria-pressed={on}
                      disabled={here}
                      onClick={() => toggle(m.id)}
                      className={cn(
                        'group relative block w-full cursor-pointer overflow-hidden rounded-lg border-2 text-left focus-ring disabled:cursor-default',
                        on ? 'border-primary bg-primary-soft/40' : 'border-transparent hover:border-border-strong',
                      )}
                    >
                      <MediaThumb media={m} alt="" sizes={PICKER_SIZES} className={cn('rounded-md', here && 'opacity-40')} />
                      {on && (
                        <span className="absolute right-1.5 top-1.5 flex size-5 items-center justify-center rounded-full bg-primary text-primary-fg shadow-xs">
                          <Check className="size-3.5" strokeWidth={3} aria-hidden />
                        </span>
                      )}
                      <span className="block truncate px-1.5 pt-1 text-xs font-medium text-fg" title={name}>
                        {name}
                      </span>
                      <span className="block truncate px-1.5 pb-1 text-[11px] text-fg-muted">
                        {here ? t('alreadyHere') : elsewhere ? t('elsewhere', { kind: owner.kind }) : t('free', { kind: owner.kind })}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
            {list.hasNextPage && (
              <div className="mt-3 flex justify-center">
                <Button variant="secondary" size="sm" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                  {t('more')}
                </Button>
              </div>
            )}
          </div>
        )}
        <DialogFooter className="sm:items-center">
          <p className="mr-auto text-xs text-fg-muted" aria-live="polite">
            {t('selected', { count: selected.size })}
          </p>
          <Button variant="secondary" onClick={onClose}>
            {t('cancel')}
          </Button>
          <Button disabled={selected.size === 0} loading={link.isPending} onClick={confirm}>
            {t('confirm', { count: selected.size })}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
