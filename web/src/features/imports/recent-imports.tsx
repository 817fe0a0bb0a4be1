'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Download, History, Trash2 } from 'lucide-react';
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { TableSkeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { toast } from '@/components/ui/toaster';
import { useState } from 'react';
import { ApiError } from '@/lib/api/client';
import { endpoints } from '@/lib/api/endpoints';
import type { ImportStatus, LeadImport } from '@/lib/api/types';
import { useDateFormat } from '@/features/shared/format';
import { useApiErrorText } from '@/features/shared/use-api-error-text';

const STATUS_TONE: Record<ImportStatus, 'neutral' | 'info' | 'brand' | 'success' | 'danger'> = {
  uploaded: 'neutral',
  queued: 'info',
  running: 'brand',
  completed: 'success',
  failed: 'danger',
  expired: 'neutral',
};

/** Imports that can be deleted: not queued or running. */
const DELETABLE = new Set<ImportStatus>(['uploaded', 'expired', 'completed', 'failed']);

/** The tenant's recent imports: an import left running, or an upload left unmapped, can be found again here. */
export function RecentImports({ currentId, onDeleted }: { currentId: string | null; onDeleted?: (id: string) => void }) {
  const t = useTranslations('imports');
  const format = useFormatter();
  const { dateTime } = useDateFormat();
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const [deleting, setDeleting] = useState<LeadImport | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => endpoints.imports.remove(id),
    onSuccess: (_r, id) => {
      toast.success(t('map.deleted', { name: deleting?.fileName ?? '' }));
      setDeleting(null);
      queryClient.removeQueries({ queryKey: ['imports', id] });
      void queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
      onDeleted?.(id);
    },
    onError: (err) => toast.error(errorText(err instanceof ApiError ? err.code : undefined, err.message)),
  });
  const list = useQuery({
    queryKey: ['imports', 'list'],
    queryFn: endpoints.imports.list,
    // Keep statuses fresh while something is still running.
    refetchInterval: (q) => (q.state.data?.items.some((i) => i.status === 'queued' || i.status === 'running') ? 2000 : false),
  });
  const items = list.data?.items ?? [];
  return (
    <Card className="overflow-hidden">
      <CardHeader>
        <CardTitle>{t('recent.title')}</CardTitle>
        <CardDescription>{t('recent.description')}</CardDescription>
      </CardHeader>
      {list.isPending ? (
        <TableSkeleton columns={5} rows={3} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState icon={History} title={t('recent.emptyTitle')} description={t('recent.emptyDescription')} className="py-10" />
      ) : (
        <Table>
          <TableCaption>{t('recent.title')}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>{t('recent.file')}</TableHead>
              <TableHead>{t('recent.status')}</TableHead>
              <TableHead className="text-right">{t('counts.created')}</TableHead>
              <TableHead className="text-right">{t('counts.updated')}</TableHead>
              <TableHead className="text-right">{t('counts.unchanged')}</TableHead>
              <TableHead className="text-right">{t('counts.rejected')}</TableHead>
              <TableHead>{t('recent.date')}</TableHead>
              <TableHead>{t('recent.report')}</TableHead>
              <TableHead>
                <span className="sr-only">{t('recent.actions')}</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((imp) => (
              <TableRow key={imp.id} data-testid="recent-import" data-state={imp.id === currentId ? 'selected' : undefined} className="data-[state=selected]:bg-primary-soft/40">
                <TableCell className="max-w-72 truncate font-medium">
                  <Link href={`/leads/import?id=${imp.id}`} className="rounded-sm hover:text-primary hover:underline focus-ring">
                    {imp.fileName}
                  </Link>
                </TableCell>
                <TableCell>
                  <Badge tone={STATUS_TONE[imp.status]}>{t(`status.${imp.status}`)}</Badge>
                </TableCell>
                <TableCell className="text-right tabular-nums">{format.number(imp.created)}</TableCell>
                <TableCell className="text-right tabular-nums">{format.number(imp.updated)}</TableCell>
                <TableCell className="text-right tabular-nums">{format.number(imp.unchanged)}</TableCell>
                <TableCell className="text-right tabular-nums">{imp.rejected ? <span className="font-medium text-danger">{format.number(imp.rejected)}</span> : 0}</TableCell>
                <TableCell className="whitespace-nowrap text-fg-muted">{dateTime(imp.createdAt)}</TableCell>
                <TableCell>
                  {imp.hasReport || imp.hasWarningsReport ? (
                    <div className="flex flex-col gap-0.5">
                      {imp.hasReport && (
                        <a href={endpoints.imports.rejectedUrl(imp.id)} download className="inline-flex items-center gap-1 rounded-sm text-sm text-primary hover:underline focus-ring">
                          <Download className="size-3.5" aria-hidden />
                          {t('recent.download')}
                        </a>
                      )}
                      {imp.hasWarningsReport && (
                        <a href={endpoints.imports.warningsUrl(imp.id)} download className="inline-flex items-center gap-1 rounded-sm text-sm text-primary hover:underline focus-ring">
                          <Download className="size-3.5" aria-hidden />
                          {t('recent.downloadWarnings')}
                        </a>
                      )}
                    </div>
                  ) : imp.reportDeletedAt ? (
                    <span className="text-sm text-fg-muted">{t('recent.reportDeleted')}</span>
                  ) : imp.status === 'uploaded' ? (
                    <Link href={`/leads/import?id=${imp.id}`} className="rounded-sm text-sm text-primary hover:underline focus-ring">
                      {t('recent.resume')}
                    </Link>
                  ) : (
                    <span className="text-fg-subtle">—</span>
                  )}
                </TableCell>
                <TableCell>
                  {DELETABLE.has(imp.status) && (
                    <Button variant="ghost" size="icon" aria-label={t('recent.delete', { name: imp.fileName })} onClick={() => setDeleting(imp)}>
                      <Trash2 aria-hidden />
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={t('map.deleteTitle', { name: deleting?.fileName ?? '' })}
        description={deleting?.status === 'uploaded' || deleting?.status === 'expired' ? t('map.deleteDescription') : t('recent.deleteFinishedDescription')}
        confirmLabel={t('map.deleteConfirm')}
        pending={remove.isPending}
        onConfirm={() => {
          if (deleting) remove.mutate(deleting.id);
        }}
      />
    </Card>
  );
}
