'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useCallback, useMemo } from 'react';
import { endpoints } from '@/lib/api/endpoints';
import type { AuditLogEntry } from '@/lib/api/types';
import { useCountryName } from '@/features/leads/countries';
import { auditSentence, type Translate } from './audit-sentences';

/** Entries as sentences in the user's language, members named as they are now. */
export function useAuditSentence() {
  const root = useTranslations();
  const members = useQuery({ queryKey: ['members'], queryFn: endpoints.members.list });
  const names = useMemo(() => new Map((members.data?.items ?? []).map((m) => [m.userId, m.name || m.email])), [members.data]);
  const countryName = useCountryName();
  const translate: Translate = useCallback((key, values) => root(key as never, values as never), [root]);
  return useCallback((entry: AuditLogEntry) => auditSentence(entry, translate, (id) => names.get(id), countryName), [translate, names, countryName]);
}
