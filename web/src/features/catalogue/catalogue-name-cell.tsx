'use client';

import { useQuery } from '@tanstack/react-query';
import { ImageIcon } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { endpoints } from '@/lib/api/endpoints';
import { type MediaOwner, OWNER_HREF, ownerLink } from './media-owner';
import { thumbnailOf } from './media-urls';

/** Shown 40 px wide in the tables. */
const COVER_PX = 40;

/**
 * The first column of a catalogue table: the main photo, the name linking to the detail page and a
 * line under it.
 */
export function CatalogueNameCell({ owner, subtitle }: { owner: MediaOwner; subtitle: React.ReactNode }) {
  return (
    <div className="flex items-center gap-3">
      <Cover owner={owner} />
      <div className="min-w-0">
        <Link href={`${OWNER_HREF[owner.kind]}/${owner.id}`} className="rounded-sm font-medium text-fg hover:text-primary hover:underline focus-ring">
          {owner.name}
        </Link>
        {subtitle}
      </div>
    </div>
  );
}

/**
 * The newest image linked to the product/property. One small request per row: the list answers
 * carry no cover (see the report on the API), and its answer is cached for the signed URLs' life.
 */
function Cover({ owner }: { owner: MediaOwner }) {
  const t = useTranslations('catalogue.gallery');
  const cover = useQuery({
    queryKey: ['media', 'cover', owner.kind, owner.id],
    queryFn: () => endpoints.media.list({ ...ownerLink(owner.kind, owner.id), kind: 'image', limit: 1 }),
    staleTime: 5 * 60_000,
    select: (page) => page.items[0] ?? null,
  });
  const src = cover.data ? thumbnailOf(cover.data, COVER_PX) : null;
  return (
    <div
      className="flex size-10 shrink-0 items-center justify-center overflow-hidden rounded-md border border-border bg-surface-sunken"
      style={cover.data?.dominantColor ? { backgroundColor: cover.data.dominantColor } : undefined}
    >
      {src ? (
        // eslint-disable-next-line @next/next/no-img-element
        <img src={src} alt={t('coverAlt', { name: owner.name })} width={COVER_PX} height={COVER_PX} loading="lazy" data-testid="cover" className="size-full object-cover" />
      ) : (
        <ImageIcon className="size-4 text-fg-subtle" aria-hidden />
      )}
    </div>
  );
}
