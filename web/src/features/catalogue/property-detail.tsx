'use client';

import { useQuery } from '@tanstack/react-query';
import { Pencil } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import type { Property } from '@/lib/api/types';
import { useCanWriteLeads } from '@/features/auth/use-session';
import { useDateFormat } from '@/features/shared/format';
import { CatalogueDetail, DetailColumns, DetailHeader, FactsCard } from './catalogue-detail';
import { propertyQuery } from './catalogue-queries';
import { MediaGallery } from './media-gallery';
import { PropertyDialog } from './property-dialog';
import { EnergyRatingBadge, PropertyStatusBadge, usePropertyTypeLabel } from './property-status';
import { formatPrice } from './money';

export function PropertyDetail({ id }: { id: string }) {
  return (
    <CatalogueDetail query={useQuery(propertyQuery(id))} listHref="/catalogue/properties" namespace="catalogue.properties">
      {(property) => <PropertyView property={property} />}
    </CatalogueDetail>
  );
}

function PropertyView({ property: p }: { property: Property }) {
  const t = useTranslations('catalogue.properties');
  const format = useFormatter();
  const typeLabel = usePropertyTypeLabel();
  const { dateTime } = useDateFormat();
  const canWrite = useCanWriteLeads();
  const [editing, setEditing] = useState(false);
  const price = formatPrice(format, p.priceMinor, p.currency, true);
  const surface = p.surfaceM2 !== null ? `${format.number(p.surfaceM2)} m²` : null;
  const place = [p.postalCode, p.city].filter(Boolean).join(' ');
  const address = [p.addressLine, place, p.country].filter(Boolean).join('\n') || null;
  return (
    <>
      <DetailHeader
        title={p.title}
        badges={<PropertyStatusBadge status={p.status} />}
        subtitle={
          <>
            <Badge mono>{p.reference}</Badge>
            <span>{t(`transaction.${p.transactionType}`)}</span>
            {place && <span>{place}</span>}
            {surface && <span className="tabular-nums">{surface}</span>}
            {price && <span className="font-medium text-fg tabular-nums">{price}</span>}
          </>
        }
        actions={
          canWrite && (
            <Button variant="secondary" onClick={() => setEditing(true)}>
              <Pencil aria-hidden />
              {t('detail.edit')}
            </Button>
          )
        }
      />
      <DetailColumns>
        <MediaGallery owner={{ kind: 'property', id: p.id, name: p.title }} />
        <FactsCard
          title={t('detail.facts')}
          facts={[
            [t('form.reference'), p.reference],
            [t('form.propertyType'), typeLabel(p.propertyType)],
            [t('form.transaction'), t(`transaction.${p.transactionType}`)],
            [t('form.price'), price],
            [t('detail.address'), address],
            [t('form.surface'), p.surfaceM2 !== null ? format.number(p.surfaceM2) : null],
            [t('form.rooms'), p.rooms],
            [t('detail.bedrooms'), p.bedrooms],
            [t('detail.energyRating'), p.energyRating && <EnergyRatingBadge rating={p.energyRating} />],
            [t('detail.description'), p.description],
            [t('detail.updatedAt'), dateTime(p.updatedAt)],
          ]}
        />
      </DetailColumns>
      {editing && <PropertyDialog property={p} onClose={() => setEditing(false)} />}
    </>
  );
}
