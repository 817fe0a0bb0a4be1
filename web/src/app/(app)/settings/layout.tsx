import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page-header';
import { SettingsNav } from '@/features/settings/settings-nav';

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations('settings');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <SettingsNav />
      {children}
    </>
  );
}
