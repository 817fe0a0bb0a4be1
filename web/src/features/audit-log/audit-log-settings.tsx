'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { Bot, History, KeyRound, RotateCcw, Search, UserRound } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { LoadMore } from '@/components/ui/pagination';
import { TableSkeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { endpoints } from '@/lib/api/endpoints';
import type { AuditLogEntry, AuditLogFilters } from '@/lib/api/types';
import { useDateFormat } from '@/features/shared/format';
import { AdminOnly } from '@/features/settings/admin-only';
import { Section } from '@/features/settings/section';

const PAGE_SIZE = 50;

interface FilterForm {
  action: string;
  entityType: string;
  from: string;
  to: string;
}

const EMPTY: FilterForm = { action: '', entityType: '', from: '', to: '' };

/** Date inputs give local calendar days; the API wants instants covering them. */
export function toApiFilters(form: FilterForm): AuditLogFilters {
  const out: AuditLogFilters = {};
  if (form.action.trim()) out.action = form.action.trim();
  if (form.entityType.trim()) out.entityType = form.entityType.trim();
  if (form.from) out.from = new Date(`${form.from}T00:00:00`).toISOString();
  if (form.to) out.to = new Date(`${form.to}T23:59:59.999`).toISOString();
  return out;
}

const ACTOR_ICON = { user: UserRound, api_key: KeyRound, system: Bot } as const;

export function AuditLogSettings() {
  return (
    <AdminOnly>
      <AuditLog />
    </AdminOnly>
  );
}

function AuditLog() {
  const t = useTranslations('auditLog');
  const { dateTime } = useDateFormat();
  const [draft, setDraft] = useState<FilterForm>(EMPTY);
  const [filters, setFilters] = useState<AuditLogFilters>({});
  const query = useInfiniteQuery({
    queryKey: ['audit-logs', filters],
    queryFn: ({ pageParam }) => endpoints.auditLogs.list({ ...filters, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const entries = query.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Object.keys(filters).length > 0;
  const rangeInvalid = Boolean(draft.from && draft.to && draft.from > draft.to);

  const set = (key: keyof FilterForm) => (e: React.ChangeEvent<HTMLInputElement>) => setDraft((d) => ({ ...d, [key]: e.target.value }));

  return (
    <Section title={t('title')} description={t('description')}>
      <form
        role="search"
        aria-label={t('filters')}
        className="grid gap-3 border-b border-border bg-surface-muted px-5 py-4 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_10rem_10rem_auto]"
        onSubmit={(e) => {
          e.preventDefault();
          if (!rangeInvalid) setFilters(toApiFilters(draft));
        }}
      >
        <Field label={t('filter.action')}>{(p) => <Input {...p} value={draft.action} onChange={set('action')} placeholder={t('filter.actionPlaceholder')} />}</Field>
        <Field label={t('filter.entityType')}>{(p) => <Input {...p} value={draft.entityType} onChange={set('entityType')} placeholder={t('filter.entityTypePlaceholder')} />}</Field>
        <Field label={t('filter.from')}>{(p) => <Input {...p} type="date" value={draft.from} onChange={set('from')} max={draft.to || undefined} />}</Field>
        <Field label={t('filter.to')} error={rangeInvalid ? t('filter.rangeInvalid') : undefined}>
          {(p) => <Input {...p} type="date" value={draft.to} onChange={set('to')} min={draft.from || undefined} />}
        </Field>
        <div className="flex items-end gap-2">
          <Button type="submit" disabled={rangeInvalid}>
            <Search aria-hidden />
            {t('filter.apply')}
          </Button>
          {filtered && (
            <Button
              type="button"
              variant="ghost"
              onClick={() => {
                setDraft(EMPTY);
                setFilters({});
              }}
            >
              <RotateCcw aria-hidden />
              {t('filter.reset')}
            </Button>
          )}
        </div>
      </form>
      {query.isPending ? (
        <TableSkeleton columns={6} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : entries.length === 0 ? (
        <EmptyState icon={History} title={filtered ? t('emptyFilteredTitle') : t('emptyTitle')} description={filtered ? t('emptyFilteredDescription') : t('emptyDescription')} />
      ) : (
        <>
          <Table>
            <TableCaption>{t('title')}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHead>{t('columns.time')}</TableHead>
                <TableHead>{t('columns.actor')}</TableHead>
                <TableHead>{t('columns.action')}</TableHead>
                <TableHead>{t('columns.entity')}</TableHead>
                <TableHead>{t('columns.entityId')}</TableHead>
                <TableHead>{t('columns.ip')}</TableHead>
                <TableHead>{t('columns.requestId')}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {entries.map((e) => (
                <AuditRow key={e.id} entry={e} time={dateTime(e.occurredAt)} actorType={t(`actorType.${e.actorType}`)} />
              ))}
            </TableBody>
          </Table>
          <LoadMore shown={entries.length} hasMore={Boolean(query.hasNextPage)} loading={query.isFetchingNextPage} onLoadMore={() => void query.fetchNextPage()} />
        </>
      )}
    </Section>
  );
}

function Mono({ value }: { value: string | null }) {
  if (!value) return <span className="text-fg-subtle">—</span>;
  return (
    <code title={value} className="block max-w-[7.5rem] truncate font-mono text-xs text-fg-muted">
      {value}
    </code>
  );
}

function AuditRow({ entry, time, actorType }: { entry: AuditLogEntry; time: string; actorType: string }) {
  const Icon = ACTOR_ICON[entry.actorType] ?? UserRound;
  return (
    <TableRow>
      <TableCell className="whitespace-nowrap text-fg-muted">{time}</TableCell>
      <TableCell>
        <span className="flex items-center gap-2">
          <Icon className="size-4 shrink-0 text-fg-subtle" aria-label={actorType} />
          <span className="max-w-[12rem] truncate" title={entry.actorLabel ?? entry.actorId ?? undefined}>
            {entry.actorLabel ?? entry.actorId ?? actorType}
          </span>
        </span>
      </TableCell>
      <TableCell>
        <Badge tone="brand" mono>
          {entry.action}
        </Badge>
      </TableCell>
      <TableCell>{entry.entityType ?? '—'}</TableCell>
      <TableCell>
        <Mono value={entry.entityId} />
      </TableCell>
      <TableCell className="whitespace-nowrap font-mono text-xs text-fg-muted">{entry.ip ?? '—'}</TableCell>
      <TableCell>
        <Mono value={entry.requestId} />
      </TableCell>
    </TableRow>
  );
}
