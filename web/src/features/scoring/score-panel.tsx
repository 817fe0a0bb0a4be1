'use client';

import { useQuery } from '@tanstack/react-query';
import { Gauge, Info, Settings2 } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { Sparkline } from '@/components/ui/sparkline';
import { endpoints } from '@/lib/api/endpoints';
import type { ScorePart, ScoringRule } from '@/lib/api/types';
import { cn } from '@/lib/utils/cn';
import { useIsAdmin } from '@/features/auth/use-session';
import { useDateFormat } from '@/features/shared/format';
import { partDetail, scoreChanges } from './scoring-rules';
import { useRuleText, useScoreReasonText, useScoringRules } from './use-scoring';

const HISTORY_SHOWN = 5;

/** Why a lead has its score: the points each rule gives it now, and how the score moved. */
export function ScorePanel({ leadId }: { leadId: string }) {
  const t = useTranslations('scoring.panel');
  const isAdmin = useIsAdmin();
  const explanation = useQuery({ queryKey: ['leads', 'score', leadId], queryFn: () => endpoints.scoring.explain(leadId) });
  const rules = useScoringRules();
  const noRules = rules.data?.length === 0;

  return (
    <Card data-testid="score-panel">
      <CardHeader className="flex-row items-center justify-between">
        <CardTitle>{t('title')}</CardTitle>
        {isAdmin && !noRules && (
          <Button asChild variant="ghost" size="sm">
            <Link href="/settings/scoring">
              <Settings2 aria-hidden />
              {t('manage')}
            </Link>
          </Button>
        )}
      </CardHeader>
      {explanation.isPending || rules.isPending ? (
        <div role="status" className="grid gap-3 px-5 py-4">
          <span className="sr-only">{t('loading')}</span>
          <Skeleton className="h-10 w-24" />
          <Skeleton className="h-4 w-2/3" />
          <Skeleton className="h-4 w-1/2" />
        </div>
      ) : explanation.isError ? (
        <ErrorState error={explanation.error} onRetry={() => void explanation.refetch()} />
      ) : noRules ? (
        <EmptyState
          icon={Gauge}
          title={t('noRulesTitle')}
          description={isAdmin ? t('noRulesAdmin') : t('noRulesMember')}
          className="py-8"
          action={
            isAdmin && (
              <Button asChild variant="secondary" size="sm">
                <Link href="/settings/scoring">{t('createRule')}</Link>
              </Button>
            )
          }
        />
      ) : (
        <CardContent className="grid gap-5">
          <div>
            <p className="text-xs font-medium uppercase tracking-wide text-fg-muted">{t('current')}</p>
            <p className="mt-0.5 text-4xl font-semibold tabular-nums text-fg" data-testid="score-value">
              {explanation.data.score}
            </p>
            {explanation.data.computed !== explanation.data.score && (
              <p className="mt-2 flex items-start gap-2 rounded-md bg-info-soft px-3 py-2 text-xs text-info">
                <Info className="mt-px size-3.5 shrink-0" aria-hidden />
                {t('pending', { computed: explanation.data.computed })}
              </p>
            )}
          </div>
          <section aria-labelledby="score-breakdown">
            <h3 id="score-breakdown" className="mb-2 text-sm font-semibold text-fg">
              {t('breakdown')}
            </h3>
            {explanation.data.parts.length === 0 ? (
              <p className="text-sm text-fg-muted">{t('noneApplies')}</p>
            ) : (
              <ul className="divide-y divide-border rounded-lg border border-border" data-testid="score-parts">
                {explanation.data.parts.map((part) => (
                  <PartRow key={part.ruleId} part={part} rule={rules.data?.find((r) => r.id === part.ruleId)} />
                ))}
              </ul>
            )}
          </section>
          <ScoreHistory leadId={leadId} />
        </CardContent>
      )}
    </Card>
  );
}

function PartRow({ part, rule }: { part: ScorePart; rule: ScoringRule | undefined }) {
  const t = useTranslations('scoring.panel');
  const text = useRuleText();
  const detail = partDetail(part, rule);
  const notes = [
    detail.events !== null && rule ? t('events', { count: detail.events, points: text.points(rule.points) }) : null,
    detail.cappedAt !== null ? t('capped', { max: detail.cappedAt }) : null,
    detail.decayDays !== null ? t('decay', { days: detail.decayDays }) : null,
  ].filter((n): n is string => n !== null);
  return (
    <li className="flex items-start justify-between gap-4 px-3 py-2.5" data-testid="score-part">
      <div className="min-w-0">
        <p className="text-sm font-medium text-fg">{part.name}</p>
        {rule && <p className="text-xs text-fg-muted">{text.condition(rule)}</p>}
        {notes.length > 0 && <p className="text-xs text-fg-muted">{notes.join(' · ')}</p>}
      </div>
      <span className={cn('shrink-0 text-sm font-semibold tabular-nums', part.points > 0 ? 'text-success' : 'text-danger')}>{text.points(part.points)}</span>
    </li>
  );
}

function ScoreHistory({ leadId }: { leadId: string }) {
  const t = useTranslations('scoring.panel');
  const { dateTime } = useDateFormat();
  const reasonText = useScoreReasonText();
  const text = useRuleText();
  // Score changes come with the timeline; its first 100 items are enough for a recent history.
  const history = useQuery({ queryKey: ['leads', 'timeline', leadId, 'scores'], queryFn: () => endpoints.leads.timeline(leadId, null, 100), select: (d) => scoreChanges(d.items) });
  return (
    <section aria-labelledby="score-history">
      <h3 id="score-history" className="mb-2 text-sm font-semibold text-fg">
        {t('history')}
      </h3>
      {history.isPending ? (
        <Skeleton className="h-20 w-full" />
      ) : history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : history.data.length === 0 ? (
        <p className="text-sm text-fg-muted">{t('historyEmpty')}</p>
      ) : (
        <div className="grid gap-3">
          {history.data.length > 1 && <Sparkline points={history.data.map((c) => ({ at: c.at, value: c.score }))} label={t('history')} />}
          <ol className="grid gap-1.5" data-testid="score-history">
            {history.data.slice(0, HISTORY_SHOWN).map((c) => (
              <li key={c.id} className="flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
                <span className="min-w-0 text-fg">
                  {c.delta !== null && <span className={cn('mr-2 font-medium tabular-nums', c.delta >= 0 ? 'text-success' : 'text-danger')}>{text.points(c.delta)}</span>}
                  {reasonText(c.reason)}
                  <span className="text-fg-muted"> · {t('scoreAfter', { score: c.score })}</span>
                </span>
                <time dateTime={c.at} className="text-xs text-fg-muted">
                  {dateTime(c.at)}
                </time>
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
