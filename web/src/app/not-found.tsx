import { Compass } from 'lucide-react';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

export default async function NotFound() {
  const t = await getTranslations('notFound');
  return (
    <main className="flex min-h-dvh items-center justify-center">
      <EmptyState
        icon={Compass}
        title={t('title')}
        description={t('description')}
        action={
          <Button asChild>
            <Link href="/">{t('back')}</Link>
          </Button>
        }
      />
    </main>
  );
}
