'use client';

import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Package, Pencil, Plus, Search, SearchX, Trash2 } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { LoadMore } from '@/components/ui/pagination';
import { TableSkeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { Textarea } from '@/components/ui/textarea';
import { toast } from '@/components/ui/toaster';
import { ApiError } from '@/lib/api/client';
import { endpoints } from '@/lib/api/endpoints';
import type { Product } from '@/lib/api/types';
import { cn } from '@/lib/utils/cn';
import { useCanWriteLeads } from '@/features/auth/use-session';
import { useApiErrorText } from '@/features/shared/use-api-error-text';
import { useDebouncedValue } from '@/features/shared/use-debounced-value';
import { fieldErrorMap, moneyInput, parseMoney } from './money';

export function ProductsCatalogue() {
  const t = useTranslations('catalogue.products');
  const format = useFormatter();
  const canWrite = useCanWriteLeads();
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const search = useDebouncedValue(q.trim(), 300);
  const [editing, setEditing] = useState<Product | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<Product | null>(null);
  const list = useInfiniteQuery({
    queryKey: ['products', search],
    queryFn: ({ pageParam }) => endpoints.products.list({ q: search || undefined, limit: 50, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: (id: string) => endpoints.products.remove(id),
    onSuccess: () => {
      toast.success(t('deleted'));
      setDeleting(null);
      void queryClient.invalidateQueries({ queryKey: ['products'] });
    },
    onError: (err) => toast.error(errorText(err instanceof ApiError ? err.code : undefined, err.message)),
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const createButton = canWrite && (
    <Button onClick={() => setEditing(null)}>
      <Plus aria-hidden />
      {t('new')}
    </Button>
  );
  return (
    <>
      <Card className="overflow-hidden">
        <div className="flex flex-col gap-3 border-b border-border px-5 py-4 sm:flex-row sm:items-center sm:justify-between" role="search" aria-label={t('searchLabel')}>
          <div className="relative max-w-md flex-1">
            <Search className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-fg-subtle" aria-hidden />
            <Input type="search" aria-label={t('search')} placeholder={t('searchPlaceholder')} className="pl-9" value={q} onChange={(e) => setQ(e.target.value)} maxLength={100} />
          </div>
          {createButton}
        </div>
        {list.isPending ? (
          <TableSkeleton columns={5} />
        ) : list.isError && !list.data ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          search ? (
            <EmptyState icon={SearchX} title={t('emptySearch.title')} description={t('emptySearch.description')} />
          ) : (
            <EmptyState icon={Package} title={t('empty.title')} description={t('empty.description')} action={createButton} />
          )
        ) : (
          <div className={cn('transition-opacity', list.isPlaceholderData && 'opacity-60')}>
            <Table>
              <TableCaption>{t('title')}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHead>{t('columns.name')}</TableHead>
                  <TableHead>{t('columns.sku')}</TableHead>
                  <TableHead className="text-right">{t('columns.price')}</TableHead>
                  <TableHead>{t('columns.status')}</TableHead>
                  {canWrite && <TableHead className="w-24"><span className="sr-only">{t('columns.actions')}</span></TableHead>}
                </TableRow>
              </TableHeader>
              <TableBody>
                {items.map((p) => (
                  <TableRow key={p.id} data-testid="product-row">
                    <TableCell className="font-medium">
                      {p.name}
                      {p.description && <p className="max-w-md truncate text-xs font-normal text-fg-muted">{p.description}</p>}
                    </TableCell>
                    <TableCell>
                      <Badge mono>{p.sku}</Badge>
                    </TableCell>
                    <TableCell className="text-right tabular-nums">
                      {p.priceMinor !== null && p.currency ? format.number(p.priceMinor / 100, { style: 'currency', currency: p.currency }) : <span className="text-fg-subtle">—</span>}
                    </TableCell>
                    <TableCell>
                      <Badge tone={p.active ? 'success' : 'neutral'}>{p.active ? t('active') : t('inactive')}</Badge>
                    </TableCell>
                    {canWrite && (
                      <TableCell>
                        <div className="flex justify-end gap-1">
                          <Button variant="ghost" size="icon" aria-label={t('edit', { name: p.name })} onClick={() => setEditing(p)}>
                            <Pencil aria-hidden />
                          </Button>
                          <Button variant="ghost" size="icon" aria-label={t('delete', { name: p.name })} onClick={() => setDeleting(p)}>
                            <Trash2 aria-hidden />
                          </Button>
                        </div>
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
      {editing !== undefined && <ProductDialog product={editing} onClose={() => setEditing(undefined)} />}
      <ConfirmDialog
        open={Boolean(deleting)}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={t('deleteTitle', { name: deleting?.name ?? '' })}
        description={t('deleteDescription')}
        confirmLabel={t('deleteConfirm')}
        onConfirm={() => {
          if (deleting) remove.mutate(deleting.id);
        }}
        pending={remove.isPending}
      />
    </>
  );
}

function ProductDialog({ product, onClose }: { product: Product | null; onClose: () => void }) {
  const t = useTranslations('catalogue.products');
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const [sku, setSku] = useState(product?.sku ?? '');
  const [name, setName] = useState(product?.name ?? '');
  const [description, setDescription] = useState(product?.description ?? '');
  const [price, setPrice] = useState(moneyInput(product?.priceMinor));
  const [currency, setCurrency] = useState(product?.currency ?? 'EUR');
  const [active, setActive] = useState(product?.active ?? true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: () => {
      const priceMinor = parseMoney(price) ?? null;
      const body = { sku: sku.trim(), name: name.trim(), description: (description.trim() || null) as never, priceMinor, currency: (priceMinor === null ? null : currency.trim().toUpperCase()) as never, active };
      return product ? endpoints.products.update(product.id, body) : endpoints.products.create(body);
    },
    onSuccess: () => {
      toast.success(product ? t('updated') : t('created'));
      void queryClient.invalidateQueries({ queryKey: ['products'] });
      onClose();
    },
    onError: (err) => {
      const map = err instanceof ApiError ? fieldErrorMap(err.problem.errors) : {};
      setErrors(map);
      if (!Object.keys(map).length) toast.error(errorText(err instanceof ApiError ? err.code : undefined, err.message));
    },
  });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!sku.trim()) next.sku = t('form.required');
    else if (!/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/.test(sku.trim())) next.sku = t('form.skuInvalid');
    if (!name.trim()) next.name = t('form.required');
    if (parseMoney(price) === undefined) next.priceMinor = t('form.priceInvalid');
    if (parseMoney(price) && !/^[A-Za-z]{3}$/.test(currency.trim())) next.currency = t('form.currencyInvalid');
    setErrors(next);
    if (!Object.keys(next).length) save.mutate();
  };
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{product ? t('editTitle') : t('newTitle')}</DialogTitle>
          <DialogDescription>{t('formDescription')}</DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="grid gap-4 sm:grid-cols-2" noValidate>
          <Field label={t('form.name')} error={errors.name} className="sm:col-span-2">
            {(p) => <Input {...p} value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field label={t('form.sku')} error={errors.sku} hint={t('form.skuHint')}>
            {(p) => <Input {...p} value={sku} maxLength={64} onChange={(e) => setSku(e.target.value)} />}
          </Field>
          <div className="flex items-end gap-2 pb-2">
            <Checkbox id="product-active" checked={active} onCheckedChange={(v) => setActive(v === true)} />
            <Label htmlFor="product-active">{t('form.active')}</Label>
          </div>
          <Field label={t('form.price')} error={errors.priceMinor}>
            {(p) => <Input {...p} inputMode="decimal" value={price} placeholder="0,00" onChange={(e) => setPrice(e.target.value)} />}
          </Field>
          <Field label={t('form.currency')} error={errors.currency}>
            {(p) => <Input {...p} value={currency} maxLength={3} onChange={(e) => setCurrency(e.target.value.toUpperCase())} />}
          </Field>
          <Field label={t('form.description')} error={errors.description} className="sm:col-span-2">
            {(p) => <Textarea {...p} value={description} rows={3} maxLength={10000} onChange={(e) => setDescription(e.target.value)} />}
          </Field>
          <DialogFooter className="sm:col-span-2">
            <Button type="button" variant="secondary" onClick={onClose}>
              {t('form.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {product ? t('form.save') : t('form.create')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
