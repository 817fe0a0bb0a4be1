'use client';

import { History, KeyRound, ListPlus, UserRound, Users } from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { cn } from '@/lib/utils/cn';
import { useIsAdmin } from '@/features/auth/use-session';

const items = [
  { href: '/settings/profile', key: 'profile', icon: UserRound, admin: false },
  { href: '/settings/members', key: 'members', icon: Users, admin: true },
  { href: '/settings/custom-fields', key: 'customFields', icon: ListPlus, admin: true },
  { href: '/settings/api-keys', key: 'apiKeys', icon: KeyRound, admin: true },
  { href: '/settings/audit-log', key: 'auditLog', icon: History, admin: true },
] as const;

export function SettingsNav() {
  const t = useTranslations('settings.nav');
  const pathname = usePathname();
  const isAdmin = useIsAdmin();
  return (
    <nav aria-label={t('label')} className="mb-6 border-b border-border">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {items
          .filter((i) => !i.admin || isAdmin)
          .map((item) => {
            const active = pathname === item.href;
            const Icon = item.icon;
            return (
              <li key={item.href}>
                <Link
                  href={item.href}
                  aria-current={active ? 'page' : undefined}
                  className={cn(
                    'flex items-center gap-2 whitespace-nowrap border-b-2 px-3 py-2.5 text-sm font-medium transition-colors focus-ring rounded-t-md',
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
