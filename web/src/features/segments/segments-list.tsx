'use client';

import { useQuery } from '@tanstack/react-query';
import { Filter, Plus } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { TableSkeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { endpoints } from '@/lib/api/endpoints';
import { useCanWriteLeads } from '@/features/auth/use-session';
import { useDateFormat } from '@/features/shared/format';

export function SegmentsList() {
  const t = useTranslations('segments');
  const format = useFormatter();
  const router = useRouter();
  const { dateTime } = useDateFormat();
  const canWrite = useCanWriteLeads();
  const list = useQuery({ queryKey: ['segments', 'list'], queryFn: endpoints.segments.list });
  const items = list.data?.items ?? [];
  const createButton = canWrite && (
    <Button asChild>
      <Link href="/segments/new">
        <Plus aria-hidden />
        {t('new')}
      </Link>
    </Button>
  );
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} actions={items.length > 0 ? createButton : undefined} />
      <Card className="overflow-hidden">
        {list.isPending ? (
          <TableSkeleton columns={5} />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState icon={Filter} title={t('empty.title')} description={t('empty.description')} action={createButton} />
        ) : (
          <Table>
            <TableCaption>{t('title')}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHead>{t('columns.name')}</TableHead>
                <TableHead>{t('columns.kind')}</TableHead>
                <TableHead className="text-right">{t('columns.size')}</TableHead>
                <TableHead>{t('columns.countedAt')}</TableHead>
                <TableHead>{t('columns.updatedAt')}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((s) => (
                <TableRow
                  key={s.id}
                  data-testid="segment-row"
                  className="cursor-pointer"
                  onClick={(e) => {
                    if ((e.target as HTMLElement).closest('a,button')) return;
                    router.push(`/segments/${s.id}`);
                  }}
                >
                  <TableCell className="font-medium">
                    <Link href={`/segments/${s.id}`} className="rounded-sm hover:text-primary hover:underline focus-ring">
                      {s.name}
                    </Link>
                    {s.description && <p className="max-w-md truncate text-xs font-normal text-fg-muted">{s.description}</p>}
                  </TableCell>
                  <TableCell>
                    <Badge tone={s.kind === 'dynamic' ? 'brand' : 'neutral'}>{t(`kind.${s.kind}`)}</Badge>
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{s.leadCount === null ? <span className="text-fg-subtle">—</span> : format.number(s.leadCount)}</TableCell>
                  <TableCell className="whitespace-nowrap text-fg-muted">{s.countedAt ? dateTime(s.countedAt) : t('neverCounted')}</TableCell>
                  <TableCell className="whitespace-nowrap text-fg-muted">{dateTime(s.updatedAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
    </>
  );
}
