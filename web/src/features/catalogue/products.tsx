'use client';

import { Package } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { endpoints } from '@/lib/api/endpoints';
import type { ProductListItem } from '@/lib/api/types';
import { type CatalogueColumn, CatalogueList } from './catalogue-list';
import { CatalogueNameCell } from './catalogue-name-cell';
import { ProductDialog } from './product-dialog';
import { formatPrice } from './money';

export function ProductsCatalogue() {
  const t = useTranslations('catalogue.products');
  const format = useFormatter();
  const columns: CatalogueColumn<ProductListItem>[] = [
    {
      key: 'name',
      header: t('columns.name'),
      cell: (p) => (
        <CatalogueNameCell
          owner={{ kind: 'product', id: p.id, name: p.name }}
          cover={p.cover}
          subtitle={p.description && <p className="max-w-md truncate text-xs text-fg-muted">{p.description}</p>}
        />
      ),
    },
    { key: 'sku', header: t('columns.sku'), cell: (p) => <Badge mono>{p.sku}</Badge> },
    {
      key: 'price',
      header: t('columns.price'),
      className: 'text-right',
      cellClassName: 'tabular-nums',
      cell: (p) =>
        formatPrice(format, p.priceMinor, p.currency) ?? <span className="text-fg-subtle">—</span>,
    },
    {
      key: 'status',
      header: t('columns.status'),
      cell: (p) => <Badge tone={p.active ? 'success' : 'neutral'}>{p.active ? t('active') : t('inactive')}</Badge>,
    },
  ];
  return (
    <CatalogueList<ProductListItem>
      resource="products"
      namespace="catalogue.products"
      emptyIcon={Package}
      columns={columns}
      fetchPage={(query) => endpoints.products.list(query)}
      remove={(id) => endpoints.products.remove(id)}
      nameOf={(p) => p.name}
      rowTestId="product-row"
      renderDialog={(product, onClose) => <ProductDialog product={product} onClose={onClose} />}
    />
  );
}
