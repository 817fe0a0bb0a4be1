'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useState } from 'react';
import { toast } from '@/components/ui/toaster';
import { endpoints } from '@/lib/api/endpoints';
import type { BulkAction, Job } from '@/lib/api/types';

export interface BulkJobView {
  phase: 'queued' | 'running' | 'done' | 'failed';
  done: number;
  total: number | null;
  /** 0..100, or null while the total is not known yet. */
  percent: number | null;
  affected: number | null;
  error: string | null;
}

/** A bulk job's row (GET /jobs/:id) as the table shows it: the worker reports { done, total, affected }. */
export function bulkJobView(job: Pick<Job, 'state' | 'progress' | 'result' | 'error'> | undefined): BulkJobView {
  const progress = job?.progress && typeof job.progress === 'object' ? (job.progress as { done?: number; total?: number; affected?: number }) : {};
  const result = (job?.result ?? {}) as { matched?: number; affected?: number };
  const total = typeof progress.total === 'number' ? progress.total : typeof result.matched === 'number' ? result.matched : null;
  const done = typeof result.matched === 'number' ? result.matched : (progress.done ?? 0);
  const phase = !job || job.state === 'waiting' ? 'queued' : job.state === 'active' ? 'running' : job.state === 'completed' ? 'done' : 'failed';
  return {
    phase,
    done,
    total,
    percent: phase === 'done' ? 100 : total ? Math.min(100, Math.round((done / total) * 100)) : null,
    affected: typeof result.affected === 'number' ? result.affected : (progress.affected ?? null),
    error: job?.error ?? null,
  };
}

const STORAGE_KEY = 'lynara.leads.bulk-job';
const TERMINAL = new Set(['completed', 'failed']);

/**
 * The bulk job started from "select all N matching", polled every second. Kept for this tab, so
 * its progress is found again after opening a lead and coming back; a toast says when it ends.
 */
export function useBulkJob() {
  const t = useTranslations('leads.bulk');
  const queryClient = useQueryClient();
  const [tracked, setTracked] = useState<{ id: string; action: BulkAction } | null>(null);
  useEffect(() => {
    const raw = window.sessionStorage.getItem(STORAGE_KEY);
    if (raw) setTracked(JSON.parse(raw) as { id: string; action: BulkAction });
  }, []);
  const track = useCallback((id: string, action: BulkAction) => {
    window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ id, action }));
    setTracked({ id, action });
  }, []);
  const job = useQuery({
    queryKey: ['jobs', tracked?.id],
    queryFn: () => endpoints.jobs.get(tracked!.id),
    enabled: Boolean(tracked),
    retry: false,
    refetchInterval: (q) => (q.state.data && TERMINAL.has(q.state.data.state) ? false : 1000),
  });
  const view = bulkJobView(job.data);
  const finished = job.isError || view.phase === 'done' || view.phase === 'failed';
  useEffect(() => {
    if (!tracked || !finished) return;
    window.sessionStorage.removeItem(STORAGE_KEY);
    setTracked(null);
    if (view.phase === 'done') toast.success(t(`done.${tracked.action}`, { count: view.affected ?? 0 }));
    else if (view.phase === 'failed') toast.error(t('jobFailed', { error: view.error ?? '' }));
    void queryClient.invalidateQueries({ queryKey: ['leads'] });
  }, [tracked, finished, view.phase, view.affected, view.error, t, queryClient]);
  return { running: Boolean(tracked) && !finished, action: tracked?.action ?? null, view, track };
}
