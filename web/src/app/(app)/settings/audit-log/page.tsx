import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AuditLogSettings } from '@/features/audit-log/audit-log-settings';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('settings.nav'))('auditLog') };
}

export default function Page() {
  return <AuditLogSettings />;
}
