'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Loader2, Plus, Users, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { Controller, useFieldArray, useForm } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { Switch } from '@/components/ui/switch';
import { toast } from '@/components/ui/toaster';
import { ApiError } from '@/lib/api/client';
import { endpoints } from '@/lib/api/endpoints';
import type { ScoringRule } from '@/lib/api/types';
import { cn } from '@/lib/utils/cn';
import { FormAlert } from '@/features/auth/form-alert';
import { EventTypePicker } from '@/features/events/event-type-picker';
import { useCustomFields } from '@/features/leads/lead-form-dialog';
import { ConditionRow } from '@/features/segments/rule-builder';
import { conditionNode, conditionToApi, emptyGroup, errorsByNode, newCondition, toApiRules, updateCondition, type Condition, type GroupNode, type NodeError } from '@/features/segments/rules';
import { useApiErrorText } from '@/features/shared/use-api-error-text';
import { useDebouncedValue } from '@/features/shared/use-debounced-value';
import { useValidationMessage } from '@/features/shared/use-validation-message';
import {
  ATTRIBUTE_CONDITION_TYPES,
  behaviourCondition,
  defaultCondition,
  newRuleForm,
  parseWhole,
  ruleToForm,
  scoringProblem,
  scoringRuleSchema,
  toCreateInput,
  toUpdateInput,
  type AttributeConditionType,
  type ScoringFormValues,
} from './scoring-rules';
import { useRuleText } from './use-scoring';

/** Create a scoring rule (rule = null) or change one; saving starts a recompute of every score (its job id goes to onSaved). */
export function ScoringRuleDialog({ open, onOpenChange, rule, onSaved }: { open: boolean; onOpenChange: (o: boolean) => void; rule: ScoringRule | null; onSaved: (jobId: string) => void }) {
  const t = useTranslations('scoring.form');
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-h-[calc(100dvh-2rem)] max-w-2xl overflow-y-auto">
        <DialogHeader>
          <DialogTitle>{rule ? t('editTitle') : t('createTitle')}</DialogTitle>
          <DialogDescription>{rule ? t('editDescription') : t('createDescription')}</DialogDescription>
        </DialogHeader>
        {open && <ScoringRuleForm rule={rule} onSaved={onSaved} onDone={() => onOpenChange(false)} />}
      </DialogContent>
    </Dialog>
  );
}

function single(condition: Condition): GroupNode {
  const g = emptyGroup('and');
  g.children.push(conditionNode(condition));
  return g;
}

function ScoringRuleForm({ rule, onSaved, onDone }: { rule: ScoringRule | null; onSaved: (jobId: string) => void; onDone: () => void }) {
  const t = useTranslations();
  const tf = useTranslations('scoring.form');
  const msg = useValidationMessage();
  const errorText = useApiErrorText();
  const text = useRuleText();
  const customFields = useCustomFields();
  const initial = useMemo(() => (rule ? ruleToForm(rule) : { values: newRuleForm(), condition: defaultCondition() }), [rule]);
  const form = useForm<ScoringFormValues>({ resolver: zodResolver(scoringRuleSchema), mode: 'onChange', defaultValues: initial.values });
  const { errors } = form.formState;
  const properties = useFieldArray({ control: form.control, name: 'properties' });
  const values = form.watch();
  const kind = values.kind;
  const [formError, setFormError] = useState<string | null>(null);

  // An attribute rule's condition is one segment condition: edited with the segment builder's row
  // and checked as you type by the segment preview, which also says how many leads it matches.
  const [root, setRoot] = useState<GroupNode>(() => single(initial.condition));
  const node = root.children[0]!;
  const condition = node.kind === 'condition' ? node.condition : defaultCondition();
  const [saveConditionErrors, setSaveConditionErrors] = useState<NodeError[]>([]);
  const { rules, paths } = useMemo(() => toApiRules(root), [root]);
  const serialized = JSON.stringify(rules);
  const debounced = useDebouncedValue(serialized, 400);
  const preview = useQuery({
    queryKey: ['segments', 'preview', debounced],
    queryFn: ({ signal }) => endpoints.segments.preview(JSON.parse(debounced) as Record<string, unknown>, signal),
    enabled: kind === 'attribute',
    retry: false,
  });
  const previewErrors = preview.error instanceof ApiError ? (preview.error.problem.errors ?? []) : [];
  const checking = serialized !== debounced || preview.isFetching;
  const liveErrors = checking ? [] : (errorsByNode(previewErrors, paths).get(node.id) ?? []);
  // A new rule's starter condition is incomplete: say so once it is edited or the form is sent.
  const [touched, setTouched] = useState(Boolean(rule));
  const conditionErrors = saveConditionErrors.length ? saveConditionErrors : touched ? liveErrors : [];
  const setCondition = (next: GroupNode) => {
    setRoot(next);
    setTouched(true);
    setSaveConditionErrors([]);
  };
  const changeType = (type: AttributeConditionType) => {
    const cf = customFields.data?.[0];
    setCondition(single(type === 'field' ? defaultCondition() : newCondition(type, cf ? { key: cf.key, type: cf.type } : undefined)));
  };

  const mutation = useMutation({
    mutationFn: (v: ScoringFormValues) => (rule ? endpoints.scoring.update(rule.id, toUpdateInput(v, condition)) : endpoints.scoring.create(toCreateInput(v, condition))),
  });
  const onSubmit = form.handleSubmit(async (v) => {
    setFormError(null);
    // The condition's problems are shown on it.
    if (v.kind === 'attribute' && liveErrors.length) return;
    try {
      const saved = await mutation.mutateAsync(v);
      toast.success(rule ? t('scoring.saved') : t('scoring.created'));
      onSaved(saved.recomputeJobId);
      onDone();
    } catch (err) {
      if (!(err instanceof ApiError)) {
        setFormError(errorText('NETWORK_ERROR', ''));
        return;
      }
      const problem = scoringProblem(err.problem.errors ?? [], v.kind);
      for (const f of problem.fields) form.setError(f.field, { type: 'server', message: f.message });
      setSaveConditionErrors(problem.condition);
      if (problem.unplaced || !err.problem.errors?.length) setFormError(errorText(err.code, err.problem.detail || err.message));
    }
  });

  const points = parseWhole(values.points);
  const summary = Number.isInteger(points) && points !== 0
    ? {
        kind,
        condition: kind === 'attribute' ? conditionToApi(condition) : behaviourCondition(values),
        points,
        maxPoints: kind === 'behaviour' && parseWhole(values.maxPoints) > 0 ? parseWhole(values.maxPoints) : null,
        decayDays: kind === 'behaviour' && parseWhole(values.decayDays) > 0 ? parseWhole(values.decayDays) : null,
      }
    : null;
  const conditionTypes = ATTRIBUTE_CONDITION_TYPES.filter((type) => type !== 'customField' || (customFields.data?.length ?? 0) > 0);

  return (
    <form
      onSubmit={(e) => {
        setTouched(true);
        void onSubmit(e);
      }}
      noValidate
      className="grid gap-5"
    >
      {formError && <FormAlert>{formError}</FormAlert>}
      <Field label={tf('name')} error={msg(errors.name?.message)}>
        {(p) => <Input {...p} autoComplete="off" autoFocus placeholder={tf('namePlaceholder')} {...form.register('name')} />}
      </Field>

      <fieldset className="grid gap-2" disabled={Boolean(rule)}>
        <legend className="mb-1.5 text-[13px] font-medium text-fg">{tf('kind')}</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {(['attribute', 'behaviour'] as const).map((k) => (
            <label
              key={k}
              className={cn(
                'flex gap-3 rounded-lg border border-border-strong p-3 transition-colors has-[:checked]:border-primary has-[:checked]:bg-primary-soft has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ring',
                rule ? 'cursor-not-allowed' : 'cursor-pointer hover:bg-surface-muted',
              )}
            >
              <input type="radio" value={k} className="mt-0.5 size-4 shrink-0 accent-primary" {...form.register('kind')} />
              <span>
                <span className="block text-sm font-medium text-fg">{t(`scoring.kinds.${k}`)}</span>
                <span className="block text-xs text-fg-muted">{t(`scoring.kindHints.${k}`)}</span>
              </span>
            </label>
          ))}
        </div>
        {rule && <p className="text-xs text-fg-muted">{tf('kindFixed')}</p>}
      </fieldset>

      {kind === 'attribute' ? (
        <fieldset className="grid gap-2">
          <legend className="mb-1.5 text-[13px] font-medium text-fg">{tf('condition')}</legend>
          <ConditionRow
            condition={condition}
            errors={conditionErrors}
            customFields={customFields.data ?? []}
            index={0}
            onPatch={(patch) => setCondition(updateCondition(root, node.id, patch))}
            leading={
              <Select value={condition.type} onValueChange={(v) => changeType(v as AttributeConditionType)}>
                <SelectTrigger aria-label={tf('conditionType')} className="h-8 w-auto min-w-32">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {conditionTypes.map((type) => (
                    <SelectItem key={type} value={type}>
                      {t(`segments.builder.types.${type}`)}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            }
          />
          <p className="flex min-h-5 items-center gap-1.5 text-xs text-fg-muted" aria-live="polite" data-testid="scoring-condition-count">
            {checking ? (
              <>
                <Loader2 className="size-3.5 animate-spin" aria-hidden />
                {tf('checking')}
              </>
            ) : preview.data && !preview.isError ? (
              <>
                <Users className="size-3.5" aria-hidden />
                {tf('matching', { count: preview.data.count })}
              </>
            ) : null}
          </p>
        </fieldset>
      ) : (
        <>
          <Field label={tf('eventType')} error={msg(errors.eventType?.message)} hint={tf('eventTypeHint')}>
            {(p) => (
              <Controller
                control={form.control}
                name="eventType"
                render={({ field }) => (
                  <EventTypePicker id={p.id} describedBy={p['aria-describedby']} invalid={p['aria-invalid']} label={tf('eventType')} value={field.value} onChange={field.onChange} className="h-9 w-full max-w-none" />
                )}
              />
            )}
          </Field>
          <fieldset className="grid gap-2">
            <legend className="mb-0.5 text-[13px] font-medium text-fg">{tf('properties')}</legend>
            <p className="text-xs text-fg-muted">{tf('propertiesHint')}</p>
            {properties.fields.length > 0 && (
              <ul className="grid gap-2">
                {properties.fields.map((row, i) => (
                  <li key={row.id} className="flex items-start gap-2">
                    <div className="flex-1">
                      <Label htmlFor={`property-key-${i}`} className="sr-only">
                        {tf('propertyKey', { n: i + 1 })}
                      </Label>
                      <Input id={`property-key-${i}`} autoComplete="off" spellCheck={false} placeholder={tf('propertyKeyPlaceholder')} aria-invalid={Boolean(errors.properties?.[i]?.key)} {...form.register(`properties.${i}.key`)} />
                      {errors.properties?.[i]?.key && <p className="mt-1 text-xs font-medium text-danger">{msg(errors.properties[i]?.key?.message)}</p>}
                    </div>
                    <span className="pt-2 text-sm text-fg-muted" aria-hidden>
                      =
                    </span>
                    <div className="flex-1">
                      <Label htmlFor={`property-value-${i}`} className="sr-only">
                        {tf('propertyValue', { n: i + 1 })}
                      </Label>
                      <Input id={`property-value-${i}`} autoComplete="off" placeholder={tf('propertyValuePlaceholder')} {...form.register(`properties.${i}.value`)} />
                    </div>
                    <Button type="button" variant="ghost" size="icon" aria-label={tf('removeProperty', { n: i + 1 })} onClick={() => properties.remove(i)}>
                      <X aria-hidden />
                    </Button>
                  </li>
                ))}
              </ul>
            )}
            <div>
              <Button type="button" variant="secondary" size="sm" onClick={() => properties.append({ key: '', value: '' })} disabled={properties.fields.length >= 20}>
                <Plus aria-hidden />
                {tf('addProperty')}
              </Button>
            </div>
          </fieldset>
        </>
      )}

      <div className={cn('grid gap-4', kind === 'behaviour' && 'sm:grid-cols-3')}>
        <Field label={tf('points')} error={msg(errors.points?.message)} hint={tf(`pointsHint.${kind}`)}>
          {(p) => <Input {...p} type="number" step={1} inputMode="numeric" className={cn(kind === 'attribute' && 'sm:max-w-48')} {...form.register('points')} />}
        </Field>
        {kind === 'behaviour' && (
          <>
            <Field label={tf('maxPoints')} error={msg(errors.maxPoints?.message)} hint={tf('maxPointsHint')}>
              {(p) => <Input {...p} type="number" min={1} step={1} inputMode="numeric" {...form.register('maxPoints')} />}
            </Field>
            <Field label={tf('decayDays')} error={msg(errors.decayDays?.message)} hint={tf('decayDaysHint')}>
              {(p) => <Input {...p} type="number" min={1} step={1} inputMode="numeric" {...form.register('decayDays')} />}
            </Field>
          </>
        )}
      </div>

      <Controller
        control={form.control}
        name="active"
        render={({ field }) => (
          <div className="flex items-start gap-3">
            <Switch id="scoring-rule-active" checked={field.value} onCheckedChange={field.onChange} aria-describedby="scoring-rule-active-hint" className="mt-0.5" />
            <div>
              <Label htmlFor="scoring-rule-active">{tf('active')}</Label>
              <p id="scoring-rule-active-hint" className="text-xs text-fg-muted">
                {tf('activeHint')}
              </p>
            </div>
          </div>
        )}
      />

      {summary && (
        <div className="rounded-lg border border-border bg-surface-muted px-4 py-3" data-testid="scoring-rule-summary">
          <p className="text-xs font-semibold uppercase tracking-wide text-fg-muted">{tf('summary')}</p>
          <p className="mt-1 text-sm font-medium text-fg">{text.sentence(summary)}</p>
          {text.limits(summary).length > 0 && <p className="mt-0.5 text-xs text-fg-muted">{text.limits(summary).join(' · ')}</p>}
        </div>
      )}

      <DialogFooter>
        <Button type="button" variant="secondary" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={mutation.isPending}>
          {rule ? tf('save') : tf('create')}
        </Button>
      </DialogFooter>
    </form>
  );
}
