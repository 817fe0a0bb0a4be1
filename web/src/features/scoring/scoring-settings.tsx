'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Gauge, Lock, Plus, RefreshCw } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { ProgressBar } from '@/components/ui/progress';
import { TableSkeleton } from '@/components/ui/skeleton';
import { Switch } from '@/components/ui/switch';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { toast } from '@/components/ui/toaster';
import { ApiError } from '@/lib/api/client';
import { endpoints } from '@/lib/api/endpoints';
import type { ScoringRule } from '@/lib/api/types';
import { cn } from '@/lib/utils/cn';
import { useIsAdmin, useSession } from '@/features/auth/use-session';
import { useApiErrorText } from '@/features/shared/use-api-error-text';
import { Section } from '@/features/settings/section';
import type { RecomputeView } from './scoring-rules';
import { ScoringRuleDialog } from './scoring-rule-dialog';
import { SCORING_RULES_KEY, useRecompute, useRuleText, useScoringRules } from './use-scoring';
import { RowActions } from '@/components/ui/row-actions';

/** Scoring rules: everyone reads them, owners and admins change them; each change recomputes every score. */
export function ScoringSettings() {
  const t = useTranslations('scoring');
  const tc = useTranslations('common');
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const session = useSession();
  const isAdmin = useIsAdmin();
  const rules = useScoringRules();
  const text = useRuleText();
  const recompute = useRecompute();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<ScoringRule | null>(null);
  const [deleting, setDeleting] = useState<ScoringRule | null>(null);
  const onError = (err: Error) => toast.error(errorText(err instanceof ApiError ? err.code : undefined, err.message));
  const saved = (jobId: string) => {
    recompute.track(jobId);
    void queryClient.invalidateQueries({ queryKey: SCORING_RULES_KEY });
  };
  const remove = useMutation({
    mutationFn: (id: string) => endpoints.scoring.remove(id),
    onSuccess: (res) => {
      toast.success(t('deleted'));
      setDeleting(null);
      saved(res.recomputeJobId);
    },
    onError,
  });
  const toggle = useMutation({
    mutationFn: ({ rule, active }: { rule: ScoringRule; active: boolean }) => endpoints.scoring.update(rule.id, { active }),
    onSuccess: (rule) => {
      toast.success(rule.active ? t('activated', { name: rule.name }) : t('paused', { name: rule.name }));
      saved(rule.recomputeJobId);
    },
    onError,
  });
  const list = rules.data ?? [];
  const createButton = (
    <Button onClick={() => setCreating(true)}>
      <Plus aria-hidden />
      {t('create')}
    </Button>
  );

  return (
    <Section title={t('title')} description={t('description')} actions={isAdmin && list.length > 0 ? createButton : undefined}>
      {recompute.running && <RecomputeStatus view={recompute.view} />}
      {rules.isPending || session.isPending ? (
        <TableSkeleton columns={5} />
      ) : rules.isError ? (
        <ErrorState error={rules.error} onRetry={() => void rules.refetch()} />
      ) : list.length === 0 ? (
        <EmptyState
          icon={Gauge}
          title={t('empty.title')}
          description={t('empty.description')}
          action={isAdmin ? createButton : undefined}
        >
          {!isAdmin && <p className="mt-3 text-sm font-medium text-fg">{t('empty.readOnly')}</p>}
        </EmptyState>
      ) : (
        <>
          {!isAdmin && (
            <p className="flex items-center gap-2 border-b border-border bg-surface-muted px-5 py-2.5 text-sm text-fg-muted">
              <Lock className="size-4 shrink-0" aria-hidden />
              {t('readOnly')}
            </p>
          )}
          <Table>
            <TableCaption>{t('title')}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHead>{t('columns.rule')}</TableHead>
                <TableHead className="w-36">{t('columns.kind')}</TableHead>
                <TableHead className="w-24 text-right">{t('columns.points')}</TableHead>
                <TableHead className="w-36">{t('columns.active')}</TableHead>
                {isAdmin && (
                  <TableHead className="w-24">
                    <span className="sr-only">{tc('actions')}</span>
                  </TableHead>
                )}
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.map((rule) => {
                const limits = text.limits(rule);
                return (
                  <TableRow key={rule.id} data-testid="scoring-rule" className={cn(!rule.active && 'text-fg-muted')}>
                    <TableCell>
                      <p className="font-medium text-fg">{rule.name}</p>
                      <p className={cn('mt-0.5 text-sm', rule.active ? 'text-fg' : 'text-fg-muted')} data-testid="scoring-rule-sentence">
                        {text.sentence(rule)}
                      </p>
                      {limits.length > 0 && <p className="mt-0.5 text-xs text-fg-muted">{limits.join(' · ')}</p>}
                    </TableCell>
                    <TableCell>
                      <Badge tone={rule.kind === 'behaviour' ? 'info' : 'brand'}>{t(`kinds.${rule.kind}`)}</Badge>
                    </TableCell>
                    <TableCell className={cn('text-right text-base font-semibold tabular-nums', !rule.active ? 'text-fg-subtle' : rule.points > 0 ? 'text-success' : 'text-danger')}>
                      {text.points(rule.points)}
                    </TableCell>
                    <TableCell>
                      {isAdmin ? (
                        <div className="flex items-center gap-2">
                          <Switch
                            checked={rule.active}
                            disabled={toggle.isPending}
                            aria-label={t('activeOf', { name: rule.name })}
                            onCheckedChange={(active) => toggle.mutate({ rule, active })}
                          />
                          <span className="whitespace-nowrap text-xs text-fg-muted" aria-hidden>
                            {rule.active ? t('status.active') : t('status.paused')}
                          </span>
                        </div>
                      ) : (
                        <Badge tone={rule.active ? 'success' : 'neutral'}>{rule.active ? t('status.active') : t('status.paused')}</Badge>
                      )}
                    </TableCell>
                    {isAdmin && (
                      <TableCell className="text-right">
                        <RowActions editLabel={t('editOf', { name: rule.name })} deleteLabel={t('deleteOf', { name: rule.name })} onEdit={() => setEditing(rule)} onDelete={() => setDeleting(rule)} />
                      </TableCell>
                    )}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </>
      )}
      {isAdmin && (
        <>
          <ScoringRuleDialog open={creating} onOpenChange={setCreating} rule={null} onSaved={saved} />
          <ScoringRuleDialog open={editing !== null} onOpenChange={(o) => !o && setEditing(null)} rule={editing} onSaved={saved} />
          <ConfirmDialog
            open={deleting !== null}
            onOpenChange={(o) => !o && setDeleting(null)}
            title={t('deleteTitle', { name: deleting?.name ?? '' })}
            description={t('deleteDescription')}
            confirmLabel={t('deleteConfirm')}
            pending={remove.isPending}
            onConfirm={() => {
              if (deleting) remove.mutate(deleting.id);
            }}
          />
        </>
      )}
    </Section>
  );
}

function RecomputeStatus({ view }: { view: RecomputeView }) {
  const t = useTranslations('scoring.recompute');
  return (
    <div role="status" className="flex flex-col gap-2 border-b border-border bg-primary-soft/60 px-5 py-3" data-testid="scoring-recompute">
      <p className="flex items-center gap-2 text-sm font-medium text-fg">
        <RefreshCw className="size-4 shrink-0 text-primary motion-safe:animate-spin" aria-hidden />
        {view.phase === 'queued' ? t('queued') : t('running')}
      </p>
      <ProgressBar value={view.percent} label={t('progressLabel')} />
      <p className="text-xs text-fg-muted">{t('hint')}</p>
    </div>
  );
}
