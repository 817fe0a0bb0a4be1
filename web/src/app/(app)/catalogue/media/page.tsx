import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { MediaLibrary } from '@/features/catalogue/media';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('catalogue.nav'))('media') };
}

export default function Page() {
  return <MediaLibrary />;
}
