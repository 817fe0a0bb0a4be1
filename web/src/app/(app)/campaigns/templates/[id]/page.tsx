import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page-header';
import { TemplateEditor } from '@/features/templates/template-editor';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('templates'))('editor.title') };
}

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const t = await getTranslations('templates');
  return (
    <>
      <PageHeader title={t('editor.title')} description={t('editor.description', { example: '{{lead.firstName}}' })} />
      <TemplateEditor id={id} />
    </>
  );
}
