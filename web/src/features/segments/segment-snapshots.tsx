'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Snowflake } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { toast } from '@/components/ui/toaster';
import { ApiError } from '@/lib/api/client';
import { endpoints } from '@/lib/api/endpoints';
import { useDateFormat } from '@/features/shared/format';
import { useApiErrorText } from '@/features/shared/use-api-error-text';

/**
 * A segment's frozen audiences: the members taken at one moment (by a job), which a campaign
 * sends to. The list polls while one is being taken and says when it is ready.
 */
export function SegmentSnapshots({ segmentId, canWrite }: { segmentId: string; canWrite: boolean }) {
  const t = useTranslations('segments.snapshots');
  const format = useFormatter();
  const { dateTime } = useDateFormat();
  const queryClient = useQueryClient();
  const errorText = useApiErrorText();
  const [open, setOpen] = useState(false);
  const [purpose, setPurpose] = useState('');
  const requested = useRef(new Set<string>());
  const snapshots = useQuery({
    queryKey: ['segments', segmentId, 'snapshots'],
    queryFn: () => endpoints.segments.snapshots(segmentId),
    refetchInterval: (q) => (q.state.data?.items.some((s) => !s.takenAt) ? 1000 : false),
  });
  const take = useMutation({
    mutationFn: () => endpoints.segments.takeSnapshot(segmentId, purpose.trim() || undefined),
    onSuccess: (snapshot) => {
      requested.current.add(snapshot.id);
      setOpen(false);
      setPurpose('');
      toast.info(t('started'));
      void queryClient.invalidateQueries({ queryKey: ['segments', segmentId, 'snapshots'] });
    },
    onError: (err: Error) => toast.error(errorText(err instanceof ApiError ? err.code : undefined, err.message)),
  });

  // Announce each snapshot asked for on this page once it is ready.
  useEffect(() => {
    for (const s of snapshots.data?.items ?? []) if (s.takenAt && requested.current.delete(s.id)) toast.success(t('taken', { count: s.size ?? 0 }));
  }, [snapshots.data, t]);

  const items = snapshots.data?.items ?? [];
  return (
    <Card className="mb-6 overflow-hidden">
      <CardHeader className="flex flex-row items-start justify-between gap-4">
        <div>
          <CardTitle>{t('title')}</CardTitle>
          <CardDescription className="mt-1 max-w-2xl">{t('hint')}</CardDescription>
        </div>
        {canWrite && (
          <Button variant="secondary" onClick={() => setOpen(true)} className="shrink-0">
            <Snowflake aria-hidden />
            {t('take')}
          </Button>
        )}
      </CardHeader>
      {snapshots.isPending ? (
        <div className="px-5 py-4">
          <Skeleton className="h-10 w-full" />
        </div>
      ) : snapshots.isError ? (
        <p className="px-5 py-4 text-sm text-fg-muted">{t('error')}</p>
      ) : items.length === 0 ? (
        <p className="px-5 py-4 text-sm text-fg-muted">{t('empty')}</p>
      ) : (
        <Table>
          <TableCaption>{t('title')}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>{t('columns.purpose')}</TableHead>
              <TableHead>{t('columns.takenAt')}</TableHead>
              <TableHead className="text-right">{t('columns.size')}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((s) => (
              <TableRow key={s.id} data-testid="segment-snapshot">
                <TableCell className={s.purpose ? 'font-medium' : 'text-fg-muted'}>{s.purpose ?? t('noPurpose')}</TableCell>
                <TableCell className="text-fg-muted">{s.takenAt ? dateTime(s.takenAt) : t('taking')}</TableCell>
                <TableCell className="text-right tabular-nums">{s.size === null ? '—' : format.number(s.size)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent>
          <form
            className="grid gap-5"
            onSubmit={(e) => {
              e.preventDefault();
              take.mutate();
            }}
          >
            <DialogHeader>
              <DialogTitle>{t('take')}</DialogTitle>
              <DialogDescription>{t('hint')}</DialogDescription>
            </DialogHeader>
            <Field label={t('purpose')}>
              {(control) => <Input {...control} value={purpose} maxLength={200} placeholder={t('purposePlaceholder')} onChange={(e) => setPurpose(e.target.value)} />}
            </Field>
            <DialogFooter>
              <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
                {t('cancel')}
              </Button>
              <Button type="submit" loading={take.isPending}>
                {t('confirm')}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </Card>
  );
}
