import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PropertyDetail } from '@/features/catalogue/property-detail';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('catalogue.properties.detail'))('pageTitle') };
}

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <PropertyDetail id={id} />;
}
