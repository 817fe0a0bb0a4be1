'use client';

import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { useSession } from '@/features/auth/use-session';
import { LocaleSwitcher } from '@/features/i18n/locale-switcher';
import { Section } from '@/features/settings/section';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 px-5 py-3.5 sm:grid-cols-[14rem_1fr] sm:items-center">
      <dt className="text-[13px] font-medium text-fg-muted">{label}</dt>
      <dd className="text-sm text-fg">{children}</dd>
    </div>
  );
}

export function ProfileSettings() {
  const t = useTranslations();
  const session = useSession();

  return (
    <div className="flex flex-col gap-6">
      <Section title={t('profile.title')} description={t('profile.description')}>
        {session.isPending ? (
          <div className="grid gap-3 p-5">
            <Skeleton className="h-5 w-64" />
            <Skeleton className="h-5 w-72" />
            <Skeleton className="h-5 w-40" />
          </div>
        ) : session.isError ? (
          <ErrorState error={session.error} onRetry={() => void session.refetch()} />
        ) : (
          <dl className="divide-y divide-border">
            <Row label={t('fields.name')}>{session.data.user.name}</Row>
            <Row label={t('fields.email')}>{session.data.user.email}</Row>
            <Row label={t('fields.role')}>
              <Badge tone="brand">{t(`roles.${session.data.role}`)}</Badge>
              <span className="ml-2 text-xs text-fg-muted">{t(`roles.descriptions.${session.data.role}`)}</span>
            </Row>
            <Row label={t('profile.tenant')}>
              {session.data.tenant.name} <span className="ml-1 font-mono text-xs text-fg-subtle">{session.data.tenant.slug}</span>
            </Row>
            <Row label={t('profile.workspaces')}>{t('profile.workspaceCount', { count: session.data.tenants.length })}</Row>
          </dl>
        )}
      </Section>
      <Section title={t('profile.languageTitle')} description={t('profile.languageDescription')}>
        <div className="px-5 py-4">
          <LocaleSwitcher variant="full" />
        </div>
      </Section>
    </div>
  );
}
