import { BarChart3 } from 'lucide-react';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { UpcomingAreaPage } from '@/features/placeholder/upcoming-area';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('analytics') };
}

export default function Page() {
  return <UpcomingAreaPage area="analytics" icon={BarChart3} />;
}
