import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ScoringSettings } from '@/features/scoring/scoring-settings';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('settings.nav'))('scoring') };
}

export default function Page() {
  return <ScoringSettings />;
}
