'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Building2, Check, Package, Search, Unlink } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { toast } from '@/components/ui/toaster';
import type { Media } from '@/lib/api/types';
import { cn } from '@/lib/utils/cn';
import { useDebouncedValue } from '@/features/shared/use-debounced-value';
import { isMissing, type OwnerOption, ownerSearchQuery, productQuery, propertyQuery } from './catalogue-queries';
import { linkedId, type MediaOwnerKind, OWNER_HREF, ownerLink } from './media-owner';
import { useLinkMedia } from './use-link-media';

const KINDS: readonly MediaOwnerKind[] = ['product', 'property'];
const ICON = { product: Package, property: Building2 } as const;

/** What an asset is linked to, each a link to its page (or "none"). */
export function MediaLinkChips({ media }: { media: Pick<Media, 'productId' | 'propertyId'> }) {
  const t = useTranslations('catalogue.links');
  const linked = KINDS.filter((k) => linkedId(media, k));
  if (linked.length === 0) return <p className="text-[11px] text-fg-subtle">{t('none')}</p>;
  return (
    <ul className="flex flex-col gap-1" aria-label={t('label')}>
      {linked.map((k) => (
        <li key={k} className="min-w-0">
          <OwnerChip kind={k} id={linkedId(media, k)!} />
        </li>
      ))}
    </ul>
  );
}

function useOwnerName(kind: MediaOwnerKind, id: string) {
  const product = useQuery({ ...productQuery(id), enabled: kind === 'product' });
  const property = useQuery({ ...propertyQuery(id), enabled: kind === 'property' });
  const q = kind === 'product' ? product : property;
  const name = kind === 'product' ? product.data?.name : property.data?.title;
  return { name, missing: q.isError && isMissing(q.error) };
}

function OwnerChip({ kind, id, className }: { kind: MediaOwnerKind; id: string; className?: string }) {
  const t = useTranslations('catalogue.links');
  const { name, missing } = useOwnerName(kind, id);
  const Icon = ICON[kind];
  const chip = cn('inline-flex max-w-full items-center gap-1 rounded-full bg-surface-sunken px-2 py-0.5 text-[11px] font-medium', className);
  if (missing)
    return (
      <span className={cn(chip, 'text-fg-subtle')}>
        <Icon className="size-[1.1em] shrink-0" aria-hidden />
        {t('deleted', { kind })}
      </span>
    );
  return (
    <Link href={`${OWNER_HREF[kind]}/${id}`} className={cn(chip, 'text-fg-muted hover:text-primary focus-ring')} title={name}>
      <Icon className="size-[1.1em] shrink-0" aria-label={t(`kind.${kind}`)} role="img" />
      <span className="truncate">{name ?? t('loadingName')}</span>
    </Link>
  );
}

/** Links an asset to a product and/or a property, or unlinks it, from the media library. */
export function LinkMediaDialog({ media, name, onClose }: { media: Media; name: string; onClose: () => void }) {
  const t = useTranslations('catalogue.links');
  const [current, setCurrent] = useState(media);
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent className="max-w-3xl">
        <DialogHeader>
          <DialogTitle className="truncate">{t('title', { name })}</DialogTitle>
          <DialogDescription>{t('description')}</DialogDescription>
        </DialogHeader>
        <div className="grid gap-6 sm:grid-cols-2">
          {KINDS.map((k) => (
            <LinkTarget key={k} kind={k} media={current} mediaName={name} onChange={setCurrent} />
          ))}
        </div>
        <DialogFooter>
          <Button onClick={onClose}>{t('done')}</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

function LinkTarget({ kind, media, mediaName, onChange }: { kind: MediaOwnerKind; media: Media; mediaName: string; onChange: (m: Media) => void }) {
  const t = useTranslations('catalogue.links');
  const headingId = useId();
  const [q, setQ] = useState('');
  const search = useDebouncedValue(q.trim(), 300);
  const options = useQuery({ ...ownerSearchQuery(kind, search), placeholderData: keepPreviousData });
  const link = useLinkMedia();
  const current = linkedId(media, kind);
  const set = (target: OwnerOption | null) =>
    link.mutate(
      { ids: [media.id], link: ownerLink(kind, target?.id ?? null) },
      {
        onSuccess: ([updated]) => {
          onChange(updated!);
          toast.success(target ? t('linked', { name: mediaName, target: target.name }) : t('unlinked', { name: mediaName }));
        },
      },
    );
  return (
    <section aria-labelledby={headingId} className="flex min-w-0 flex-col gap-2.5">
      <h3 id={headingId} className="text-sm font-semibold text-fg">
        {t(`kind.${kind}`)}
      </h3>
      <div className="flex min-h-11 items-center justify-between gap-2 rounded-md border border-border bg-surface-muted px-3 py-1.5" data-testid={`current-${kind}`}>
        {current ? (
          <>
            <div className="min-w-0">
              <OwnerChip kind={kind} id={current} className="bg-transparent px-0 text-sm text-fg" />
            </div>
            <Button variant="secondary" size="sm" disabled={link.isPending} onClick={() => set(null)}>
              <Unlink aria-hidden />
              {t('unlink')}
            </Button>
          </>
        ) : (
          <p className="text-xs text-fg-muted">{t('noneOfKind', { kind })}</p>
        )}
      </div>
      <div className="relative">
        <Search className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-fg-subtle" aria-hidden />
        <Input type="search" className="pl-9" aria-label={t('search', { kind })} placeholder={t(`searchPlaceholder.${kind}`)} value={q} maxLength={100} onChange={(e) => setQ(e.target.value)} />
      </div>
      {!options.data ? null : options.data.length === 0 ? (
        <p className="px-1 text-xs text-fg-muted">{t('noResults')}</p>
      ) : (
        <ul className="flex flex-col divide-y divide-border rounded-md border border-border" aria-label={t('results', { kind })}>
          {options.data.map((o) => (
            <li key={o.id} className="flex items-center gap-2 px-3 py-1.5">
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm text-fg" title={o.name}>
                  {o.name}
                </p>
                <p className="truncate font-mono text-[11px] text-fg-muted">{o.detail}</p>
              </div>
              <Button
                variant={o.id === current ? 'ghost' : 'secondary'}
                size="sm"
                disabled={o.id === current || link.isPending}
                aria-label={o.id === current ? t('isLinked', { name: o.name }) : t('linkTo', { name: o.name })}
                onClick={() => set(o)}
              >
                {o.id === current ? (
                  <>
                    <Check aria-hidden />
                    {t('linkedShort')}
                  </>
                ) : (
                  t('link')
                )}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
