import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PropertiesCatalogue } from '@/features/catalogue/properties';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('catalogue.nav'))('properties') };
}

export default function Page() {
  return <PropertiesCatalogue />;
}
