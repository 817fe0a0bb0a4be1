import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page-header';
import { TemplatesList } from '@/features/templates/templates-list';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('templates'))('title') };
}

export default async function Page() {
  const t = await getTranslations('templates');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <TemplatesList />
    </>
  );
}
