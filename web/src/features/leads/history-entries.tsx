'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Undo2 } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useState } from 'react';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/toaster';
import { ApiError } from '@/lib/api/client';
import { endpoints } from '@/lib/api/endpoints';
import type { TimelineItem } from '@/lib/api/types';
import { useConsentSource } from '@/features/consent/use-consent-source';
import { useDateFormat } from '@/features/shared/format';
import { useApiErrorText } from '@/features/shared/use-api-error-text';
import { useCustomFields } from './lead-form-dialog';
import { actorPhrase, changeLines, type ChangeLine, type HistoryActor } from './lead-history';
import { formatPhone } from './schemas';

const CONSENT_FIELDS = new Set(['emailConsent', 'smsConsent', 'whatsappConsent']);
const DATE_FIELDS = new Set(['sourceCreatedAt', 'deletedAt']);

/** The kinds of history entries drawn here (the others are events, messages, scores, notes). */
export const HISTORY_KINDS = new Set(['created', 'change', 'merge']);

/** An actor as the subject of a sentence ("Claire", "L'import « agence.csv »"). */
function useActorText() {
  const t = useTranslations('leads.history');
  return useCallback((by: unknown) => t('actor', actorPhrase(by as HistoryActor | null)), [t]);
}

/** A field's value in words: stages, civility, countries, consent, dates, phones. */
function useValueText() {
  const t = useTranslations('leads.history');
  const stages = useTranslations('leads.stages');
  const civility = useTranslations('leads.civility');
  const locale = useLocale();
  const { date } = useDateFormat();
  const consentSource = useConsentSource();
  return useCallback(
    (field: string, value: unknown): string => {
      if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return t('empty');
      if (field === 'lifecycleStage') return stages(value as never);
      if (field === 'civility') return civility(`long.${value as 'mr' | 'ms' | 'other'}`);
      if (field === 'country' && typeof value === 'string') return new Intl.DisplayNames([locale], { type: 'region' }).of(value) ?? value;
      if (DATE_FIELDS.has(field) && typeof value === 'string') return date(value);
      if (field === 'phone' && typeof value === 'string') return formatPhone(value);
      if (field === 'otherPhones' && Array.isArray(value)) return value.map((p) => formatPhone(String(p))).join(', ');
      if (field === 'ownerId') return t('someone');
      if (CONSENT_FIELDS.has(field) && typeof value === 'object') {
        const { status, source } = value as { status?: string; source?: string | null };
        const words = t(`consentStatus.${(status ?? 'unknown') as 'granted' | 'denied' | 'unknown'}`);
        return source ? `${words} (${consentSource(source)})` : words;
      }
      if (Array.isArray(value)) return value.join(', ');
      if (typeof value === 'object') return JSON.stringify(value);
      return String(value);
    },
    [t, stages, civility, locale, date, consentSource],
  );
}

function useFieldLabel() {
  const t = useTranslations('leads.history');
  const custom = useCustomFields();
  return useCallback(
    (line: Pick<ChangeLine, 'field' | 'custom'>) => {
      if (line.custom) return custom.data?.find((f) => f.key === line.custom)?.label ?? line.custom;
      return t.has(`fields.${line.field}` as never) ? t(`fields.${line.field}` as never) : line.field;
    },
    [t, custom.data],
  );
}

/** "Ville : Lyon → Saint-Étienne", "Consentement email : accordé (formulaire)". */
function ChangeList({ lines }: { lines: ChangeLine[] }) {
  const t = useTranslations('leads.history');
  const value = useValueText();
  const label = useFieldLabel();
  if (!lines.length) return null;
  return (
    <ul className="grid gap-0.5 text-sm text-fg-muted" data-testid="change-lines">
      {lines.map((l) => (
        <li key={`${l.field}-${l.custom ?? ''}`}>
          {CONSENT_FIELDS.has(l.field)
            ? t('consentLine', { field: label(l), status: value(l.field, l.to) })
            : t('line', { field: label(l), from: value(l.field, l.from), to: value(l.field, l.to) })}
        </li>
      ))}
    </ul>
  );
}

/** Title and body of a creation, change or merge entry. */
export function useHistoryEntry(leadId: string, canWrite: boolean) {
  const t = useTranslations('leads.history');
  const actor = useActorText();
  const label = useFieldLabel();
  return (item: TimelineItem): { title: React.ReactNode; body: React.ReactNode } => {
    const d = item.details as Record<string, unknown>;
    if (item.kind === 'created') {
      return { title: d.by ? t('createdBy', actorPhrase(d.by as HistoryActor)) : t('createdUnknown'), body: null };
    }
    if (item.kind === 'change') {
      const lines = changeLines(d.changes);
      const trash = lines.find((l) => l.field === 'deletedAt');
      const rest = lines.filter((l) => l.field !== 'deletedAt');
      if (trash && !rest.length) return { title: t(trash.to ? 'trashed' : 'untrashed', { actor: actor(d.by) }), body: null };
      const fields = [...new Set(rest.map((l) => label(l)))].join(', ');
      return { title: t('changed', { actor: actor(d.by), fields }), body: <ChangeList lines={rest} /> };
    }
    return { title: <MergeTitle item={item} />, body: <MergeBody item={item} leadId={leadId} canWrite={canWrite} /> };
  };
}

interface MergeDetails {
  by: HistoryActor | null;
  merged: { id: string; name: string | null }[];
  changes: Record<string, unknown>;
  moved: Record<string, number>;
  undoneAt: string | null;
  undoneBy: HistoryActor | null;
}

const mergedNames = (d: MergeDetails, unnamed: string) => d.merged.map((m) => m.name ?? unnamed).join(', ');

function MergeTitle({ item }: { item: TimelineItem }) {
  const t = useTranslations('leads.history');
  const unnamed = useTranslations('leads')('unnamed');
  const actor = useActorText();
  const d = item.details as unknown as MergeDetails;
  return <>{t('merged', { actor: actor(d.by), names: mergedNames(d, unnamed) })}</>;
}

function MergeBody({ item, leadId, canWrite }: { item: TimelineItem; leadId: string; canWrite: boolean }) {
  const t = useTranslations('leads.history');
  const unnamed = useTranslations('leads')('unnamed');
  const actor = useActorText();
  const { dateTime } = useDateFormat();
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const d = item.details as unknown as MergeDetails;
  const moved = Object.values(d.moved ?? {}).reduce((a, b) => a + b, 0);
  const undo = useMutation({
    mutationFn: () => endpoints.leads.undoMerge(item.id),
    onSuccess: async (res) => {
      setConfirming(false);
      toast.success(t('mergeUndoneToast'));
      queryClient.setQueryData(['leads', 'one', leadId], res.lead);
      await queryClient.invalidateQueries({ queryKey: ['leads'] });
    },
    onError: (err) => {
      setConfirming(false);
      toast.error(errorText(err instanceof ApiError ? err.code : undefined, err instanceof ApiError ? (err.problem.detail ?? '') : err.message));
      void queryClient.invalidateQueries({ queryKey: ['leads', 'timeline', leadId] });
    },
  });
  return (
    <div className="grid gap-1.5">
      <ChangeList lines={changeLines(d.changes)} />
      {moved > 0 && <p className="text-sm text-fg-muted">{t('moved', { count: moved })}</p>}
      {d.undoneAt ? (
        <p className="text-sm font-medium text-fg-muted">{t('mergeUndone', { actor: actor(d.undoneBy), date: dateTime(d.undoneAt) })}</p>
      ) : (
        canWrite && (
          <div>
            <Button variant="secondary" size="sm" onClick={() => setConfirming(true)}>
              <Undo2 aria-hidden />
              {t('undoMerge')}
            </Button>
          </div>
        )
      )}
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t('undoMergeTitle')}
        description={t('undoMergeDescription', { names: mergedNames(d, unnamed), count: d.merged.length })}
        confirmLabel={t('undoMergeConfirm')}
        pending={undo.isPending}
        onConfirm={() => undo.mutate()}
        destructive={false}
      />
    </div>
  );
}
