'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Bot, History, KeyRound, RotateCcw, Search, UserRound } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { LoadMore } from '@/components/ui/pagination';
import { Select, SelectContent, SelectGroup, SelectItem, SelectLabel, SelectTrigger, SelectValue } from '@/components/ui/select';
import { TableSkeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { endpoints } from '@/lib/api/endpoints';
import type { AuditLogEntry, AuditLogFilters } from '@/lib/api/types';
import { useDateFormat } from '@/features/shared/format';
import { AdminOnly } from '@/features/settings/admin-only';
import { Section } from '@/features/settings/section';
import { ACTION_FAMILIES, actionsOf, ENTITY_TYPES, type ActionFamily } from './audit-sentences';
import { useAuditSentence } from './use-audit-sentence';

const PAGE_SIZE = 50;
const ALL = 'all';

export interface FilterForm {
  /** `all`, `system`, `user:<id>` or `api_key:<id>`. */
  actor: string;
  family: ActionFamily | typeof ALL;
  entityType: string;
  from: string;
  to: string;
}

const EMPTY: FilterForm = { actor: ALL, family: ALL, entityType: ALL, from: '', to: '' };

/** The filter form as the API's query: a family is its actions; date inputs give local days, the API wants instants covering them. */
export function toApiFilters(form: FilterForm): AuditLogFilters {
  const out: AuditLogFilters = {};
  if (form.actor === 'system') out.actorType = 'system';
  else if (form.actor !== ALL) {
    const [type, id] = form.actor.split(':') as ['user' | 'api_key', string];
    out.actorType = type;
    out.actorId = id;
  }
  if (form.family !== ALL) out.action = [actionsOf(form.family).join(',')];
  if (form.entityType !== ALL) out.entityType = form.entityType;
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
  const [draft, setDraft] = useState<FilterForm>(EMPTY);
  const [filters, setFilters] = useState<AuditLogFilters>({});
  const members = useQuery({ queryKey: ['members'], queryFn: endpoints.members.list });
  const keys = useQuery({ queryKey: ['api-keys', 'list'], queryFn: endpoints.apiKeys.list });
  const query = useInfiniteQuery({
    queryKey: ['audit-logs', filters],
    queryFn: ({ pageParam }) => endpoints.auditLogs.list({ ...filters, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const entries = query.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Object.keys(filters).length > 0;
  const rangeInvalid = Boolean(draft.from && draft.to && draft.from > draft.to);

  const sentence = useAuditSentence();

  const set = (key: keyof FilterForm) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));

  return (
    <Section title={t('title')} description={t('description')}>
      <form
        role="search"
        aria-label={t('filters')}
        className="grid gap-3 border-b border-border bg-surface-muted px-5 py-4 sm:grid-cols-2 lg:grid-cols-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (!rangeInvalid) setFilters(toApiFilters(draft));
        }}
      >
        <Field label={t('filter.actor')}>
          {(p) => (
            <Select value={draft.actor} onValueChange={set('actor')}>
              <SelectTrigger id={p.id} aria-describedby={p['aria-describedby']} className="[&>span]:truncate">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={ALL}>{t('filter.anyActor')}</SelectItem>
                {(members.data?.items.length ?? 0) > 0 && (
                  <SelectGroup>
                    <SelectLabel>{t('filter.members')}</SelectLabel>
                    {members.data!.items.map((m) => (
                      <SelectItem key={m.userId} value={`user:${m.userId}`}>
                        {m.name || m.email}
                      </SelectItem>
                    ))}
                  </SelectGroup>
                )}
                {(keys.data?.items.length ?? 0) > 0 && (
                  <SelectGroup>
                    <SelectLabel>{t('filter.apiKeys')}</SelectLabel>
                    {keys.data!.items.map((k) => (
                      <SelectItem key={k.id} value={`api_key:${k.id}`}>
                        {k.name}
                      </SelectItem>
                    ))}
                  </SelectGroup>
                )}
                <SelectItem value="system">{t('filter.system')}</SelectItem>
              </SelectContent>
            </Select>
          )}
        </Field>
        <Field label={t('filter.family')}>
          {(p) => (
            <Select value={draft.family} onValueChange={set('family')}>
              <SelectTrigger id={p.id} aria-describedby={p['aria-describedby']} className="[&>span]:truncate">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={ALL}>{t('filter.anyFamily')}</SelectItem>
                {ACTION_FAMILIES.map((f) => (
                  <SelectItem key={f} value={f}>
                    {t(`families.${f}`)}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          )}
        </Field>
        <Field label={t('filter.entityType')}>
          {(p) => (
            <Select value={draft.entityType} onValueChange={set('entityType')}>
              <SelectTrigger id={p.id} aria-describedby={p['aria-describedby']} className="[&>span]:truncate">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={ALL}>{t('filter.anyEntity')}</SelectItem>
                {ENTITY_TYPES.map((e) => (
                  <SelectItem key={e} value={e}>
                    {t(`entities.${e}`)}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          )}
        </Field>
        <Field label={t('filter.from')}>{(p) => <Input {...p} type="date" value={draft.from} onChange={(e) => set('from')(e.target.value)} max={draft.to || undefined} />}</Field>
        <Field label={t('filter.to')} error={rangeInvalid ? t('filter.rangeInvalid') : undefined}>
          {(p) => <Input {...p} type="date" value={draft.to} onChange={(e) => set('to')(e.target.value)} min={draft.from || undefined} />}
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
        <TableSkeleton columns={3} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : entries.length === 0 ? (
        <EmptyState icon={History} title={filtered ? t('emptyFilteredTitle') : t('emptyTitle')} description={filtered ? t('emptyFilteredDescription') : t('emptyDescription')} />
      ) : (
        <>
          <Table className="table-fixed">
            <TableCaption>{t('title')}</TableCaption>
            <colgroup>
              <col className="w-44" />
              <col />
              <col className="w-40" />
            </colgroup>
            <TableHeader>
              <TableRow>
                <TableHead>{t('columns.time')}</TableHead>
                <TableHead>{t('columns.what')}</TableHead>
                <TableHead>{t('columns.origin')}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {entries.map((e) => (
                <AuditRow key={e.id} entry={e} sentence={sentence(e)} />
              ))}
            </TableBody>
          </Table>
          <LoadMore shown={entries.length} hasMore={Boolean(query.hasNextPage)} loading={query.isFetchingNextPage} onLoadMore={() => void query.fetchNextPage()} />
        </>
      )}
    </Section>
  );
}

function AuditRow({ entry, sentence }: { entry: AuditLogEntry; sentence: string }) {
  const t = useTranslations('auditLog');
  const { dateTime } = useDateFormat();
  const Icon = ACTOR_ICON[entry.actorType as keyof typeof ACTOR_ICON] ?? UserRound;
  return (
    <TableRow data-testid="audit-entry" data-action={entry.action}>
      <TableCell className="align-top text-fg-muted">
        <time dateTime={entry.occurredAt}>{dateTime(entry.occurredAt)}</time>
      </TableCell>
      <TableCell className="align-top">
        <p className="flex items-start gap-2">
          <Icon className="mt-0.5 size-4 shrink-0 text-fg-subtle" aria-hidden />
          <span className="min-w-0 break-words">{sentence}</span>
        </p>
      </TableCell>
      <TableCell className="align-top text-xs text-fg-muted">
        {entry.ip ? <span className="block truncate font-mono" title={t('origin', { ip: entry.ip })}>{entry.ip}</span> : <span className="text-fg-subtle">—</span>}
        {entry.requestId && (
          <span className="block truncate font-mono text-fg-subtle" title={t('requestId', { id: entry.requestId })}>
            {entry.requestId}
          </span>
        )}
      </TableCell>
    </TableRow>
  );
}
