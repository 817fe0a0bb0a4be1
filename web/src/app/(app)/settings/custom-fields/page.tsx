import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { CustomFieldsSettings } from '@/features/custom-fields/custom-fields-settings';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('settings.nav'))('customFields') };
}

export default function Page() {
  return <CustomFieldsSettings />;
}
