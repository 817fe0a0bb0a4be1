'use client';

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ArrowLeft, Pencil, RefreshCw, Trash2, Users } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { LoadMore } from '@/components/ui/pagination';
import { Skeleton, TableSkeleton } from '@/components/ui/skeleton';
import { Sparkline } from '@/components/ui/sparkline';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { toast } from '@/components/ui/toaster';
import { ApiError } from '@/lib/api/client';
import { endpoints } from '@/lib/api/endpoints';
import { useCanWriteLeads } from '@/features/auth/use-session';
import { useLeadName } from '@/features/leads/lead-name';
import { StageBadge } from '@/features/leads/stage-badge';
import { useDateFormat } from '@/features/shared/format';
import { useApiErrorText } from '@/features/shared/use-api-error-text';
import { SegmentEditor } from './segment-editor';
import { SegmentSnapshots } from './segment-snapshots';

export function SegmentDetail({ id }: { id: string }) {
  const t = useTranslations('segments');
  const leadName = useLeadName();
  const format = useFormatter();
  const router = useRouter();
  const queryClient = useQueryClient();
  const errorText = useApiErrorText();
  const canWrite = useCanWriteLeads();
  const { dateTime } = useDateFormat();
  const [deleting, setDeleting] = useState(false);
  const segment = useQuery({ queryKey: ['segments', id], queryFn: () => endpoints.segments.get(id) });
  const sizes = useQuery({ queryKey: ['segments', id, 'sizes'], queryFn: () => endpoints.segments.sizes(id) });
  const leads = useInfiniteQuery({
    queryKey: ['segments', id, 'leads'],
    queryFn: ({ pageParam }) => endpoints.segments.leads(id, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const onError = (err: Error) => toast.error(errorText(err instanceof ApiError ? err.code : undefined, err.message));
  const refresh = useMutation({
    mutationFn: () => endpoints.segments.refresh(id),
    onSuccess: (s) => {
      queryClient.setQueryData(['segments', id], s);
      void queryClient.invalidateQueries({ queryKey: ['segments'] });
      toast.success(t('detail.refreshed', { count: s.leadCount ?? 0 }));
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: () => endpoints.segments.remove(id),
    onSuccess: () => {
      toast.success(t('detail.deleted'));
      void queryClient.invalidateQueries({ queryKey: ['segments'] });
      router.push('/segments');
    },
    onError,
  });

  if (segment.isPending)
    return (
      <div className="flex flex-col gap-4">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-32 w-full" />
      </div>
    );
  if (segment.isError) return <Card><ErrorState error={segment.error} onRetry={() => void segment.refetch()} /></Card>;
  const s = segment.data;
  const rows = leads.data?.pages.flatMap((p) => p.items) ?? [];
  const history = sizes.data?.items.map((p) => ({ at: p.countedAt, value: p.size })) ?? [];

  return (
    <>
      <Link href="/segments" className="mb-3 inline-flex items-center gap-1 rounded-sm text-sm text-fg-muted hover:text-fg focus-ring">
        <ArrowLeft className="size-4" aria-hidden />
        {t('detail.back')}
      </Link>
      <PageHeader
        title={
          <span className="flex items-center gap-3">
            {s.name}
            <Badge tone={s.kind === 'dynamic' ? 'brand' : 'neutral'}>{t(`kind.${s.kind}`)}</Badge>
          </span>
        }
        description={s.description ?? t(`kindHint.${s.kind}`)}
        actions={
          canWrite && (
            <>
              <Button variant="secondary" onClick={() => refresh.mutate()} loading={refresh.isPending}>
                {!refresh.isPending && <RefreshCw aria-hidden />}
                {t('detail.refresh')}
              </Button>
              <Button asChild variant="secondary">
                <Link href={`/segments/${id}/edit`}>
                  <Pencil aria-hidden />
                  {t('detail.edit')}
                </Link>
              </Button>
              <Button variant="ghost" onClick={() => setDeleting(true)} aria-label={t('detail.delete')}>
                <Trash2 aria-hidden />
              </Button>
            </>
          )
        }
      />
      <ConfirmDialog
        open={deleting}
        onOpenChange={setDeleting}
        title={t('detail.deleteTitle', { name: s.name })}
        description={t('detail.deleteDescription')}
        confirmLabel={t('detail.delete')}
        onConfirm={() => remove.mutate()}
        pending={remove.isPending}
      />
      <div className="mb-6 grid gap-4 md:grid-cols-[240px_minmax(0,1fr)]">
        <Card>
          <CardContent className="flex h-full flex-col justify-center">
            <p className="text-xs font-medium uppercase tracking-wide text-fg-muted">{t('detail.size')}</p>
            <p className="mt-1 text-4xl font-semibold tabular-nums text-fg" data-testid="segment-size">
              {s.leadCount === null ? '—' : format.number(s.leadCount)}
            </p>
            <p className="mt-1 text-xs text-fg-muted">{s.countedAt ? t('detail.countedAt', { date: dateTime(s.countedAt) }) : t('neverCounted')}</p>
          </CardContent>
        </Card>
        <Card>
          <CardHeader className="border-0 pb-0">
            <CardTitle className="text-sm">{t('detail.history')}</CardTitle>
          </CardHeader>
          <CardContent>
            {sizes.isPending ? (
              <Skeleton className="h-20 w-full" />
            ) : sizes.isError ? (
              <p className="text-sm text-fg-muted">{t('detail.historyError')}</p>
            ) : history.length < 2 ? (
              <>
                {history.length === 1 && <Sparkline points={history} label={t('detail.history')} />}
                <p className="text-sm text-fg-muted">{t('detail.historyEmpty')}</p>
              </>
            ) : (
              <Sparkline points={history} label={t('detail.history')} />
            )}
          </CardContent>
        </Card>
      </div>
      <SegmentSnapshots segmentId={id} canWrite={canWrite} />
      <Card className="overflow-hidden">
        <CardHeader>
          <CardTitle>{t('detail.leads')}</CardTitle>
        </CardHeader>
        {leads.isPending ? (
          <TableSkeleton columns={4} />
        ) : leads.isError ? (
          <ErrorState error={leads.error} onRetry={() => void leads.refetch()} />
        ) : rows.length === 0 ? (
          <EmptyState icon={Users} title={t('detail.emptyTitle')} description={t('detail.emptyDescription')} />
        ) : (
          <>
            <Table>
              <TableCaption>{t('detail.leads')}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHead>{t('detail.columns.name')}</TableHead>
                  <TableHead>{t('detail.columns.email')}</TableHead>
                  <TableHead>{t('detail.columns.company')}</TableHead>
                  <TableHead>{t('detail.columns.stage')}</TableHead>
                  <TableHead className="text-right">{t('detail.columns.score')}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((l) => (
                  <TableRow key={l.id} data-testid="segment-lead">
                    <TableCell className="font-medium">
                      <Link href={`/leads/${l.id}`} className="rounded-sm hover:text-primary hover:underline focus-ring">
                        {leadName(l) || l.email || l.phone || t('preview.unnamed')}
                      </Link>
                    </TableCell>
                    <TableCell className="text-fg-muted">{l.email ?? '—'}</TableCell>
                    <TableCell>{l.company ?? '—'}</TableCell>
                    <TableCell>
                      <StageBadge stage={l.lifecycleStage} />
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{l.score}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <LoadMore shown={rows.length} hasMore={Boolean(leads.hasNextPage)} loading={leads.isFetchingNextPage} onLoadMore={() => void leads.fetchNextPage()} />
          </>
        )}
      </Card>
    </>
  );
}

export function EditSegment({ id }: { id: string }) {
  const segment = useQuery({ queryKey: ['segments', id], queryFn: () => endpoints.segments.get(id) });
  if (segment.isPending) return <Skeleton className="h-64 w-full" />;
  if (segment.isError) return <Card><ErrorState error={segment.error} onRetry={() => void segment.refetch()} /></Card>;
  return <SegmentEditor segment={segment.data} />;
}
