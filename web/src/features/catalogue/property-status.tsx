'use client';

import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import type { PropertyStatus } from '@/lib/api/types';

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

/** A property type in the reader's language when it is a common one; the stored slug otherwise (types are free-form). */
export function usePropertyTypeLabel(): (type: string) => string {
  const t = useTranslations('catalogue.properties.types');
  return (type) => {
    const key = type as Parameters<typeof t>[0];
    return t.has(key) ? t(key) : type;
  };
}
