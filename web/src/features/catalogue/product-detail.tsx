'use client';

import { useQuery } from '@tanstack/react-query';
import { Pencil } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import type { Product } from '@/lib/api/types';
import { useCanWriteLeads } from '@/features/auth/use-session';
import { useDateFormat } from '@/features/shared/format';
import { CatalogueDetail, DetailColumns, DetailHeader, FactsCard } from './catalogue-detail';
import { productQuery } from './catalogue-queries';
import { MediaGallery } from './media-gallery';
import { ProductDialog } from './product-dialog';
import { formatPrice } from './money';

export function ProductDetail({ id }: { id: string }) {
  return (
    <CatalogueDetail query={useQuery(productQuery(id))} listHref="/catalogue/products" namespace="catalogue.products">
      {(product) => <ProductView product={product} />}
    </CatalogueDetail>
  );
}

function ProductView({ product: p }: { product: Product }) {
  const t = useTranslations('catalogue.products');
  const format = useFormatter();
  const { dateTime } = useDateFormat();
  const canWrite = useCanWriteLeads();
  const [editing, setEditing] = useState(false);
  const price = formatPrice(format, p.priceMinor, p.currency);
  return (
    <>
      <DetailHeader
        title={p.name}
        badges={<Badge tone={p.active ? 'success' : 'neutral'}>{p.active ? t('active') : t('inactive')}</Badge>}
        subtitle={
          <>
            <Badge mono>{p.sku}</Badge>
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
        <MediaGallery owner={{ kind: 'product', id: p.id, name: p.name }} />
        <FactsCard
          title={t('detail.facts')}
          facts={[
            [t('form.sku'), p.sku],
            [t('form.price'), price],
            [t('form.description'), p.description],
            [t('detail.createdAt'), dateTime(p.createdAt)],
            [t('detail.updatedAt'), dateTime(p.updatedAt)],
          ]}
        />
      </DetailColumns>
      {editing && <ProductDialog product={p} onClose={() => setEditing(false)} />}
    </>
  );
}
