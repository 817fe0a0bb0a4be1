'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { toast } from '@/components/ui/toaster';
import { endpoints } from '@/lib/api/endpoints';
import type { ScoringRule } from '@/lib/api/types';
import { useCustomFields } from '@/features/leads/lead-form-dialog';
import { describeCondition, formatPoints, recomputeView, ruleLimits, ruleSentence, type ScoreReason, type SentenceContext } from './scoring-rules';

export const SCORING_RULES_KEY = ['scoring-rules'] as const;

export function useScoringRules() {
  return useQuery({ queryKey: SCORING_RULES_KEY, queryFn: endpoints.scoring.rules, select: (d) => d.items });
}

/** Rules in words, in the UI's language, custom fields named by their label. */
export function useRuleText() {
  const t = useTranslations();
  const locale = useLocale();
  const customFields = useCustomFields();
  return useMemo(() => {
    const ctx: SentenceContext = {
      t: (key, values) => t(key as never, values as never),
      locale,
      customFieldLabel: (key) => customFields.data?.find((f) => f.key === key)?.label,
    };
    type Shape = Pick<ScoringRule, 'kind' | 'condition' | 'points' | 'maxPoints' | 'decayDays'>;
    return {
      sentence: (rule: Shape) => ruleSentence(rule, ctx),
      limits: (rule: Shape) => ruleLimits(rule, ctx),
      condition: (rule: Pick<ScoringRule, 'kind' | 'condition'>) => describeCondition(rule.kind, rule.condition, ctx),
      points: (points: number) => formatPoints(points, locale),
    };
  }, [t, locale, customFields.data]);
}

/** Why a score changed, in the UI's language. */
export function useScoreReasonText() {
  const t = useTranslations('scoring.panel.reasons');
  return useCallback((reason: ScoreReason) => ('name' in reason ? t(reason.kind, { name: reason.name }) : reason.kind === 'other' ? reason.text : t(reason.kind)), [t]);
}

const STORAGE_KEY = 'lynara.scoring.recompute';
const TERMINAL = new Set(['completed', 'failed']);

/**
 * The job recomputing every score after a rule change, polled every second. Its id is kept for
 * this tab, so the progress is found again after leaving the page; a toast says when it ends.
 */
export function useRecompute() {
  const t = useTranslations('scoring.recompute');
  const queryClient = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  useEffect(() => setJobId(window.sessionStorage.getItem(STORAGE_KEY)), []);
  const track = useCallback((id: string) => {
    window.sessionStorage.setItem(STORAGE_KEY, id);
    setJobId(id);
  }, []);
  const job = useQuery({
    queryKey: ['jobs', jobId],
    queryFn: () => endpoints.jobs.get(jobId!),
    enabled: Boolean(jobId),
    retry: false,
    refetchInterval: (q) => (q.state.data && TERMINAL.has(q.state.data.state) ? false : 1000),
  });
  const view = recomputeView(job.data);
  const finished = job.isError || view.phase === 'done' || view.phase === 'failed';
  useEffect(() => {
    if (!jobId || !finished) return;
    window.sessionStorage.removeItem(STORAGE_KEY);
    setJobId(null);
    // A job we can no longer read (another workspace, expired) just stops being shown.
    if (view.phase === 'done') {
      toast.success(t('done', { count: view.changed ?? 0 }));
      void queryClient.invalidateQueries({ queryKey: ['leads'] });
    } else if (view.phase === 'failed') toast.error(t('failed', { error: view.error ?? '' }));
  }, [jobId, finished, view.phase, view.changed, view.error, t, queryClient]);
  return { running: Boolean(jobId) && !finished, view, track };
}
