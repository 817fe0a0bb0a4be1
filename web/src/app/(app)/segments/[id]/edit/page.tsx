import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { EditSegment } from '@/features/segments/segment-detail';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('segments') };
}

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <EditSegment id={id} />;
}
