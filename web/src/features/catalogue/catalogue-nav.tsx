'use client';

import { Building2, Image as ImageIcon, Package } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { TabNav } from '@/components/ui/tab-nav';

const items = [
  { href: '/catalogue/products', key: 'products', icon: Package },
  { href: '/catalogue/properties', key: 'properties', icon: Building2 },
  { href: '/catalogue/media', key: 'media', icon: ImageIcon },
] as const;

export function CatalogueNav() {
  const t = useTranslations('catalogue.nav');
  return <TabNav label={t('label')} items={items.map((i) => ({ href: i.href, icon: i.icon, label: t(i.key) }))} />;
}
