import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page-header';
import { CatalogueNav } from '@/features/catalogue/catalogue-nav';

export default async function CatalogueLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations('catalogue');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <CatalogueNav />
      {children}
    </>
  );
}
