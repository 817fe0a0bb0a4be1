'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { cn } from '@/lib/utils/cn';
import { Logo } from './logo';
import { isActive, mainNav, settingsNavItem, type NavItem } from './nav';

function NavLink({ item, pathname, onNavigate }: { item: NavItem; pathname: string; onNavigate?: () => void }) {
  const t = useTranslations('nav');
  const active = isActive(pathname, item.href);
  const Icon = item.icon;
  return (
    <Link
      href={item.href}
      onClick={onNavigate}
      aria-current={active ? 'page' : undefined}
      className={cn(
        'group flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-brand-300',
        active ? 'bg-sidebar-active text-sidebar-active-fg' : 'text-sidebar-fg hover:bg-white/6 hover:text-white',
      )}
    >
      <Icon className={cn('size-[18px] shrink-0', active ? 'text-brand-300' : 'text-sidebar-fg group-hover:text-white')} aria-hidden />
      {t(item.key)}
    </Link>
  );
}

export function Sidebar({ onNavigate }: { onNavigate?: () => void }) {
  const t = useTranslations('nav');
  const pathname = usePathname();
  return (
    <div className="flex h-full flex-col bg-sidebar">
      <div className="flex h-16 items-center px-5">
        <Link href="/" onClick={onNavigate} className="rounded-md focus-visible:outline-2 focus-visible:outline-brand-300">
          <Logo inverted />
        </Link>
      </div>
      <nav aria-label={t('main')} className="flex flex-1 flex-col gap-0.5 overflow-y-auto px-3 py-2">
        {mainNav.map((item) => (
          <NavLink key={item.href} item={item} pathname={pathname} onNavigate={onNavigate} />
        ))}
        <div className="mt-auto border-t border-white/10 pt-3">
          <NavLink item={settingsNavItem} pathname={pathname} onNavigate={onNavigate} />
        </div>
      </nav>
    </div>
  );
}
