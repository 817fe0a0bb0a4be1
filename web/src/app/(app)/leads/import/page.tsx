import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { ImportWizard } from '@/features/imports/import-wizard';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('imports'))('title') };
}

export default function ImportPage() {
  return (
    <Suspense>
      <ImportWizard />
    </Suspense>
  );
}
