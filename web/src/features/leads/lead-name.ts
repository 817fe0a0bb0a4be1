import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import type { Lead } from '@/lib/api/types';

export type Civility = NonNullable<Lead['civility']>;
export const CIVILITIES = ['ms', 'mr', 'other'] as const satisfies readonly Civility[];

type Named = Pick<Lead, 'firstName' | 'lastName'> & { civility?: Lead['civility'] };

/**
 * "Mme Hélène Lefèvre": the civility's short form before the name, as French letters and lists
 * write it. `other` (addressed by name only) and a lead without a name get no prefix.
 */
export function formatLeadName(lead: Named, short: (civility: 'mr' | 'ms') => string): string {
  const name = [lead.firstName, lead.lastName].filter(Boolean).join(' ');
  if (!name || !lead.civility || lead.civility === 'other') return name;
  return `${short(lead.civility)} ${name}`;
}

/** formatLeadName in the UI language (M. / Mme, Mr / Ms). */
export function useLeadName(): (lead: Named) => string {
  const t = useTranslations('leads.civility.short');
  return useCallback((lead: Named) => formatLeadName(lead, (c) => t(c)), [t]);
}
