'use client';

import { Lock } from 'lucide-react';
import { useTranslations } from 'next-intl';
import * as React from 'react';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { TableSkeleton } from '@/components/ui/skeleton';
import { isAdminRole, useSession } from '@/features/auth/use-session';

/** Members, API keys and the audit log are for owners and admins only. */
export function AdminOnly({ children }: { children: React.ReactNode }) {
  const t = useTranslations('settings');
  const { data, isPending } = useSession();
  if (isPending)
    return (
      <Card>
        <TableSkeleton />
      </Card>
    );
  if (!isAdminRole(data?.role))
    return (
      <Card>
        <EmptyState icon={Lock} title={t('adminOnly.title')} description={t('adminOnly.description')} />
      </Card>
    );
  return <>{children}</>;
}
