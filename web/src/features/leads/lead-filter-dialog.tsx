'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { ApiError } from '@/lib/api/client';
import { endpoints } from '@/lib/api/endpoints';
import { RuleBuilder } from '@/features/segments/rule-builder';
import { conditionCount, emptyGroup, errorsByNode, fromApiRules, toApiRules, type GroupNode } from '@/features/segments/rules';
import { useDebouncedValue } from '@/features/shared/use-debounced-value';
import { useCustomFields } from './lead-form-dialog';
import { formatLeadCount } from './lead-columns';
import { type LeadFilters, type LeadRules, toCountQuery } from './lead-query';

/**
 * Advanced filters of the lead list: the segment rule builder (custom fields, address, tags,
 * consent, behaviour), with the live count of matching leads among the list's other filters. The
 * API checks the rules as it checks a segment's; its errors land on the condition at fault.
 */
export function LeadFilterDialog({ open, onOpenChange, filters, onApply }: { open: boolean; onOpenChange: (open: boolean) => void; filters: LeadFilters; onApply: (rules: LeadRules | null) => void }) {
  const t = useTranslations('leads.advanced');
  const locale = useLocale();
  const customFields = useCustomFields();
  const [root, setRoot] = useState<GroupNode>(() => (filters.rules ? fromApiRules(filters.rules) : emptyGroup('and')));
  const { rules, paths } = useMemo(() => toApiRules(root), [root]);
  const count = conditionCount(root);
  const serialized = JSON.stringify(rules);
  const debounced = useDebouncedValue(serialized, 400);
  const preview = useQuery({
    queryKey: ['leads', 'count', 'preview', filters.q, filters.stages, filters.source, filters.tag, filters.emailConsent, filters.trash, debounced],
    queryFn: () => endpoints.leads.count(toCountQuery({ ...filters, rules: JSON.parse(debounced) as LeadRules })),
    enabled: open && count > 0,
    retry: false,
    placeholderData: keepPreviousData,
  });
  // The API names the rules `filter…`; the builder places errors by `rules…` paths.
  const apiErrors = preview.error instanceof ApiError ? (preview.error.problem.errors ?? []).map((e) => ({ ...e, field: e.field.replace(/^filter/, 'rules') })) : [];
  const errors = useMemo(() => errorsByNode(apiErrors, paths), [apiErrors, paths]);
  const reset = (o: boolean) => {
    if (o) setRoot(filters.rules ? fromApiRules(filters.rules) : emptyGroup('and'));
    onOpenChange(o);
  };

  return (
    <Dialog open={open} onOpenChange={reset}>
      <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-4xl">
        <DialogHeader>
          <DialogTitle>{t('title')}</DialogTitle>
          <DialogDescription>{t('description')}</DialogDescription>
        </DialogHeader>
        <RuleBuilder root={root} onChange={setRoot} errors={errors} customFields={customFields.data ?? []} />
        <p className="text-sm text-fg-muted" aria-live="polite" data-testid="advanced-filter-count">
          {count === 0
            ? t('noCondition')
            : preview.data && !preview.isError
              ? preview.data.exact
                ? t('matching', { count: preview.data.count, formatted: formatLeadCount(preview.data.count, true, locale) })
                : t('matchingAbout', { formatted: formatLeadCount(preview.data.count, false, locale) })
              : preview.isError
                ? t('invalid')
                : '…'}
        </p>
        <DialogFooter>
          {filters.rules && (
            <Button
              variant="ghost"
              className="sm:mr-auto"
              onClick={() => {
                onApply(null);
                onOpenChange(false);
              }}
            >
              {t('remove')}
            </Button>
          )}
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            {t('cancel')}
          </Button>
          <Button
            disabled={preview.isError || serialized !== debounced}
            onClick={() => {
              onApply(count === 0 ? null : rules);
              onOpenChange(false);
            }}
          >
            {t('apply')}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
