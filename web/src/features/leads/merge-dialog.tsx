'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Search } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/toaster';
import { ApiError } from '@/lib/api/client';
import { endpoints } from '@/lib/api/endpoints';
import type { Lead } from '@/lib/api/types';
import { FormAlert } from '@/features/auth/form-alert';
import { useDateFormat } from '@/features/shared/format';
import { useApiErrorText } from '@/features/shared/use-api-error-text';
import { useDebouncedValue } from '@/features/shared/use-debounced-value';
import { knownReasons, type MergeChoice, type MergeField, mergeChoices, mergeRows } from './lead-history';
import { formatPhone } from './schemas';
import { useLeadName } from './lead-name';

/**
 * Merge a duplicate into this lead in two steps: pick it (the likely twins the API suggests
 * first, or any lead found by the usual accent-proof search), then choose field by field which
 * value stays. The other lead goes to the trash; the merge can be undone from the timeline.
 */
export function MergeDialog({ lead, open, onOpenChange }: { lead: Lead; open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations('leads.merge');
  const leadName = useLeadName();
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const [other, setOther] = useState<Lead | null>(null);
  const [choices, setChoices] = useState<Partial<Record<MergeField, MergeChoice>>>({});
  const [error, setError] = useState<string | null>(null);
  const debounced = useDebouncedValue(q.trim(), 300);
  const suggestions = useQuery({ queryKey: ['leads', 'duplicates', lead.id], queryFn: () => endpoints.leads.duplicates(lead.id), enabled: open });
  const results = useQuery({
    queryKey: ['leads', 'list', { q: debounced, limit: 10, purpose: 'merge' }],
    queryFn: () => endpoints.leads.list({ q: debounced, limit: 10 }),
    enabled: open && debounced.length > 0,
  });
  const suggested = suggestions.data?.items ?? [];
  const suggestedIds = new Set(suggested.map((s) => s.lead.id));
  const candidates = (results.data?.items ?? []).filter((l) => l.id !== lead.id && !suggestedIds.has(l.id));
  const rows = other ? mergeRows(lead, other).map((r) => ({ ...r, choice: choices[r.field] ?? r.choice })) : [];
  const label = (l: Lead) => leadName(l) || l.email || (l.phone && formatPhone(l.phone)) || t('unnamed');

  const mutation = useMutation({
    mutationFn: () => endpoints.leads.merge(lead.id, { otherId: other!.id, choices: mergeChoices(rows) }),
    onSuccess: (merged) => {
      toast.success(t('done'), {
        action: {
          label: t('undo'),
          onClick: () =>
            void endpoints.leads
              .undoMerge(merged.mergeId)
              .then(() => queryClient.invalidateQueries({ queryKey: ['leads'] }))
              .catch((err: unknown) => toast.error(errorText(err instanceof ApiError ? err.code : undefined, err instanceof Error ? err.message : ''))),
        },
      });
      queryClient.setQueryData(['leads', 'one', lead.id], merged);
      void queryClient.invalidateQueries({ queryKey: ['leads'] });
      close(false);
    },
    onError: (err) => setError(errorText(err instanceof ApiError ? err.code : undefined, err instanceof ApiError ? (err.problem.detail ?? '') : '')),
  });
  const close = (o: boolean) => {
    onOpenChange(o);
    if (!o) {
      setOther(null);
      setChoices({});
      setError(null);
      setQ('');
    }
  };
  const pick = (l: Lead) => {
    setOther(l);
    setChoices({});
    setError(null);
  };

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent className="max-w-2xl">
        <DialogHeader>
          <DialogTitle>{other ? t('chooseTitle') : t('title')}</DialogTitle>
          <DialogDescription>{other ? t('chooseDescription', { name: label(lead), other: label(other) }) : t('description', { name: label(lead) })}</DialogDescription>
        </DialogHeader>
        {error && <FormAlert>{error}</FormAlert>}
        {other ? (
          <ChoiceTable lead={lead} other={other} rows={rows} label={label} onChoose={(field, choice) => setChoices((c) => ({ ...c, [field]: choice }))} />
        ) : (
          <div className="grid gap-4">
            <section aria-labelledby="merge-suggestions" className="grid gap-2">
              <h3 id="merge-suggestions" className="text-sm font-semibold text-fg">
                {t('suggestions')}
              </h3>
              <div className="overflow-hidden rounded-md border border-border" aria-live="polite">
                {suggestions.isPending ? (
                  <div role="status" className="grid gap-2 p-3">
                    <span className="sr-only">{t('loadingSuggestions')}</span>
                    <Skeleton className="h-5" />
                    <Skeleton className="h-5" />
                  </div>
                ) : suggestions.isError ? (
                  <p className="px-3 py-4 text-center text-sm text-danger">{t('suggestionsError')}</p>
                ) : suggested.length === 0 ? (
                  <p className="px-3 py-4 text-center text-sm text-fg-muted">{t('noSuggestions')}</p>
                ) : (
                  <ul className="divide-y divide-border" data-testid="merge-suggestions">
                    {suggested.map((s) => (
                      <CandidateRow key={s.lead.id} lead={s.lead} label={label} onPick={pick}>
                        <span className="flex flex-wrap gap-1">
                          {knownReasons(s.reasons).map((r) => (
                            <Badge key={r} tone="brand">
                              {t(`reasons.${r}`)}
                            </Badge>
                          ))}
                        </span>
                      </CandidateRow>
                    ))}
                  </ul>
                )}
              </div>
            </section>
            <section className="grid gap-2">
              <div className="relative">
                <Search className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-fg-subtle" aria-hidden />
                <Input type="search" aria-label={t('search')} placeholder={t('searchPlaceholder')} className="pl-9" value={q} onChange={(e) => setQ(e.target.value)} />
              </div>
              <div className="max-h-56 min-h-16 overflow-y-auto rounded-md border border-border" aria-live="polite">
                {!debounced ? (
                  <p className="px-3 py-4 text-center text-sm text-fg-muted">{t('typeToSearch')}</p>
                ) : results.isPending ? (
                  <div role="status" className="grid gap-2 p-3">
                    <span className="sr-only">{t('searching')}</span>
                    <Skeleton className="h-5" />
                  </div>
                ) : results.isError ? (
                  <p className="px-3 py-4 text-center text-sm text-danger">{t('searchError')}</p>
                ) : candidates.length === 0 ? (
                  <p className="px-3 py-4 text-center text-sm text-fg-muted">{t('noResults')}</p>
                ) : (
                  <ul className="divide-y divide-border" data-testid="merge-results">
                    {candidates.map((l) => (
                      <CandidateRow key={l.id} lead={l} label={label} onPick={pick} />
                    ))}
                  </ul>
                )}
              </div>
            </section>
          </div>
        )}
        <DialogFooter>
          <Button type="button" variant="secondary" onClick={() => (other ? setOther(null) : close(false))}>
            {other ? t('back') : t('cancel')}
          </Button>
          {other && (
            <Button variant="danger" loading={mutation.isPending} onClick={() => mutation.mutate()}>
              {t('confirm')}
            </Button>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

function CandidateRow({ lead, label, onPick, children }: { lead: Lead; label: (l: Lead) => string; onPick: (l: Lead) => void; children?: React.ReactNode }) {
  const t = useTranslations('leads.merge');
  return (
    <li className="flex items-center gap-3 px-3 py-2.5">
      <div className="flex min-w-0 flex-1 flex-col gap-1 text-sm">
        <span className="truncate font-medium">{label(lead)}</span>
        <span className="truncate text-xs text-fg-muted">{[lead.email, lead.phone && formatPhone(lead.phone), lead.company, lead.city].filter(Boolean).join(' · ')}</span>
        {children}
      </div>
      <Button size="sm" variant="secondary" onClick={() => onPick(lead)} aria-label={`${t('next')} : ${label(lead)}`}>
        {t('next')}
      </Button>
    </li>
  );
}

/** One row per field that differs: this lead's value or the other's, as radio buttons. */
function ChoiceTable({
  lead,
  other,
  rows,
  label,
  onChoose,
}: {
  lead: Lead;
  other: Lead;
  rows: { field: MergeField; mine: unknown; theirs: unknown; choice: MergeChoice }[];
  label: (l: Lead) => string;
  onChoose: (field: MergeField, choice: MergeChoice) => void;
}) {
  const t = useTranslations('leads.merge');
  const h = useTranslations('leads.history');
  const stages = useTranslations('leads.stages');
  const civility = useTranslations('leads.civility');
  const locale = useLocale();
  const { date } = useDateFormat();
  const text = (field: MergeField, v: unknown): string => {
    if (v === null || v === undefined || v === '') return h('empty');
    if (field === 'lifecycleStage') return stages(v as never);
    if (field === 'civility') return civility(`long.${v as 'mr' | 'ms' | 'other'}`);
    if (field === 'country') return new Intl.DisplayNames([locale], { type: 'region' }).of(String(v)) ?? String(v);
    if (field === 'phone') return formatPhone(String(v));
    if (field === 'sourceCreatedAt') return date(String(v));
    if (field === 'ownerId') return h('someone');
    return String(v);
  };
  return (
    <div className="grid gap-3">
      {rows.length === 0 ? (
        <p className="rounded-md border border-border px-3 py-4 text-center text-sm text-fg-muted">{t('noDifference')}</p>
      ) : (
        <div className="max-h-80 overflow-y-auto rounded-md border border-border">
          <table className="w-full text-sm" data-testid="merge-choices">
            <thead className="bg-surface-muted text-left text-xs text-fg-muted">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">{t('field')}</th>
                <th scope="col" className="px-3 py-2 font-medium">{label(lead)}</th>
                <th scope="col" className="px-3 py-2 font-medium">{label(other)}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {rows.map((r) => {
                const field = h(`fields.${r.field}`);
                return (
                  <tr key={r.field}>
                    <th scope="row" className="px-3 py-2 text-left font-medium text-fg">{field}</th>
                    {(['this', 'other'] as const).map((side) => {
                      const value = text(r.field, side === 'this' ? r.mine : r.theirs);
                      return (
                        <td key={side} className="px-3 py-2">
                          <label className="flex cursor-pointer items-start gap-2">
                            <input
                              type="radio"
                              className="mt-0.5 accent-[var(--color-primary)]"
                              name={`merge-${r.field}`}
                              checked={r.choice === side}
                              onChange={() => onChoose(r.field, side)}
                              aria-label={t('keepValue', { value, field })}
                            />
                            <span className="min-w-0 break-words">{value}</span>
                          </label>
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p className="text-xs text-fg-muted">{t('keepNote', { other: label(other) })}</p>
    </div>
  );
}
