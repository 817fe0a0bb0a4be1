import { CheckCircle2, type LucideIcon } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';

export type UpcomingArea = 'dashboard' | 'segments' | 'campaigns' | 'inbox' | 'content' | 'analytics';

/** A module that is not built yet: says what it will do, shows no fake data. */
export async function UpcomingAreaPage({ area, icon, actions }: { area: UpcomingArea; icon: LucideIcon; actions?: React.ReactNode }) {
  const t = await getTranslations(`areas.${area}`);
  const tCommon = await getTranslations('common');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <Card>
        <EmptyState icon={icon} title={t('emptyTitle')} description={t('emptyDescription')} action={actions}>
          <Badge tone="brand" className="mt-4">
            {tCommon('comingSoon')}
          </Badge>
          <ul className="mt-6 grid w-full max-w-2xl gap-3 text-left sm:grid-cols-3">
            {(['f1', 'f2', 'f3'] as const).map((k) => (
              <li key={k} className="flex gap-2.5 rounded-lg border border-border bg-surface-muted p-3.5 text-[13px] leading-snug text-fg-muted">
                <CheckCircle2 className="mt-px size-4 shrink-0 text-primary" aria-hidden />
                <span>{t(`features.${k}`)}</span>
              </li>
            ))}
          </ul>
        </EmptyState>
      </Card>
    </>
  );
}
