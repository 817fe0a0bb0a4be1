'use client';

import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import type { LifecycleStage } from '@/lib/api/types';

const TONE: Record<LifecycleStage, 'neutral' | 'brand' | 'success' | 'warning' | 'info'> = {
  subscriber: 'neutral',
  lead: 'info',
  mql: 'brand',
  sql: 'brand',
  opportunity: 'warning',
  customer: 'success',
  evangelist: 'success',
  other: 'neutral',
};

export function StageBadge({ stage }: { stage: LifecycleStage }) {
  const t = useTranslations('leads.stages');
  return <Badge tone={TONE[stage]}>{t(stage)}</Badge>;
}

export function leadName(lead: { firstName: string | null; lastName: string | null }): string {
  return [lead.firstName, lead.lastName].filter(Boolean).join(' ');
}
