import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { LeadsTable } from '@/features/leads/leads-table';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('leads') };
}

export default function LeadsPage() {
  return (
    <Suspense>
      <LeadsTable />
    </Suspense>
  );
}
