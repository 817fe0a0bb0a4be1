'use client';

import { Building2, Gauge, History, KeyRound, ListPlus, Mail, UserRound, Users } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { TabNav } from '@/components/ui/tab-nav';
import { useIsAdmin } from '@/features/auth/use-session';

const items = [
  { href: '/settings/profile', key: 'profile', icon: UserRound, admin: false },
  // Everyone may read the workspace's settings (the default country of new leads); admins change them.
  { href: '/settings/workspace', key: 'workspace', icon: Building2, admin: false },
  { href: '/settings/members', key: 'members', icon: Users, admin: true },
  { href: '/settings/custom-fields', key: 'customFields', icon: ListPlus, admin: true },
  // Everyone may read the scoring rules that rank the leads; only admins change them.
  { href: '/settings/scoring', key: 'scoring', icon: Gauge, admin: false },
  { href: '/settings/senders', key: 'senders', icon: Mail, admin: true },
  { href: '/settings/api-keys', key: 'apiKeys', icon: KeyRound, admin: true },
  { href: '/settings/audit-log', key: 'auditLog', icon: History, admin: true },
] as const;

export function SettingsNav() {
  const t = useTranslations('settings.nav');
  const isAdmin = useIsAdmin();
  return (
    <TabNav
      label={t('label')}
      items={items.filter((i) => !i.admin || isAdmin).map((i) => ({ href: i.href, icon: i.icon, label: t(i.key) }))}
    />
  );
}
