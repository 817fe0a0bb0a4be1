import { LayoutDashboard } from 'lucide-react';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { DashboardActions } from '@/features/placeholder/dashboard-actions';
import { UpcomingAreaPage } from '@/features/placeholder/upcoming-area';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('dashboard') };
}

export default function Page() {
  return <UpcomingAreaPage area="dashboard" icon={LayoutDashboard} actions={<DashboardActions />} />;
}
