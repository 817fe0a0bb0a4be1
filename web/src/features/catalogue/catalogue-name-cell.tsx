'use client';

import { ImageIcon } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { Media } from '@/lib/api/types';
import { type MediaOwner, OWNER_HREF } from './media-owner';
import { thumbnailOf } from './media-urls';

/** Shown 40 px wide in the tables. */
const COVER_PX = 40;

/**
 * The first column of a catalogue table: the main photo, the name linking to the detail page and a
 * line under it.
 */
export function CatalogueNameCell({ owner, cover, subtitle }: { owner: MediaOwner; cover: Media | null; subtitle: React.ReactNode }) {
  return (
    <div className="flex items-center gap-3">
      <Cover owner={owner} cover={cover} />
      <div className="min-w-0">
        <Link href={`${OWNER_HREF[owner.kind]}/${owner.id}`} className="rounded-sm font-medium text-fg hover:text-primary hover:underline focus-ring">
          {owner.name}
        </Link>
        {subtitle}
      </div>
    </div>
  );
}

/** The list answer's cover (newest linked image), its smallest fitting WebP thumbnail. */
function Cover({ owner, cover }: { owner: MediaOwner; cover: Media | null }) {
  const t = useTranslations('catalogue.gallery');
  const src = cover ? thumbnailOf(cover, COVER_PX) : null;
  return (
    <div
      className="flex size-10 shrink-0 items-center justify-center overflow-hidden rounded-md border border-border bg-surface-sunken"
      style={cover?.dominantColor ? { backgroundColor: cover.dominantColor } : undefined}
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
