'use client';

import { Building2 } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { endpoints } from '@/lib/api/endpoints';
import { PROPERTY_STATUSES, PROPERTY_TYPES, type PropertyListItem, type PropertyStatus, type PropertyType } from '@/lib/api/types';
import { type CatalogueColumn, CatalogueList } from './catalogue-list';
import { CatalogueNameCell } from './catalogue-name-cell';
import { PropertyDialog } from './property-dialog';
import { EnergyRatingBadge, PropertyStatusBadge, usePropertyTypeLabel } from './property-status';
import { formatPrice } from './money';

const ALL = '__all__';

export function PropertiesCatalogue() {
  const t = useTranslations('catalogue.properties');
  const format = useFormatter();
  const typeLabel = usePropertyTypeLabel();
  const [status, setStatus] = useState<PropertyStatus | ''>('');
  const [type, setType] = useState<PropertyType | ''>('');
  const columns: CatalogueColumn<PropertyListItem>[] = [
    {
      key: 'title',
      header: t('columns.title'),
      cell: (p) => (
        <CatalogueNameCell
          owner={{ kind: 'property', id: p.id, name: p.title }}
          cover={p.cover}
          subtitle={
            <p className="font-mono text-xs text-fg-muted">
              {p.reference} · <span className="font-sans">{typeLabel(p.propertyType)}</span>
            </p>
          }
        />
      ),
    },
    { key: 'city', header: t('columns.city'), cellClassName: 'whitespace-nowrap', cell: (p) => [p.postalCode, p.city].filter(Boolean).join(' ') || <span className="text-fg-subtle">—</span> },
    { key: 'transaction', header: t('columns.transaction'), cell: (p) => t(`transaction.${p.transactionType}`) },
    {
      key: 'surface',
      header: t('columns.surface'),
      className: 'text-right',
      cellClassName: 'tabular-nums',
      cell: (p) => (p.surfaceM2 !== null ? `${format.number(p.surfaceM2)} m²` : '—'),
    },
    {
      key: 'price',
      header: t('columns.price'),
      className: 'text-right',
      cellClassName: 'tabular-nums',
      cell: (p) =>
        formatPrice(format, p.priceMinor, p.currency, true) ?? '—',
    },
    { key: 'energy', header: t('columns.energy'), className: 'text-center', cell: (p) => <EnergyRatingBadge rating={p.energyRating} /> },
    { key: 'status', header: t('columns.status'), cell: (p) => <PropertyStatusBadge status={p.status} /> },
  ];
  const typeFilter = (
    <Select value={type || ALL} onValueChange={(v) => setType(v === ALL ? '' : (v as PropertyType))}>
      <SelectTrigger className="w-auto min-w-40" aria-label={t('typeFilter')}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        <SelectItem value={ALL}>{t('allTypes')}</SelectItem>
        {PROPERTY_TYPES.map((x) => (
          <SelectItem key={x} value={x}>
            {typeLabel(x)}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
  const statusFilter = (
    <Select value={status || ALL} onValueChange={(v) => setStatus(v === ALL ? '' : (v as PropertyStatus))}>
      <SelectTrigger className="w-auto min-w-44" aria-label={t('statusFilter')}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        <SelectItem value={ALL}>{t('allStatuses')}</SelectItem>
        {PROPERTY_STATUSES.map((s) => (
          <SelectItem key={s} value={s}>
            {t(`status.${s}`)}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
  return (
    <CatalogueList<PropertyListItem>
      resource="properties"
      namespace="catalogue.properties"
      emptyIcon={Building2}
      columns={columns}
      filters={{ status: status || undefined, propertyType: type || undefined }}
      filterControls={
        <>
          {typeFilter}
          {statusFilter}
        </>
      }
      fetchPage={(query) => endpoints.properties.list({ ...query, status: status || undefined, propertyType: type || undefined })}
      remove={(id) => endpoints.properties.remove(id)}
      nameOf={(p) => p.title}
      rowTestId="property-row"
      renderDialog={(property, onClose) => <PropertyDialog property={property} onClose={onClose} />}
    />
  );
}
