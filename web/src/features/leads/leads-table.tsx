'use client';

import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { ArrowDown, ArrowUp, ArrowUpDown, ChevronDown, Columns3, Download, FileUp, Filter, FilterX, KeyRound, Plus, RefreshCw, Search, SearchX, Trash2, Users } from 'lucide-react';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { DropdownMenu, DropdownMenuCheckboxItem, DropdownMenuContent, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from '@/components/ui/dropdown-menu';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { PageHeader } from '@/components/ui/page-header';
import { LoadMore } from '@/components/ui/pagination';
import { ProgressBar } from '@/components/ui/progress';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { TableSkeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { endpoints } from '@/lib/api/endpoints';
import { LIFECYCLE_STAGES, type Lead, type LeadView, type LifecycleStage } from '@/lib/api/types';
import { cn } from '@/lib/utils/cn';
import { useCanWriteLeads, useIsAdmin } from '@/features/auth/use-session';
import { useDebouncedValue } from '@/features/shared/use-debounced-value';
import { BulkBar, type BulkTarget } from './bulk-bar';
import { useBulkJob } from './bulk-job';
import { useColumnLabel, useLeadCell } from './lead-cells';
import { cleanColumns, COLUMN_SORT, columnCatalogue, type ColumnId, DEFAULT_COLUMNS, formatLeadCount, isCustomColumn, moveColumn, toggleColumn } from './lead-columns';
import { LeadFilterDialog } from './lead-filter-dialog';
import { LeadFormDialog, useCustomFields } from './lead-form-dialog';
import {
  activeFilterCount,
  EMPTY_FILTERS,
  exportUrl,
  filtersFromParams,
  filtersToParams,
  nextSort,
  parseSort,
  ruleCount,
  toCountQuery,
  toLeadQuery,
  toMatching,
  type LeadFilters,
} from './lead-query';
import { useLeadName } from './lead-name';
import { LeadViewsMenu, type ViewState } from './lead-views-menu';
import { StageBadge } from './stage-badge';

const PAGE_SIZE = 50;
const ALL = '__all__';
/** Where the member's choice of columns is kept between visits (this browser). */
const COLUMNS_KEY = 'lynara.leads.columns';

/**
 * The member's columns: the defaults on the server and on the first client render (so both
 * render the same HTML), then the choice stored in this browser, read once mounted.
 */
function useColumns(customFields: { key: string }[] | undefined) {
  const [stored, setStored] = useState<string[] | null>(null);
  useEffect(() => {
    try {
      const raw = window.localStorage.getItem(COLUMNS_KEY);
      if (raw) setStored(JSON.parse(raw) as string[]);
    } catch {
      // A choice that cannot be read is no choice: the defaults apply.
    }
  }, []);
  const columns = useMemo(() => cleanColumns(stored, customFields), [stored, customFields]);
  const setColumns = useCallback((next: ColumnId[]) => {
    setStored(next);
    try {
      window.localStorage.setItem(COLUMNS_KEY, JSON.stringify(next));
    } catch {
      // Private browsing: the choice lasts as long as the page.
    }
  }, []);
  return [columns, setColumns] as const;
}

export function LeadsTable() {
  const t = useTranslations('leads');
  const leadName = useLeadName();
  const router = useRouter();
  const searchParams = useSearchParams();
  const isAdmin = useIsAdmin();
  const canWrite = useCanWriteLeads();
  const locale = useLocale();
  const customFields = useCustomFields();
  const [filters, setFilters] = useState<LeadFilters>(() => filtersFromParams(searchParams));
  const [columns, setColumns] = useColumns(customFields.data);
  const [view, setView] = useState<LeadView | null>(null);
  const [creating, setCreating] = useState(false);
  const [filtering, setFiltering] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const bulkJob = useBulkJob();
  const set = (patch: Partial<LeadFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const columnLabel = useColumnLabel(customFields.data);

  // Typing waits for a pause; choices apply at once. Everything is filtered server-side.
  const q = useDebouncedValue(filters.q, 300);
  const source = useDebouncedValue(filters.source, 300);
  const tag = useDebouncedValue(filters.tag, 300);
  const applied = useMemo(() => ({ ...filters, q, source, tag }), [filters, q, source, tag]);
  const apiQuery = useMemo(() => toLeadQuery(applied, PAGE_SIZE), [applied]);
  const countQuery = useMemo(() => toCountQuery(applied), [applied]);
  const appliedParams = filtersToParams(applied).toString();
  const cell = useLeadCell(customFields.data, applied.trash);

  // The URL keeps the list's state (back from a lead returns here); a new list starts unselected.
  useEffect(() => {
    window.history.replaceState(window.history.state, '', appliedParams ? `/leads?${appliedParams}` : '/leads');
    setSelected(new Set());
    setAllMatching(false);
  }, [appliedParams]);

  const query = useInfiniteQuery({
    queryKey: ['leads', 'list', apiQuery],
    queryFn: ({ pageParam }) => endpoints.leads.list({ ...apiQuery, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const total = useQuery({ queryKey: ['leads', 'count', countQuery], queryFn: () => endpoints.leads.count(countQuery), placeholderData: keepPreviousData, retry: false });
  const leads = query.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(applied.q.trim()) || activeFilterCount({ ...applied, trash: false }) > 0;
  const allSelected = leads.length > 0 && leads.every((l) => selected.has(l.id));
  const someSelected = !allSelected && leads.some((l) => selected.has(l.id));
  const totalLabel = total.data ? formatLeadCount(total.data.count, total.data.exact, locale) : null;
  const moreThanShown = Boolean(total.data && (total.data.count > leads.length || !total.data.exact));
  const toggle = (id: string, on: boolean) => {
    setAllMatching(false);
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  };
  const clearSelection = () => {
    setSelected(new Set());
    setAllMatching(false);
  };
  const bulkTarget: BulkTarget | null = allMatching && total.data
    ? { matching: toMatching(applied), count: total.data.count, label: total.data.exact ? totalLabel! : t('count.about', { total: totalLabel! }) }
    : selected.size > 0
      ? { ids: [...selected] }
      : null;

  const viewState: ViewState = {
    q: applied.q.trim() || null,
    criteria: {
      ...(applied.stages.length && { lifecycleStage: applied.stages }),
      ...(applied.source.trim() && { source: applied.source.trim() }),
      ...(applied.tag.trim() && { tag: applied.tag.trim() }),
      ...(applied.emailConsent && { emailConsent: applied.emailConsent }),
      ...(applied.trash && { deleted: 'only' as const }),
    },
    filter: applied.rules,
    columns,
    sort: applied.sort,
  };
  const applyView = (v: LeadView | null) => {
    setView(v);
    if (!v) return;
    setFilters({
      ...EMPTY_FILTERS,
      q: v.q ?? '',
      stages: v.criteria.lifecycleStage ?? [],
      source: v.criteria.source ?? '',
      tag: v.criteria.tag ?? '',
      emailConsent: v.criteria.emailConsent ?? '',
      trash: v.criteria.deleted === 'only',
      sort: v.sort as LeadFilters['sort'],
      rules: v.filter,
    });
    setColumns(cleanColumns(v.columns, customFields.data));
  };
  const { field: sortField, descending } = parseSort(applied.sort);

  const newLeadButton = canWrite && (
    <Button onClick={() => setCreating(true)}>
      <Plus aria-hidden />
      {t('new')}
    </Button>
  );

  const sortHeader = (id: ColumnId) => {
    const sort = isCustomColumn(id) ? undefined : COLUMN_SORT[id];
    const label = id === 'createdAt' && applied.trash ? t('columns.deleted') : columnLabel(id);
    // The trash's date column shows when leads were deleted: that is not a sort the API has.
    if (!sort || (id === 'createdAt' && applied.trash)) return label;
    const active = sortField === sort;
    const Icon = active ? (descending ? ArrowDown : ArrowUp) : ArrowUpDown;
    return (
      <button
        type="button"
        className={cn('-mx-1 inline-flex items-center gap-1 rounded-sm px-1 uppercase tracking-wide hover:text-fg focus-ring', active && 'text-fg')}
        onClick={() => set({ sort: nextSort(applied.sort, sort) })}
        aria-label={t('sortBy', { column: label })}
      >
        {label}
        <Icon className={cn('size-3.5', !active && 'opacity-40')} aria-hidden />
      </button>
    );
  };

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <>
            <Button asChild variant="secondary">
              <a href={exportUrl(applied, locale)} download>
                <Download aria-hidden />
                {t('export')}
              </a>
            </Button>
            {canWrite && (
              <Button asChild variant="secondary">
                <Link href="/leads/import">
                  <FileUp aria-hidden />
                  {t('import')}
                </Link>
              </Button>
            )}
            {newLeadButton}
          </>
        }
      />
      <LeadFormDialog open={creating} onOpenChange={setCreating} lead={null} />
      {filtering && <LeadFilterDialog open={filtering} onOpenChange={setFiltering} filters={applied} onApply={(rules) => set({ rules })} />}
      <Card className="overflow-hidden">
        <FilterBar
          filters={filters}
          set={set}
          onClear={() => setFilters({ ...EMPTY_FILTERS, sort: filters.sort, trash: filters.trash })}
          onAdvanced={() => setFiltering(true)}
          extra={
            <>
              <LeadViewsMenu current={view} state={viewState} onApply={applyView} />
              <ColumnChooser columns={columns} catalogue={columnCatalogue(customFields.data ?? [])} label={columnLabel} onChange={setColumns} />
            </>
          }
        />
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1 border-b border-border px-5 py-2 text-sm text-fg-muted" aria-live="polite" data-testid="lead-count">
          {total.data ? (
            total.data.exact ? t('count.exact', { count: total.data.count, formatted: totalLabel! }) : t('count.estimated', { total: totalLabel! })
          ) : total.isError ? (
            t('count.unavailable')
          ) : (
            <span className="invisible">…</span>
          )}
        </div>
        {bulkJob.running && (
          <div role="status" className="flex flex-col gap-2 border-b border-border bg-primary-soft/60 px-5 py-3" data-testid="bulk-job">
            <p className="flex items-center gap-2 text-sm font-medium text-fg">
              <RefreshCw className="size-4 shrink-0 text-primary motion-safe:animate-spin" aria-hidden />
              {bulkJob.view.phase === 'queued'
                ? t('bulk.jobQueued')
                : bulkJob.view.total !== null
                  ? t('bulk.jobProgress', { done: bulkJob.view.done, total: bulkJob.view.total })
                  : t('bulk.jobRunning')}
            </p>
            <ProgressBar value={bulkJob.view.percent} label={t('bulk.jobLabel')} />
            <p className="text-xs text-fg-muted">{t('bulk.jobHint')}</p>
          </div>
        )}
        {bulkTarget && canWrite && <BulkBar target={bulkTarget} trash={applied.trash} onDone={clearSelection} onJob={bulkJob.track} />}
        {canWrite && allSelected && moreThanShown && totalLabel && (
          <div className="flex flex-wrap items-center gap-2 border-b border-border bg-surface-sunken px-5 py-2 text-sm" data-testid="select-all-matching">
            {allMatching ? (
              <>
                <span>{total.data!.exact ? t('selectMatching.all', { count: total.data!.count, formatted: totalLabel }) : t('selectMatching.allAbout', { total: totalLabel })}</span>
                <Button variant="ghost" size="sm" onClick={clearSelection}>
                  {t('selectMatching.clear')}
                </Button>
              </>
            ) : (
              <>
                <span>{t('selectMatching.page', { count: leads.length })}</span>
                <Button variant="ghost" size="sm" className="text-primary" onClick={() => setAllMatching(true)}>
                  {total.data!.exact ? t('selectMatching.select', { count: total.data!.count, formatted: totalLabel }) : t('selectMatching.selectAbout', { total: totalLabel })}
                </Button>
              </>
            )}
          </div>
        )}
        {query.isPending ? (
          <TableSkeleton columns={7} rows={8} />
        ) : query.isError && !query.data ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : leads.length === 0 ? (
          applied.trash && !filtered ? (
            <EmptyState icon={Trash2} title={t('emptyTrash.title')} description={t('emptyTrash.description')} action={<Button variant="secondary" onClick={() => set({ trash: false })}>{t('emptyTrash.back')}</Button>} />
          ) : filtered ? (
            <EmptyState
              icon={SearchX}
              title={t('emptyFiltered.title')}
              description={t('emptyFiltered.description')}
              action={
                <Button variant="secondary" onClick={() => setFilters({ ...EMPTY_FILTERS, sort: filters.sort, trash: filters.trash })}>
                  <FilterX aria-hidden />
                  {t('filters.clear')}
                </Button>
              }
            />
          ) : (
            <EmptyState
              icon={Users}
              title={t('empty.title')}
              description={t('empty.description')}
              action={
                <>
                  {newLeadButton}
                  {canWrite && (
                    <Button asChild variant="secondary">
                      <Link href="/leads/import">
                        <FileUp aria-hidden />
                        {t('empty.importAction')}
                      </Link>
                    </Button>
                  )}
                  {isAdmin && (
                    <Button asChild variant="secondary">
                      <Link href="/settings/api-keys">
                        <KeyRound aria-hidden />
                        {t('empty.apiAction')}
                      </Link>
                    </Button>
                  )}
                </>
              }
            />
          )
        ) : (
          <div className={cn('transition-opacity', query.isPlaceholderData && 'opacity-60')} aria-busy={query.isFetching || undefined}>
            {/* Phones (≤ 640 px): one card per lead, the same selection and bulk bar. */}
            <LeadCards
              leads={leads}
              canWrite={canWrite}
              selected={selected}
              allSelected={allSelected}
              someSelected={someSelected}
              onToggle={toggle}
              onToggleAll={(on) => {
                setAllMatching(false);
                setSelected(on ? new Set(leads.map((l) => l.id)) : new Set());
              }}
              name={(lead) => leadName(lead)}
            />
            <Table className="hidden sm:table">
              <TableCaption>{applied.trash ? t('trashCaption') : t('title')}</TableCaption>
              <TableHeader>
                <TableRow>
                  {canWrite && (
                    <TableHead className="w-10">
                      <Checkbox
                        aria-label={t('selectAll')}
                        checked={allSelected ? true : someSelected ? 'indeterminate' : false}
                        onCheckedChange={(v) => {
                          setAllMatching(false);
                          setSelected(v === true ? new Set(leads.map((l) => l.id)) : new Set());
                        }}
                      />
                    </TableHead>
                  )}
                  {columns.map((id) => {
                    const sort = isCustomColumn(id) ? undefined : COLUMN_SORT[id];
                    return (
                      <TableHead
                        key={id}
                        className={cn(id === 'score' && 'text-right')}
                        aria-sort={sort && sortField === sort && !(id === 'createdAt' && applied.trash) ? (descending ? 'descending' : 'ascending') : undefined}
                      >
                        {sortHeader(id)}
                      </TableHead>
                    );
                  })}
                </TableRow>
              </TableHeader>
              <TableBody>
                {leads.map((lead) => {
                  const name = leadName(lead);
                  return (
                    <TableRow
                      key={lead.id}
                      data-testid="lead-row"
                      data-state={selected.has(lead.id) ? 'selected' : undefined}
                      className="cursor-pointer data-[state=selected]:bg-primary-soft/40"
                      onClick={(e) => {
                        if ((e.target as HTMLElement).closest('a,button,[role=checkbox]')) return;
                        router.push(`/leads/${lead.id}`);
                      }}
                    >
                      {canWrite && (
                        <TableCell className="w-10">
                          <Checkbox aria-label={t('selectOne', { name: name || lead.email || lead.phone || t('unnamed') })} checked={selected.has(lead.id)} onCheckedChange={(v) => toggle(lead.id, v === true)} />
                        </TableCell>
                      )}
                      {columns.map((id) =>
                        id === 'name' ? (
                          <TableCell key={id} className="whitespace-nowrap font-medium">
                            <Link href={`/leads/${lead.id}`} className="rounded-sm hover:text-primary hover:underline focus-ring">
                              {cell(lead, id)}
                            </Link>
                          </TableCell>
                        ) : (
                          <TableCell
                            key={id}
                            className={cn(
                              id === 'score' && 'text-right tabular-nums',
                              (id === 'email' || id === 'streetAddress') && 'max-w-64 truncate text-fg-muted',
                              (id === 'phone' || id === 'createdAt' || id === 'updatedAt' || id === 'sourceCreatedAt') && 'whitespace-nowrap text-fg-muted',
                            )}
                          >
                            {cell(lead, id)}
                          </TableCell>
                        ),
                      )}
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
            <LoadMore shown={leads.length} hasMore={Boolean(query.hasNextPage)} loading={query.isFetchingNextPage} onLoadMore={() => void query.fetchNextPage()} />
          </div>
        )}
      </Card>
    </>
  );
}

/** The table's columns: tick to show, arrows to reorder; the name stays first. */
function ColumnChooser({ columns, catalogue, label, onChange }: { columns: ColumnId[]; catalogue: ColumnId[]; label: (id: ColumnId) => string; onChange: (next: ColumnId[]) => void }) {
  const t = useTranslations('leads.columnChooser');
  const shown = columns.filter((c) => c !== 'name');
  const hidden = catalogue.filter((c) => c !== 'name' && !columns.includes(c));
  return (
    // Not modal: the table updates behind the menu while columns are ticked.
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>
        <Button variant="secondary" size="sm" data-testid="column-chooser">
          <Columns3 aria-hidden />
          {t('label')}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="max-h-[70vh] w-72 overflow-y-auto">
        <DropdownMenuLabel>{t('shown')}</DropdownMenuLabel>
        {shown.map((id) => (
          <div key={id} className="flex items-center gap-1">
            <DropdownMenuCheckboxItem className="flex-1" checked onSelect={(e) => e.preventDefault()} onCheckedChange={() => onChange(toggleColumn(columns, id, false))}>
              {label(id)}
            </DropdownMenuCheckboxItem>
            <Button variant="ghost" size="icon" className="size-7" aria-label={t('moveLeft', { column: label(id) })} disabled={columns.indexOf(id) <= 1} onClick={() => onChange(moveColumn(columns, id, -1))}>
              <ArrowUp aria-hidden />
            </Button>
            <Button variant="ghost" size="icon" className="size-7" aria-label={t('moveRight', { column: label(id) })} disabled={columns.indexOf(id) === columns.length - 1} onClick={() => onChange(moveColumn(columns, id, 1))}>
              <ArrowDown aria-hidden />
            </Button>
          </div>
        ))}
        {hidden.length > 0 && <DropdownMenuSeparator />}
        {hidden.length > 0 && <DropdownMenuLabel>{t('hidden')}</DropdownMenuLabel>}
        {hidden.map((id) => (
          <DropdownMenuCheckboxItem key={id} checked={false} onSelect={(e) => e.preventDefault()} onCheckedChange={() => onChange(toggleColumn(columns, id, true))}>
            {label(id)}
          </DropdownMenuCheckboxItem>
        ))}
        <DropdownMenuSeparator />
        <button type="button" className="w-full rounded-sm px-2 py-1.5 text-left text-sm text-fg-muted hover:bg-surface-sunken focus-ring" onClick={() => onChange(DEFAULT_COLUMNS)}>
          {t('reset')}
        </button>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

/** Phones: each lead a card (name, company, city, score, stage) with its checkbox. */
function LeadCards({
  leads,
  canWrite,
  selected,
  allSelected,
  someSelected,
  onToggle,
  onToggleAll,
  name,
}: {
  leads: Lead[];
  canWrite: boolean;
  selected: Set<string>;
  allSelected: boolean;
  someSelected: boolean;
  onToggle: (id: string, on: boolean) => void;
  onToggleAll: (on: boolean) => void;
  name: (lead: Lead) => string;
}) {
  const t = useTranslations('leads');
  return (
    <div className="sm:hidden">
      {canWrite && (
        <label className="flex items-center gap-3 border-b border-border px-4 py-2 text-sm text-fg-muted">
          <Checkbox aria-label={t('selectAll')} checked={allSelected ? true : someSelected ? 'indeterminate' : false} onCheckedChange={(v) => onToggleAll(v === true)} />
          {t('selectAllShort')}
        </label>
      )}
      <ul className="divide-y divide-border">
        {leads.map((lead) => {
          const label = name(lead);
          return (
            <li key={lead.id} data-testid="lead-card" data-state={selected.has(lead.id) ? 'selected' : undefined} className="flex items-start gap-3 px-4 py-3 data-[state=selected]:bg-primary-soft/40">
              {canWrite && (
                <Checkbox className="mt-1" aria-label={t('selectOne', { name: label || lead.email || lead.phone || t('unnamed') })} checked={selected.has(lead.id)} onCheckedChange={(v) => onToggle(lead.id, v === true)} />
              )}
              <div className="min-w-0 flex-1">
                <div className="flex items-baseline justify-between gap-2">
                  <Link href={`/leads/${lead.id}`} className="truncate font-medium hover:text-primary hover:underline focus-ring rounded-sm">
                    {label || lead.email || lead.phone || <span className="text-fg-muted">{t('unnamed')}</span>}
                  </Link>
                  <span className="shrink-0 text-sm tabular-nums text-fg-muted" aria-label={t('scoreValue', { score: lead.score })}>
                    {lead.score}
                  </span>
                </div>
                <p className="truncate text-sm text-fg-muted">{[lead.company, lead.city].filter(Boolean).join(' · ') || '—'}</p>
                <div className="mt-1">
                  <StageBadge stage={lead.lifecycleStage} />
                </div>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function FilterBar({ filters, set, onClear, onAdvanced, extra }: { filters: LeadFilters; set: (patch: Partial<LeadFilters>) => void; onClear: () => void; onAdvanced: () => void; extra: React.ReactNode }) {
  const t = useTranslations('leads');
  const count = activeFilterCount({ ...filters, trash: false });
  const toggleStage = (s: LifecycleStage, on: boolean) => set({ stages: on ? [...filters.stages, s] : filters.stages.filter((x) => x !== s) });
  return (
    <div role="search" aria-label={t('filters.label')} className="flex flex-col gap-3 border-b border-border px-5 py-4">
      <div className="flex flex-col gap-3 lg:flex-row lg:items-center">
        <div className="relative flex-1">
          <Search className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-fg-subtle" aria-hidden />
          <Input type="search" aria-label={t('filters.search')} placeholder={t('filters.searchPlaceholder')} className="pl-9" value={filters.q} onChange={(e) => set({ q: e.target.value })} maxLength={100} />
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Button variant={filters.trash ? 'primary' : 'secondary'} size="sm" aria-pressed={filters.trash} onClick={() => set({ trash: !filters.trash })}>
            <Trash2 aria-hidden />
            {t('filters.trash')}
          </Button>
          {extra}
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {/* Not modal: the list updates behind the menu while stages are ticked. */}
        <DropdownMenu modal={false}>
          <DropdownMenuTrigger asChild>
            <Button variant="secondary" size="sm" className={cn(filters.stages.length && 'border-primary text-primary')}>
              {filters.stages.length ? t('filters.stagesCount', { count: filters.stages.length }) : t('filters.stages')}
              <ChevronDown aria-hidden />
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="start">
            {LIFECYCLE_STAGES.map((s) => (
              <DropdownMenuCheckboxItem key={s} checked={filters.stages.includes(s)} onSelect={(e) => e.preventDefault()} onCheckedChange={(v) => toggleStage(s, v === true)}>
                {t(`stages.${s}`)}
              </DropdownMenuCheckboxItem>
            ))}
          </DropdownMenuContent>
        </DropdownMenu>
        <Select value={filters.emailConsent || ALL} onValueChange={(v) => set({ emailConsent: v === ALL ? '' : (v as LeadFilters['emailConsent']) })}>
          <SelectTrigger className={cn('h-8 w-auto min-w-44', filters.emailConsent && 'border-primary text-primary')} aria-label={t('filters.emailConsent')}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>{t('filters.consentAll')}</SelectItem>
            <SelectItem value="granted">{t('filters.consentGranted')}</SelectItem>
            <SelectItem value="denied">{t('filters.consentDenied')}</SelectItem>
            <SelectItem value="unknown">{t('filters.consentUnknown')}</SelectItem>
          </SelectContent>
        </Select>
        {/* Phones keep the bar short: source and tag are in the advanced filters there. */}
        <div className="hidden items-center gap-1.5 sm:flex">
          <Label htmlFor="lead-filter-source" className="text-xs text-fg-muted">
            {t('filters.source')}
          </Label>
          <Input id="lead-filter-source" className="h-8 w-36" placeholder={t('filters.sourcePlaceholder')} value={filters.source} onChange={(e) => set({ source: e.target.value })} maxLength={100} />
        </div>
        <div className="hidden items-center gap-1.5 sm:flex">
          <Label htmlFor="lead-filter-tag" className="text-xs text-fg-muted">
            {t('filters.tag')}
          </Label>
          <Input id="lead-filter-tag" className="h-8 w-36" placeholder={t('filters.tagPlaceholder')} value={filters.tag} onChange={(e) => set({ tag: e.target.value })} maxLength={50} />
        </div>
        <Button variant="secondary" size="sm" className={cn(filters.rules && 'border-primary text-primary')} onClick={onAdvanced} data-testid="advanced-filters">
          <Filter aria-hidden />
          {filters.rules ? t('filters.advancedCount', { count: ruleCount(filters.rules) }) : t('filters.advanced')}
        </Button>
        {(count > 0 || filters.q) && (
          <Button variant="ghost" size="sm" onClick={onClear}>
            <FilterX aria-hidden />
            {t('filters.clear')}
          </Button>
        )}
      </div>
    </div>
  );
}
