'use client';

import { KeyRound, UserPlus, Users } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { useIsAdmin } from '@/features/auth/use-session';

/** First steps while the dashboard has nothing to show yet. */
export function DashboardActions() {
  const t = useTranslations('areas.dashboard.actions');
  const isAdmin = useIsAdmin();
  return (
    <>
      {isAdmin && (
        <>
          <Button asChild>
            <Link href="/settings/members">
              <UserPlus aria-hidden />
              {t('invite')}
            </Link>
          </Button>
          <Button asChild variant="secondary">
            <Link href="/settings/api-keys">
              <KeyRound aria-hidden />
              {t('apiKey')}
            </Link>
          </Button>
        </>
      )}
      <Button asChild variant="secondary">
        <Link href="/leads">
          <Users aria-hidden />
          {t('leads')}
        </Link>
      </Button>
    </>
  );
}
