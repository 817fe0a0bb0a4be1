'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Search } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/toaster';
import { ApiError } from '@/lib/api/client';
import { endpoints } from '@/lib/api/endpoints';
import type { Lead } from '@/lib/api/types';
import { FormAlert } from '@/features/auth/form-alert';
import { useApiErrorText } from '@/features/shared/use-api-error-text';
import { useDebouncedValue } from '@/features/shared/use-debounced-value';
import { formatPhone } from './schemas';
import { useLeadName } from './lead-name';

/** Pick duplicates by search, confirm, then merge them into this lead (they go to the trash). */
export function MergeDialog({ lead, open, onOpenChange }: { lead: Lead; open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations('leads.merge');
  const leadName = useLeadName();
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  // Duplicates usually share the last name; start the search with it.
  const initial = lead.lastName ?? lead.email ?? lead.phone ?? '';
  const [q, setQ] = useState(initial);
  const [picked, setPicked] = useState<Map<string, Lead>>(new Map());
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const debounced = useDebouncedValue(q.trim(), 300);
  const results = useQuery({
    queryKey: ['leads', 'list', { q: debounced, limit: 10, purpose: 'merge' }],
    queryFn: () => endpoints.leads.list({ q: debounced, limit: 10 }),
    enabled: open && debounced.length > 0,
  });
  const candidates = (results.data?.items ?? []).filter((l) => l.id !== lead.id);
  const mutation = useMutation({
    mutationFn: () => endpoints.leads.merge(lead.id, [...picked.keys()]),
    onSuccess: (merged) => {
      toast.success(t('done', { count: picked.size }));
      queryClient.setQueryData(['leads', 'one', lead.id], merged);
      void queryClient.invalidateQueries({ queryKey: ['leads'] });
      close(false);
    },
    onError: (err) => setError(errorText(err instanceof ApiError ? err.code : undefined, err instanceof ApiError ? (err.problem.detail ?? '') : '')),
  });
  const close = (o: boolean) => {
    onOpenChange(o);
    if (!o) {
      setPicked(new Map());
      setConfirming(false);
      setError(null);
      setQ(initial);
    }
  };
  const label = (l: Lead) => leadName(l) || l.email || l.phone || t('unnamed');

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent className="max-w-xl">
        <DialogHeader>
          <DialogTitle>{confirming ? t('confirmTitle', { count: picked.size }) : t('title')}</DialogTitle>
          <DialogDescription>{confirming ? t('confirmDescription', { name: label(lead), count: picked.size }) : t('description', { name: label(lead) })}</DialogDescription>
        </DialogHeader>
        {error && <FormAlert>{error}</FormAlert>}
        {confirming ? (
          <ul className="grid gap-1.5 rounded-md border border-border bg-surface-muted p-3 text-sm">
            {[...picked.values()].map((l) => (
              <li key={l.id}>
                <span className="font-medium">{label(l)}</span> <span className="text-fg-muted">{l.email ?? l.phone ?? ''}</span>
              </li>
            ))}
          </ul>
        ) : (
          <div className="grid gap-3">
            <div className="relative">
              <Search className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-fg-subtle" aria-hidden />
              <Input type="search" aria-label={t('search')} placeholder={t('searchPlaceholder')} className="pl-9" value={q} onChange={(e) => setQ(e.target.value)} autoFocus />
            </div>
            <div className="max-h-72 min-h-24 overflow-y-auto rounded-md border border-border" aria-live="polite">
              {!debounced ? (
                <p className="px-3 py-6 text-center text-sm text-fg-muted">{t('typeToSearch')}</p>
              ) : results.isPending ? (
                <div role="status" className="grid gap-2 p-3">
                  <span className="sr-only">{t('searching')}</span>
                  <Skeleton className="h-5" />
                  <Skeleton className="h-5" />
                </div>
              ) : results.isError ? (
                <p className="px-3 py-6 text-center text-sm text-danger">{t('searchError')}</p>
              ) : candidates.length === 0 ? (
                <p className="px-3 py-6 text-center text-sm text-fg-muted">{t('noResults')}</p>
              ) : (
                <ul className="divide-y divide-border">
                  {candidates.map((l) => (
                    <li key={l.id} className="flex items-center gap-3 px-3 py-2.5">
                      <Checkbox
                        id={`merge-${l.id}`}
                        checked={picked.has(l.id)}
                        onCheckedChange={(v) =>
                          setPicked((m) => {
                            const next = new Map(m);
                            if (v === true) next.set(l.id, l);
                            else next.delete(l.id);
                            return next;
                          })
                        }
                      />
                      <label htmlFor={`merge-${l.id}`} className="flex min-w-0 flex-1 cursor-pointer flex-col text-sm">
                        <span className="truncate font-medium">{label(l)}</span>
                        <span className="truncate text-xs text-fg-muted">{[l.email, l.phone && formatPhone(l.phone), l.company].filter(Boolean).join(' · ')}</span>
                      </label>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </div>
        )}
        <DialogFooter>
          <Button type="button" variant="secondary" onClick={() => (confirming ? setConfirming(false) : close(false))}>
            {confirming ? t('back') : t('cancel')}
          </Button>
          {confirming ? (
            <Button variant="danger" loading={mutation.isPending} onClick={() => mutation.mutate()}>
              {t('confirm', { count: picked.size })}
            </Button>
          ) : (
            <Button disabled={picked.size === 0} onClick={() => setConfirming(true)}>
              {t('next', { count: picked.size })}
            </Button>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
