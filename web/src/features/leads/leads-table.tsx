'use client';

import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { ArrowDownWideNarrow, ChevronDown, Download, FileUp, FilterX, KeyRound, Plus, Search, SearchX, Trash2, Users } from 'lucide-react';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useMemo, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { DropdownMenu, DropdownMenuCheckboxItem, DropdownMenuContent, DropdownMenuTrigger } from '@/components/ui/dropdown-menu';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { PageHeader } from '@/components/ui/page-header';
import { LoadMore } from '@/components/ui/pagination';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { TableSkeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { endpoints } from '@/lib/api/endpoints';
import { LIFECYCLE_STAGES, type LifecycleStage } from '@/lib/api/types';
import { cn } from '@/lib/utils/cn';
import { useCanWriteLeads, useIsAdmin } from '@/features/auth/use-session';
import { useDateFormat } from '@/features/shared/format';
import { useDebouncedValue } from '@/features/shared/use-debounced-value';
import { BulkBar } from './bulk-bar';
import { LeadFormDialog } from './lead-form-dialog';
import { activeFilterCount, EMPTY_FILTERS, exportUrl, filtersFromParams, filtersToParams, toLeadQuery, type LeadFilters } from './lead-query';
import { formatPhone } from './schemas';
import { useLeadName } from './lead-name';
import { StageBadge } from './stage-badge';

const PAGE_SIZE = 50;
const ALL = '__all__';
const none = <span className="text-fg-subtle">—</span>;

export function LeadsTable() {
  const t = useTranslations('leads');
  const leadName = useLeadName();
  const router = useRouter();
  const searchParams = useSearchParams();
  const isAdmin = useIsAdmin();
  const canWrite = useCanWriteLeads();
  const { date } = useDateFormat();
  const locale = useLocale();
  const [filters, setFilters] = useState<LeadFilters>(() => filtersFromParams(searchParams));
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const set = (patch: Partial<LeadFilters>) => setFilters((f) => ({ ...f, ...patch }));

  // Typing waits for a pause; choices apply at once. Everything is filtered server-side.
  const q = useDebouncedValue(filters.q, 300);
  const source = useDebouncedValue(filters.source, 300);
  const tag = useDebouncedValue(filters.tag, 300);
  const applied = useMemo(() => ({ ...filters, q, source, tag }), [filters, q, source, tag]);
  const apiQuery = useMemo(() => toLeadQuery(applied, PAGE_SIZE), [applied]);
  const appliedParams = filtersToParams(applied).toString();

  // The URL keeps the list's state (back from a lead returns here); a new list starts unselected.
  useEffect(() => {
    window.history.replaceState(window.history.state, '', appliedParams ? `/leads?${appliedParams}` : '/leads');
    setSelected(new Set());
  }, [appliedParams]);

  const query = useInfiniteQuery({
    queryKey: ['leads', 'list', apiQuery],
    queryFn: ({ pageParam }) => endpoints.leads.list({ ...apiQuery, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const leads = query.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(applied.q.trim()) || activeFilterCount({ ...applied, trash: false }) > 0;
  const allSelected = leads.length > 0 && leads.every((l) => selected.has(l.id));
  const someSelected = !allSelected && leads.some((l) => selected.has(l.id));
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const newLeadButton = canWrite && (
    <Button onClick={() => setCreating(true)}>
      <Plus aria-hidden />
      {t('new')}
    </Button>
  );

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
      <Card className="overflow-hidden">
        <FilterBar filters={filters} set={set} onClear={() => setFilters({ ...EMPTY_FILTERS, sort: filters.sort, trash: filters.trash })} />
        {selected.size > 0 && canWrite && <BulkBar ids={[...selected]} trash={applied.trash} onDone={() => setSelected(new Set())} />}
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
            <Table>
              <TableCaption>{applied.trash ? t('trashCaption') : t('title')}</TableCaption>
              <TableHeader>
                <TableRow>
                  {canWrite && (
                    <TableHead className="w-10">
                      <Checkbox
                        aria-label={t('selectAll')}
                        checked={allSelected ? true : someSelected ? 'indeterminate' : false}
                        onCheckedChange={(v) => setSelected(v === true ? new Set(leads.map((l) => l.id)) : new Set())}
                      />
                    </TableHead>
                  )}
                  <TableHead>{t('columns.name')}</TableHead>
                  <TableHead>{t('columns.email')}</TableHead>
                  <TableHead>{t('columns.company')}</TableHead>
                  <TableHead>{t('columns.phone')}</TableHead>
                  <TableHead>{t('columns.stage')}</TableHead>
                  <TableHead className="text-right">{t('columns.score')}</TableHead>
                  <TableHead>{t('columns.tags')}</TableHead>
                  <TableHead>{applied.trash ? t('columns.deleted') : t('columns.created')}</TableHead>
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
                      <TableCell className="whitespace-nowrap font-medium">
                        <Link href={`/leads/${lead.id}`} className="rounded-sm hover:text-primary hover:underline focus-ring">
                          {name || <span className="text-fg-muted">{t('unnamed')}</span>}
                        </Link>
                      </TableCell>
                      <TableCell className="max-w-64 truncate text-fg-muted">{lead.email ?? none}</TableCell>
                      <TableCell>{lead.company ?? none}</TableCell>
                      <TableCell className="whitespace-nowrap text-fg-muted">{lead.phone ? formatPhone(lead.phone) : none}</TableCell>
                      <TableCell>
                        <StageBadge stage={lead.lifecycleStage} />
                      </TableCell>
                      <TableCell className="text-right tabular-nums">{lead.score}</TableCell>
                      <TableCell>
                        <div className="flex max-w-56 flex-wrap gap-1">
                          {lead.tags.slice(0, 3).map((tag) => (
                            <Badge key={tag}>{tag}</Badge>
                          ))}
                          {lead.tags.length > 3 && <Badge>+{lead.tags.length - 3}</Badge>}
                          {lead.tags.length === 0 && none}
                        </div>
                      </TableCell>
                      <TableCell className="whitespace-nowrap text-fg-muted">{date(applied.trash ? lead.deletedAt : lead.createdAt)}</TableCell>
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

function FilterBar({ filters, set, onClear }: { filters: LeadFilters; set: (patch: Partial<LeadFilters>) => void; onClear: () => void }) {
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
          <div className="flex items-center gap-2">
            <ArrowDownWideNarrow className="size-4 text-fg-muted" aria-hidden />
            <Select value={filters.sort} onValueChange={(v) => set({ sort: v as LeadFilters['sort'] })}>
              <SelectTrigger className="h-8 w-auto min-w-40" aria-label={t('filters.sort')}>
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value="createdAt">{t('filters.sortNewest')}</SelectItem>
                <SelectItem value="score">{t('filters.sortScore')}</SelectItem>
              </SelectContent>
            </Select>
          </div>
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
        <div className="flex items-center gap-1.5">
          <Label htmlFor="lead-filter-source" className="text-xs text-fg-muted">
            {t('filters.source')}
          </Label>
          <Input id="lead-filter-source" className="h-8 w-36" placeholder={t('filters.sourcePlaceholder')} value={filters.source} onChange={(e) => set({ source: e.target.value })} maxLength={100} />
        </div>
        <div className="flex items-center gap-1.5">
          <Label htmlFor="lead-filter-tag" className="text-xs text-fg-muted">
            {t('filters.tag')}
          </Label>
          <Input id="lead-filter-tag" className="h-8 w-36" placeholder={t('filters.tagPlaceholder')} value={filters.tag} onChange={(e) => set({ tag: e.target.value })} maxLength={50} />
        </div>
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
