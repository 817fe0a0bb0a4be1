'use client';

import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { type LucideIcon, Plus, Search, SearchX } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Input } from '@/components/ui/input';
import { LoadMore } from '@/components/ui/pagination';
import { TableSkeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { toast } from '@/components/ui/toaster';
import { ApiError } from '@/lib/api/client';
import type { CursorPage } from '@/lib/api/types';
import { cn } from '@/lib/utils/cn';
import { useCanWriteLeads } from '@/features/auth/use-session';
import { useApiErrorText } from '@/features/shared/use-api-error-text';
import { useDebouncedValue } from '@/features/shared/use-debounced-value';
import { RowActions } from '@/components/ui/row-actions';

export interface CatalogueColumn<T> {
  key: string;
  header: React.ReactNode;
  /** Classes for the header and the cells (alignment, width). */
  className?: string;
  cellClassName?: string;
  cell: (item: T) => React.ReactNode;
}

interface CatalogueListProps<T extends { id: string }> {
  /** Query-key root, invalidated after a delete (and by the edit dialogs after a save). */
  resource: 'products' | 'properties';
  /** Where the list's words live: both namespaces share the list keys. */
  namespace: 'catalogue.products' | 'catalogue.properties';
  emptyIcon: LucideIcon;
  columns: readonly CatalogueColumn<T>[];
  /** Server-side filters besides the search box; any set one counts as "filtered" for the empty state. */
  filters?: Record<string, string | undefined>;
  filterControls?: React.ReactNode;
  fetchPage: (query: { q?: string; limit: number; cursor: string | null }) => Promise<CursorPage<T>>;
  remove: (id: string) => Promise<unknown>;
  nameOf: (item: T) => string;
  rowTestId: string;
  /** The create (item null) or edit dialog. */
  renderDialog: (item: T | null, onClose: () => void) => React.ReactNode;
}

/**
 * A catalogue list page: search (plus optional filters) on the server, cursor paging, loading,
 * error and empty states, and the create/edit dialog and delete confirmation around the table.
 */
export function CatalogueList<T extends { id: string }>({
  resource,
  namespace,
  emptyIcon,
  columns,
  filters = {},
  filterControls,
  fetchPage,
  remove,
  nameOf,
  rowTestId,
  renderDialog,
}: CatalogueListProps<T>) {
  const t = useTranslations(namespace);
  const canWrite = useCanWriteLeads();
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const search = useDebouncedValue(q.trim(), 300);
  const [editing, setEditing] = useState<T | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<T | null>(null);
  const list = useInfiniteQuery({
    queryKey: [resource, 'list', search, filters],
    queryFn: ({ pageParam }) => fetchPage({ q: search || undefined, limit: 50, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const removal = useMutation({
    mutationFn: (id: string) => remove(id),
    onSuccess: () => {
      toast.success(t('deleted'));
      setDeleting(null);
      void queryClient.invalidateQueries({ queryKey: [resource] });
    },
    onError: (err) => toast.error(errorText(err instanceof ApiError ? err.code : undefined, err.message)),
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(search || Object.values(filters).some(Boolean));
  const createButton = canWrite && (
    <Button onClick={() => setEditing(null)}>
      <Plus aria-hidden />
      {t('new')}
    </Button>
  );
  return (
    <>
      <Card className="overflow-hidden">
        <div className="flex flex-col gap-3 border-b border-border px-5 py-4 md:flex-row md:items-center" role="search" aria-label={t('searchLabel')}>
          <div className="relative max-w-md flex-1">
            <Search className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-fg-subtle" aria-hidden />
            <Input type="search" aria-label={t('search')} placeholder={t('searchPlaceholder')} className="pl-9" value={q} onChange={(e) => setQ(e.target.value)} maxLength={100} />
          </div>
          {filterControls}
          <div className="md:ml-auto">{createButton}</div>
        </div>
        {list.isPending ? (
          <TableSkeleton columns={columns.length} />
        ) : list.isError && !list.data ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          filtered ? (
            <EmptyState icon={SearchX} title={t('emptySearch.title')} description={t('emptySearch.description')} />
          ) : (
            <EmptyState icon={emptyIcon} title={t('empty.title')} description={t('empty.description')} action={createButton} />
          )
        ) : (
          <div className={cn('transition-opacity', list.isPlaceholderData && 'opacity-60')}>
            <Table>
              <TableCaption>{t('title')}</TableCaption>
              <TableHeader>
                <TableRow>
                  {columns.map((c) => (
                    <TableHead key={c.key} className={c.className}>
                      {c.header}
                    </TableHead>
                  ))}
                  {canWrite && (
                    <TableHead className="w-24">
                      <span className="sr-only">{t('columns.actions')}</span>
                    </TableHead>
                  )}
                </TableRow>
              </TableHeader>
              <TableBody>
                {items.map((item) => (
                  <TableRow key={item.id} data-testid={rowTestId}>
                    {columns.map((c) => (
                      <TableCell key={c.key} className={cn(c.className, c.cellClassName)}>
                        {c.cell(item)}
                      </TableCell>
                    ))}
                    {canWrite && (
                      <TableCell>
                        <RowActions editLabel={t('edit', { name: nameOf(item) })} deleteLabel={t('delete', { name: nameOf(item) })} onEdit={() => setEditing(item)} onDelete={() => setDeleting(item)} />
                      </TableCell>
                    )}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <LoadMore shown={items.length} hasMore={Boolean(list.hasNextPage)} loading={list.isFetchingNextPage} onLoadMore={() => void list.fetchNextPage()} />
          </div>
        )}
      </Card>
      {editing !== undefined && renderDialog(editing, () => setEditing(undefined))}
      <ConfirmDialog
        open={Boolean(deleting)}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={t('deleteTitle', { name: deleting ? nameOf(deleting) : '' })}
        description={t('deleteDescription')}
        confirmLabel={t('deleteConfirm')}
        onConfirm={() => {
          if (deleting) removal.mutate(deleting.id);
        }}
        pending={removal.isPending}
      />
    </>
  );
}
