'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { FileUp, KeyRound, Users } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { LoadMore } from '@/components/ui/pagination';
import { TableSkeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { endpoints } from '@/lib/api/endpoints';
import type { Lead } from '@/lib/api/types';
import { useIsAdmin } from '@/features/auth/use-session';
import { useDateFormat } from '@/features/shared/format';

const PAGE_SIZE = 50;

const STAGES = ['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer', 'evangelist', 'other'] as const;
type Stage = (typeof STAGES)[number];
const isStage = (v: string): v is Stage => (STAGES as readonly string[]).includes(v);

const none = <span className="text-fg-subtle">—</span>;

function fullName(lead: Lead): string {
  return [lead.firstName, lead.lastName].filter(Boolean).join(' ');
}

export function LeadsTable() {
  const t = useTranslations('leads');
  const isAdmin = useIsAdmin();
  const { dateTime } = useDateFormat();
  const query = useInfiniteQuery({
    queryKey: ['leads'],
    queryFn: ({ pageParam }) => endpoints.leads.list({ limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const leads = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <Card className="overflow-hidden">
        {query.isPending ? (
          <TableSkeleton columns={6} />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : leads.length === 0 ? (
          <EmptyState
            icon={Users}
            title={t('empty.title')}
            description={t('empty.description')}
            action={
              isAdmin ? (
                <Button asChild variant="secondary">
                  <Link href="/settings/api-keys">
                    <KeyRound aria-hidden />
                    {t('empty.apiAction')}
                  </Link>
                </Button>
              ) : undefined
            }
          >
            <p className="mt-4 flex items-center gap-1.5 text-xs text-fg-subtle">
              <FileUp className="size-3.5" aria-hidden />
              {t('empty.importSoon')}
            </p>
          </EmptyState>
        ) : (
          <>
            <Table>
              <TableCaption>{t('title')}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHead>{t('columns.name')}</TableHead>
                  <TableHead>{t('columns.email')}</TableHead>
                  <TableHead>{t('columns.company')}</TableHead>
                  <TableHead>{t('columns.phone')}</TableHead>
                  <TableHead>{t('columns.stage')}</TableHead>
                  <TableHead>{t('columns.source')}</TableHead>
                  <TableHead>{t('columns.created')}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {leads.map((lead) => (
                  <TableRow key={lead.id}>
                    <TableCell className="font-medium">{fullName(lead) || <span className="text-fg-subtle">{t('unnamed')}</span>}</TableCell>
                    <TableCell className="text-fg-muted">{lead.email ?? none}</TableCell>
                    <TableCell>{lead.company ?? none}</TableCell>
                    <TableCell className="whitespace-nowrap text-fg-muted">{lead.phone ?? none}</TableCell>
                    <TableCell>{lead.lifecycleStage ? <Badge tone="brand">{isStage(lead.lifecycleStage) ? t(`stages.${lead.lifecycleStage}`) : lead.lifecycleStage}</Badge> : none}</TableCell>
                    <TableCell className="text-fg-muted">{lead.source ?? none}</TableCell>
                    <TableCell className="whitespace-nowrap text-fg-muted">{dateTime(lead.createdAt)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <LoadMore shown={leads.length} hasMore={Boolean(query.hasNextPage)} loading={query.isFetchingNextPage} onLoadMore={() => void query.fetchNextPage()} />
          </>
        )}
      </Card>
    </>
  );
}
