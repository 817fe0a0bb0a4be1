import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { LeadPage } from '@/features/leads/lead-page';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('leads'))('pageTitle') };
}

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <LeadPage id={id} />;
}
