'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Activity, Combine, Mail, PenLine, StickyNote, TrendingUp, UserPlus, type LucideIcon } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useForm } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Field } from '@/components/ui/field';
import { Skeleton } from '@/components/ui/skeleton';
import { Textarea } from '@/components/ui/textarea';
import { toast } from '@/components/ui/toaster';
import { endpoints } from '@/lib/api/endpoints';
import type { TimelineItem } from '@/lib/api/types';
import { cn } from '@/lib/utils/cn';
import { EventUrl, eventUrl, TimelineEventTitle } from '@/features/events/timeline-event';
import { scoreReason } from '@/features/scoring/scoring-rules';
import { useScoreReasonText } from '@/features/scoring/use-scoring';
import { applyProblem } from '@/features/shared/form-errors';
import { useDateFormat } from '@/features/shared/format';
import { useApiErrorText } from '@/features/shared/use-api-error-text';
import { useValidationMessage } from '@/features/shared/use-validation-message';
import { HISTORY_KINDS, useHistoryEntry } from './history-entries';
import { noteSchema } from './schemas';

/** Kinds this page knows how to draw; a kind added by a newer API is drawn like an event. */
type KnownKind = 'event' | 'message' | 'score' | 'note' | 'created' | 'change' | 'merge';
const KIND: Record<KnownKind, { icon: LucideIcon; className: string }> = {
  event: { icon: Activity, className: 'bg-info-soft text-info' },
  message: { icon: Mail, className: 'bg-primary-soft text-primary' },
  score: { icon: TrendingUp, className: 'bg-success-soft text-success' },
  note: { icon: StickyNote, className: 'bg-warning-soft text-warning' },
  created: { icon: UserPlus, className: 'bg-primary-soft text-primary' },
  change: { icon: PenLine, className: 'bg-surface-muted text-fg-muted' },
  merge: { icon: Combine, className: 'bg-info-soft text-info' },
};

const PAGE = 30;

export function Timeline({ leadId, canWrite }: { leadId: string; canWrite: boolean }) {
  const t = useTranslations('leads.timeline');
  const query = useInfiniteQuery({
    queryKey: ['leads', 'timeline', leadId],
    queryFn: ({ pageParam }) => endpoints.leads.timeline(leadId, pageParam, PAGE),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="flex flex-col">
      {canWrite && <NoteBox leadId={leadId} />}
      {query.isPending ? (
        <div role="status" className="grid gap-4 px-5 py-4">
          <span className="sr-only">{t('loading')}</span>
          {[0, 1, 2].map((i) => (
            <div key={i} className="flex gap-3">
              <Skeleton className="size-8 rounded-full" />
              <div className="grid flex-1 gap-2">
                <Skeleton className="h-4 w-1/3" />
                <Skeleton className="h-4 w-2/3" />
              </div>
            </div>
          ))}
        </div>
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState icon={Activity} title={t('emptyTitle')} description={canWrite ? t('emptyDescriptionWriter') : t('emptyDescription')} className="py-10" />
      ) : (
        <>
          <ol className="relative flex flex-col gap-0 px-5 py-4" aria-label={t('title')} data-testid="timeline">
            {items.map((item, i) => (
              <TimelineEntry key={`${item.kind}-${item.id}`} item={item} last={i === items.length - 1} leadId={leadId} canWrite={canWrite} />
            ))}
          </ol>
          {query.hasNextPage && (
            <div className="border-t border-border px-5 py-3 text-center">
              <Button variant="secondary" size="sm" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
                {t('loadMore')}
              </Button>
            </div>
          )}
        </>
      )}
    </div>
  );
}

function TimelineEntry({ item, last, leadId, canWrite }: { item: TimelineItem; last: boolean; leadId: string; canWrite: boolean }) {
  const t = useTranslations('leads.timeline');
  const { dateTime } = useDateFormat();
  const reasonText = useScoreReasonText();
  const historyEntry = useHistoryEntry(leadId, canWrite);
  const kind: KnownKind = item.kind in KIND ? (item.kind as KnownKind) : 'event';
  const { icon: Icon, className } = KIND[kind];
  const d = item.details as Record<string, unknown>;
  let title: React.ReactNode = item.title;
  let body: React.ReactNode = null;
  if (HISTORY_KINDS.has(item.kind)) {
    ({ title, body } = historyEntry(item));
  } else if (item.kind === 'note') {
    title = t('kinds.note');
    body = <p className="whitespace-pre-wrap text-sm text-fg">{String(d.body ?? '')}</p>;
  } else if (item.kind === 'score') {
    const delta = typeof d.delta === 'number' ? d.delta : null;
    title = t('scoreChange', { reason: reasonText(scoreReason(item.title)) });
    body = (
      <p className="text-sm text-fg-muted">
        {delta !== null && <span className={cn('mr-2 font-medium tabular-nums', delta >= 0 ? 'text-success' : 'text-danger')}>{delta >= 0 ? `+${delta}` : delta}</span>}
        {typeof d.score === 'number' && t('scoreNow', { score: d.score })}
      </p>
    );
  } else if (item.kind === 'message') {
    title = t('message', { title: item.title });
    if (typeof d.subject === 'string' && d.subject) body = <p className="text-sm text-fg-muted">{d.subject}</p>;
  } else {
    const url = eventUrl(item.title, d);
    title = <TimelineEventTitle type={item.title} />;
    body = url && <EventUrl url={url} />;
  }
  return (
    <li className="relative flex gap-3 pb-5 last:pb-0" data-kind={item.kind}>
      {!last && <span aria-hidden className="absolute left-4 top-9 bottom-0 w-px bg-border" />}
      <span className={cn('relative flex size-8 shrink-0 items-center justify-center rounded-full', className)}>
        <Icon className="size-4" aria-hidden />
        <span className="sr-only">{t(`kinds.${kind}`)}</span>
      </span>
      <div className="min-w-0 flex-1 pt-1">
        <div className="flex flex-wrap items-baseline justify-between gap-x-3">
          <p className="text-sm font-medium text-fg">{title}</p>
          <time dateTime={item.at} className="text-xs text-fg-muted">
            {dateTime(item.at)}
          </time>
        </div>
        {body && <div className="mt-1">{body}</div>}
      </div>
    </li>
  );
}

function NoteBox({ leadId }: { leadId: string }) {
  const t = useTranslations('leads.timeline');
  const msg = useValidationMessage();
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const form = useForm<{ body: string }>({ resolver: zodResolver(noteSchema), defaultValues: { body: '' } });
  const mutation = useMutation({ mutationFn: (body: string) => endpoints.leads.addNote(leadId, body) });
  const onSubmit = form.handleSubmit(async ({ body }) => {
    try {
      await mutation.mutateAsync(body.trim());
      form.reset({ body: '' });
      toast.success(t('noteAdded'));
      await queryClient.invalidateQueries({ queryKey: ['leads', 'timeline', leadId] });
    } catch (err) {
      const general = applyProblem(err, form.setError, ['body'], errorText);
      if (general) toast.error(general);
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-2 border-b border-border px-5 py-4">
      <Field label={t('noteLabel')} error={msg(form.formState.errors.body?.message)}>
        {(p) => (
          <Textarea
            {...p}
            rows={2}
            placeholder={t('notePlaceholder')}
            {...form.register('body')}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) void onSubmit();
            }}
          />
        )}
      </Field>
      <div className="flex items-center justify-between gap-2">
        <p className="text-xs text-fg-subtle">{t('noteShortcut')}</p>
        <Button type="submit" size="sm" loading={mutation.isPending}>
          {t('addNote')}
        </Button>
      </div>
    </form>
  );
}
