'use client';

import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import type { EnergyRating, PropertyStatus, PropertyType } from '@/lib/api/types';

const STATUS_TONE: Record<PropertyStatus, 'neutral' | 'success' | 'warning' | 'info' | 'danger' | 'brand'> = {
  draft: 'neutral',
  available: 'success',
  under_offer: 'warning',
  sold: 'info',
  rented: 'info',
  withdrawn: 'danger',
};

export function PropertyStatusBadge({ status }: { status: PropertyStatus }) {
  const t = useTranslations('catalogue.properties.status');
  return <Badge tone={STATUS_TONE[status]}>{t(status)}</Badge>;
}

/** A listing's type in the reader's language. */
export function usePropertyTypeLabel(): (type: PropertyType) => string {
  const t = useTranslations('catalogue.properties.types');
  return (type) => t(type);
}

/** The DPE scale's own colours (dark text reads on all of them, AA). */
const RATING_COLOUR: Record<EnergyRating, string> = { A: '#319834', B: '#33cc31', C: '#cbfc34', D: '#fbfe06', E: '#fbcc05', F: '#fc9935', G: '#fc0205' };

/** An energy rating as the DPE label shows it: the letter on its colour. */
export function EnergyRatingBadge({ rating }: { rating: EnergyRating | null }) {
  const t = useTranslations('catalogue.properties');
  if (!rating) return <span className="text-fg-subtle">—</span>;
  return (
    <span
      className="inline-flex h-6 min-w-7 items-center justify-center rounded px-1.5 text-xs font-bold text-black"
      style={{ backgroundColor: RATING_COLOUR[rating] }}
      title={t('energyRating', { rating })}
      aria-label={t('energyRating', { rating })}
      role="img"
    >
      {rating}
    </span>
  );
}
