'use client';

import { LogOut, UserRound } from 'lucide-react';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { Skeleton } from '@/components/ui/skeleton';
import { locales, type Locale } from '@/i18n/config';
import { endpoints } from '@/lib/api/endpoints';
import { useSession } from '@/features/auth/use-session';
import { useSetLocale } from '@/features/i18n/use-set-locale';

export function initials(name: string): string {
  return (
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((p) => p[0]!.toUpperCase())
      .join('') || '?'
  );
}

export function UserMenu() {
  const t = useTranslations('shell');
  const tRoles = useTranslations('roles');
  const tLocale = useTranslations('locale');
  const locale = useLocale();
  const { setLocale } = useSetLocale();
  const { data } = useSession();
  const [loggingOut, setLoggingOut] = useState(false);

  if (!data) return <Skeleton className="size-9 rounded-full" />;

  const logout = async () => {
    setLoggingOut(true);
    try {
      await endpoints.auth.logout();
    } finally {
      window.location.assign('/login');
    }
  };

  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className="flex items-center gap-2.5 rounded-full p-0.5 pr-1 focus-ring cursor-pointer sm:rounded-md sm:pr-2 hover:bg-surface-sunken"
      >
        <span className="flex size-8 items-center justify-center rounded-full bg-brand-700 text-xs font-semibold text-white" aria-hidden>
          {initials(data.user.name)}
        </span>
        <span className="hidden flex-col text-left leading-tight sm:flex">
          <span className="text-sm font-medium text-fg">{data.user.name}</span>
          <span className="text-xs text-fg-muted">{tRoles(data.role)}</span>
        </span>
        <span className="sr-only">{t('userMenu')}</span>
      </DropdownMenuTrigger>
      <DropdownMenuContent className="w-64">
        <div className="px-2 py-2">
          <p className="truncate text-sm font-semibold text-fg">{data.user.name}</p>
          <p className="truncate text-xs text-fg-muted">{data.user.email}</p>
          <p className="mt-1 text-xs text-fg-muted">
            {tRoles(data.role)} · {data.tenant.name}
          </p>
        </div>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/settings/profile">
            <UserRound aria-hidden />
            {t('profile')}
          </Link>
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuLabel>{tLocale('label')}</DropdownMenuLabel>
        <DropdownMenuRadioGroup value={locale} onValueChange={(v) => setLocale(v as Locale)}>
          {locales.map((l) => (
            <DropdownMenuRadioItem key={l} value={l} lang={l}>
              {tLocale(l)}
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={(e) => { e.preventDefault(); void logout(); }} disabled={loggingOut}>
          <LogOut aria-hidden />
          {t('logout')}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
