'use client';

import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Building2, Pencil, Plus, Search, SearchX, Trash2 } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { LoadMore } from '@/components/ui/pagination';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { TableSkeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { toast } from '@/components/ui/toaster';
import { ApiError } from '@/lib/api/client';
import { endpoints } from '@/lib/api/endpoints';
import { PROPERTY_STATUSES, type Property, type PropertyStatus } from '@/lib/api/types';
import { cn } from '@/lib/utils/cn';
import { useCanWriteLeads } from '@/features/auth/use-session';
import { useApiErrorText } from '@/features/shared/use-api-error-text';
import { useDebouncedValue } from '@/features/shared/use-debounced-value';
import { fieldErrorMap, moneyInput, parseMoney } from './money';

const ALL = '__all__';
const STATUS_TONE: Record<PropertyStatus, 'neutral' | 'success' | 'warning' | 'info' | 'danger' | 'brand'> = {
  draft: 'neutral',
  available: 'success',
  under_offer: 'warning',
  sold: 'info',
  rented: 'info',
  withdrawn: 'danger',
};

export function PropertiesCatalogue() {
  const t = useTranslations('catalogue.properties');
  const format = useFormatter();
  const canWrite = useCanWriteLeads();
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<PropertyStatus | ''>('');
  const search = useDebouncedValue(q.trim(), 300);
  const [editing, setEditing] = useState<Property | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<Property | null>(null);
  const list = useInfiniteQuery({
    queryKey: ['properties', search, status],
    queryFn: ({ pageParam }) => endpoints.properties.list({ q: search || undefined, status: status || undefined, limit: 50, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: (id: string) => endpoints.properties.remove(id),
    onSuccess: () => {
      toast.success(t('deleted'));
      setDeleting(null);
      void queryClient.invalidateQueries({ queryKey: ['properties'] });
    },
    onError: (err) => toast.error(errorText(err instanceof ApiError ? err.code : undefined, err.message)),
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(search || status);
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
          <Select value={status || ALL} onValueChange={(v) => setStatus(v === ALL ? '' : (v as PropertyStatus))}>
            <SelectTrigger className="w-auto min-w-44" aria-label={t('statusFilter')}>
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ALL}>{t('allStatuses')}</SelectItem>
              {PROPERTY_STATUSES.map((s) => (
                <SelectItem key={s} value={s}>
                  {t(`status.${s}`)}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <div className="md:ml-auto">{createButton}</div>
        </div>
        {list.isPending ? (
          <TableSkeleton columns={6} />
        ) : list.isError && !list.data ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          filtered ? (
            <EmptyState icon={SearchX} title={t('emptySearch.title')} description={t('emptySearch.description')} />
          ) : (
            <EmptyState icon={Building2} title={t('empty.title')} description={t('empty.description')} action={createButton} />
          )
        ) : (
          <div className={cn('transition-opacity', list.isPlaceholderData && 'opacity-60')}>
            <Table>
              <TableCaption>{t('title')}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHead>{t('columns.title')}</TableHead>
                  <TableHead>{t('columns.city')}</TableHead>
                  <TableHead>{t('columns.transaction')}</TableHead>
                  <TableHead className="text-right">{t('columns.surface')}</TableHead>
                  <TableHead className="text-right">{t('columns.price')}</TableHead>
                  <TableHead>{t('columns.status')}</TableHead>
                  {canWrite && <TableHead className="w-24"><span className="sr-only">{t('columns.actions')}</span></TableHead>}
                </TableRow>
              </TableHeader>
              <TableBody>
                {items.map((p) => (
                  <TableRow key={p.id} data-testid="property-row">
                    <TableCell className="font-medium">
                      {p.title}
                      <p className="font-mono text-xs font-normal text-fg-muted">{p.reference} · {p.propertyType}</p>
                    </TableCell>
                    <TableCell>{[p.postalCode, p.city].filter(Boolean).join(' ') || <span className="text-fg-subtle">—</span>}</TableCell>
                    <TableCell>{t(`transaction.${p.transactionType}`)}</TableCell>
                    <TableCell className="text-right tabular-nums">{p.surfaceM2 !== null ? `${format.number(p.surfaceM2)} m²` : '—'}</TableCell>
                    <TableCell className="text-right tabular-nums">
                      {p.priceMinor !== null && p.currency ? format.number(p.priceMinor / 100, { style: 'currency', currency: p.currency, maximumFractionDigits: 0 }) : '—'}
                    </TableCell>
                    <TableCell>
                      <Badge tone={STATUS_TONE[p.status]}>{t(`status.${p.status}`)}</Badge>
                    </TableCell>
                    {canWrite && (
                      <TableCell>
                        <div className="flex justify-end gap-1">
                          <Button variant="ghost" size="icon" aria-label={t('edit', { name: p.title })} onClick={() => setEditing(p)}>
                            <Pencil aria-hidden />
                          </Button>
                          <Button variant="ghost" size="icon" aria-label={t('delete', { name: p.title })} onClick={() => setDeleting(p)}>
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
      {editing !== undefined && <PropertyDialog property={editing} onClose={() => setEditing(undefined)} />}
      <ConfirmDialog
        open={Boolean(deleting)}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={t('deleteTitle', { name: deleting?.title ?? '' })}
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

function num(raw: string): number | null {
  const s = raw.trim().replace(',', '.');
  return s === '' ? null : Number(s);
}

function PropertyDialog({ property, onClose }: { property: Property | null; onClose: () => void }) {
  const t = useTranslations('catalogue.properties');
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const [v, setV] = useState({
    reference: property?.reference ?? '',
    title: property?.title ?? '',
    propertyType: property?.propertyType ?? 'apartment',
    transactionType: property?.transactionType ?? 'sale',
    status: property?.status ?? 'draft',
    city: property?.city ?? '',
    postalCode: property?.postalCode ?? '',
    surfaceM2: property?.surfaceM2 === null || property?.surfaceM2 === undefined ? '' : String(property.surfaceM2),
    rooms: property?.rooms === null || property?.rooms === undefined ? '' : String(property.rooms),
    price: moneyInput(property?.priceMinor),
    currency: property?.currency ?? 'EUR',
  });
  const set = (patch: Partial<typeof v>) => setV((x) => ({ ...x, ...patch }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: () => {
      const priceMinor = parseMoney(v.price) ?? null;
      const body = {
        reference: v.reference.trim(),
        title: v.title.trim(),
        propertyType: v.propertyType.trim(),
        transactionType: v.transactionType,
        status: v.status,
        city: (v.city.trim() || null) as never,
        postalCode: (v.postalCode.trim() || null) as never,
        surfaceM2: num(v.surfaceM2) as never,
        rooms: num(v.rooms) as never,
        priceMinor,
        currency: (priceMinor === null ? null : v.currency.trim().toUpperCase()) as never,
      };
      return property ? endpoints.properties.update(property.id, body) : endpoints.properties.create(body);
    },
    onSuccess: () => {
      toast.success(property ? t('updated') : t('created'));
      void queryClient.invalidateQueries({ queryKey: ['properties'] });
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
    if (!/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/.test(v.reference.trim())) next.reference = v.reference.trim() ? t('form.referenceInvalid') : t('form.required');
    if (!v.title.trim()) next.title = t('form.required');
    if (!/^[a-z][a-z0-9_]{0,39}$/.test(v.propertyType.trim())) next.propertyType = t('form.typeInvalid');
    if (v.surfaceM2.trim() && !Number.isFinite(num(v.surfaceM2))) next.surfaceM2 = t('form.numberInvalid');
    if (v.rooms.trim() && !Number.isInteger(num(v.rooms))) next.rooms = t('form.numberInvalid');
    if (parseMoney(v.price) === undefined) next.priceMinor = t('form.priceInvalid');
    setErrors(next);
    if (!Object.keys(next).length) save.mutate();
  };
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent className="max-w-2xl">
        <DialogHeader>
          <DialogTitle>{property ? t('editTitle') : t('newTitle')}</DialogTitle>
          <DialogDescription>{t('formDescription')}</DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="grid gap-4 sm:grid-cols-2" noValidate>
          <Field label={t('form.title')} error={errors.title} className="sm:col-span-2">
            {(p) => <Input {...p} value={v.title} maxLength={200} onChange={(e) => set({ title: e.target.value })} />}
          </Field>
          <Field label={t('form.reference')} error={errors.reference}>
            {(p) => <Input {...p} value={v.reference} maxLength={64} onChange={(e) => set({ reference: e.target.value })} />}
          </Field>
          <Field label={t('form.propertyType')} error={errors.propertyType} hint={t('form.typeHint')}>
            {(p) => <Input {...p} value={v.propertyType} maxLength={40} onChange={(e) => set({ propertyType: e.target.value })} />}
          </Field>
          <Field label={t('form.transaction')}>
            {(p) => (
              <Select value={v.transactionType} onValueChange={(x) => set({ transactionType: x as Property['transactionType'] })}>
                <SelectTrigger id={p.id}>
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value="sale">{t('transaction.sale')}</SelectItem>
                  <SelectItem value="rent">{t('transaction.rent')}</SelectItem>
                </SelectContent>
              </Select>
            )}
          </Field>
          <Field label={t('form.status')}>
            {(p) => (
              <Select value={v.status} onValueChange={(x) => set({ status: x as PropertyStatus })}>
                <SelectTrigger id={p.id}>
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {PROPERTY_STATUSES.map((s) => (
                    <SelectItem key={s} value={s}>
                      {t(`status.${s}`)}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          </Field>
          <Field label={t('form.postalCode')} error={errors.postalCode}>
            {(p) => <Input {...p} value={v.postalCode} maxLength={20} onChange={(e) => set({ postalCode: e.target.value })} />}
          </Field>
          <Field label={t('form.city')} error={errors.city}>
            {(p) => <Input {...p} value={v.city} maxLength={120} onChange={(e) => set({ city: e.target.value })} />}
          </Field>
          <Field label={t('form.surface')} error={errors.surfaceM2}>
            {(p) => <Input {...p} inputMode="decimal" value={v.surfaceM2} onChange={(e) => set({ surfaceM2: e.target.value })} />}
          </Field>
          <Field label={t('form.rooms')} error={errors.rooms}>
            {(p) => <Input {...p} inputMode="numeric" value={v.rooms} onChange={(e) => set({ rooms: e.target.value })} />}
          </Field>
          <Field label={t('form.price')} error={errors.priceMinor}>
            {(p) => <Input {...p} inputMode="decimal" value={v.price} placeholder="0,00" onChange={(e) => set({ price: e.target.value })} />}
          </Field>
          <Field label={t('form.currency')} error={errors.currency}>
            {(p) => <Input {...p} value={v.currency} maxLength={3} onChange={(e) => set({ currency: e.target.value.toUpperCase() })} />}
          </Field>
          <DialogFooter className="sm:col-span-2">
            <Button type="button" variant="secondary" onClick={onClose}>
              {t('form.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {property ? t('form.save') : t('form.create')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
