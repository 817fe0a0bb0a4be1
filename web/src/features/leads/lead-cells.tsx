'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { Badge } from '@/components/ui/badge';
import type { CustomField, Lead } from '@/lib/api/types';
import { useDateFormat } from '@/features/shared/format';
import { useCountryName } from './countries';
import { type ColumnId, customKey, isCustomColumn } from './lead-columns';
import { useLeadName } from './lead-name';
import { formatPhone } from './schemas';
import { StageBadge } from './stage-badge';

export const none = <span className="text-fg-subtle">—</span>;

/** A column's header, in the UI language (custom fields by their label). */
export function useColumnLabel(customFields: CustomField[] | undefined) {
  const t = useTranslations('leads');
  return useCallback(
    (id: ColumnId): string => {
      if (isCustomColumn(id)) return customFields?.find((f) => f.key === customKey(id))?.label ?? customKey(id);
      switch (id) {
        case 'name':
        case 'email':
        case 'company':
        case 'phone':
        case 'score':
        case 'tags':
        case 'source':
          return t(`columns.${id}`);
        case 'stage':
          return t('columns.stage');
        case 'createdAt':
          return t('columns.created');
        default:
          return t(`fields.${id}`);
      }
    },
    [t, customFields],
  );
}

/** What a cell shows for a lead: each value formatted as the lead page shows it. */
export function useLeadCell(customFields: CustomField[] | undefined, trash: boolean) {
  const t = useTranslations('leads');
  const format = useFormatter();
  const { date } = useDateFormat();
  const leadName = useLeadName();
  const country = useCountryName();
  return useCallback(
    (lead: Lead, id: ColumnId): React.ReactNode => {
      if (isCustomColumn(id)) {
        const field = customFields?.find((f) => f.key === customKey(id));
        const value = lead.customFields[customKey(id)];
        if (value === undefined || value === null || value === '') return none;
        if (field?.type === 'boolean') return value === true || value === 'true' ? t('cells.yes') : t('cells.no');
        if (field?.type === 'number' && typeof value === 'number') return format.number(value);
        if (field?.type === 'date' && typeof value === 'string') return date(value);
        return String(value);
      }
      switch (id) {
        case 'name':
          return leadName(lead) || <span className="text-fg-muted">{t('unnamed')}</span>;
        case 'phone':
          return lead.phone ? formatPhone(lead.phone) : none;
        case 'stage':
          return <StageBadge stage={lead.lifecycleStage} />;
        case 'score':
          return lead.score;
        case 'tags':
          return (
            <span className="flex max-w-56 flex-wrap gap-1">
              {lead.tags.slice(0, 3).map((tag) => (
                <Badge key={tag}>{tag}</Badge>
              ))}
              {lead.tags.length > 3 && <Badge>+{lead.tags.length - 3}</Badge>}
              {lead.tags.length === 0 && none}
            </span>
          );
        case 'civility':
          return lead.civility ? t(`civility.long.${lead.civility}`) : none;
        case 'country':
          return lead.country ? country(lead.country) : none;
        case 'createdAt':
          return date(trash ? lead.deletedAt : lead.createdAt);
        case 'updatedAt':
          return date(lead.updatedAt);
        case 'sourceCreatedAt':
          return lead.sourceCreatedAt ? date(lead.sourceCreatedAt) : none;
        default:
          return lead[id] ?? none;
      }
    },
    [customFields, trash, t, format, date, leadName, country],
  );
}
