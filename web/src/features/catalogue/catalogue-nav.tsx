'use client';

import { Building2, Image as ImageIcon, Package } from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { cn } from '@/lib/utils/cn';

const items = [
  { href: '/catalogue/products', key: 'products', icon: Package },
  { href: '/catalogue/properties', key: 'properties', icon: Building2 },
  { href: '/catalogue/media', key: 'media', icon: ImageIcon },
] as const;

export function CatalogueNav() {
  const t = useTranslations('catalogue.nav');
  const pathname = usePathname();
  return (
    <nav aria-label={t('label')} className="mb-6 border-b border-border">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {items.map((item) => {
          const active = pathname === item.href;
          const Icon = item.icon;
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? 'page' : undefined}
                className={cn(
                  'flex items-center gap-2 whitespace-nowrap rounded-t-md border-b-2 px-3 py-2.5 text-sm font-medium transition-colors focus-ring',
                  active ? 'border-primary text-primary' : 'border-transparent text-fg-muted hover:border-border-strong hover:text-fg',
                )}
              >
                <Icon className="size-4" aria-hidden />
                {t(item.key)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
