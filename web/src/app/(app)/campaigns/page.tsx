import { FileText, Megaphone } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Button } from '@/components/ui/button';
import { UpcomingAreaPage } from '@/features/placeholder/upcoming-area';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('nav'))('campaigns') };
}

export default async function Page() {
  const t = await getTranslations('templates');
  return (
    <UpcomingAreaPage
      area="campaigns"
      icon={Megaphone}
      actions={
        <Button asChild variant="secondary">
          <Link href="/campaigns/templates">
            <FileText aria-hidden />
            {t('title')}
          </Link>
        </Button>
      }
    />
  );
}
