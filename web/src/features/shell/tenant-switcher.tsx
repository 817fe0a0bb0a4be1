'use client';

import { Building2, Check, ChevronsUpDown } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/toaster';
import { endpoints } from '@/lib/api/endpoints';
import { useSession } from '@/features/auth/use-session';
import { useApiErrorText } from '@/features/shared/use-api-error-text';

export function TenantSwitcher() {
  const t = useTranslations('shell');
  const tRoles = useTranslations('roles');
  const errorText = useApiErrorText();
  const { data } = useSession();
  const [switching, setSwitching] = useState<string | null>(null);

  if (!data) return <Skeleton className="h-9 w-48" />;

  const switchTo = async (tenantId: string) => {
    if (tenantId === data.tenant.id) return;
    setSwitching(tenantId);
    try {
      await endpoints.auth.switchTenant(tenantId);
      window.location.assign('/');
    } catch (err) {
      setSwitching(null);
      toast.error(errorText((err as { code?: string }).code, t('switchFailed')));
    }
  };

  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className="flex h-9 max-w-[18rem] items-center gap-2.5 rounded-md border border-border bg-surface pl-2 pr-2.5 text-left shadow-xs hover:bg-surface-muted focus-ring cursor-pointer"
      >
        <span className="flex size-6 items-center justify-center rounded bg-primary-soft text-[11px] font-bold uppercase text-primary-soft-fg" aria-hidden>
          {data.tenant.name.slice(0, 1)}
        </span>
        <span className="truncate text-sm font-medium text-fg">{data.tenant.name}</span>
        <span className="sr-only">{t('switchTenant')}</span>
        <ChevronsUpDown className="size-4 shrink-0 text-fg-muted" aria-hidden />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-72">
        <DropdownMenuLabel>{t('workspaces')}</DropdownMenuLabel>
        {data.tenants.map((tenant) => (
          <DropdownMenuItem key={tenant.id} onSelect={() => void switchTo(tenant.id)} disabled={switching !== null}>
            <Building2 aria-hidden />
            <span className="flex min-w-0 flex-1 flex-col">
              <span className="truncate font-medium">{tenant.name}</span>
              <span className="text-xs text-fg-muted">{tRoles(tenant.role)}</span>
            </span>
            {tenant.id === data.tenant.id && <Check className="!text-primary" aria-label={t('current')} />}
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
