import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { SegmentsList } from '@/features/segments/segments-list';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('segments') };
}

export default function Page() {
  return <SegmentsList />;
}
