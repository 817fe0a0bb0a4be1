'use client';

import { AlertCircle, FolderPlus, Plus, Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import * as React from 'react';
import { Button } from '@/components/ui/button';
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from '@/components/ui/dropdown-menu';
import { Input } from '@/components/ui/input';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { LIFECYCLE_STAGES, type CustomField } from '@/lib/api/types';
import { useCountryName, useCountryOptions } from '@/features/leads/countries';
import { CIVILITIES } from '@/features/leads/lead-name';
import { EventTypePicker } from '@/features/events/event-type-picker';
import { cn } from '@/lib/utils/cn';
import {
  addChild,
  CONDITION_TYPES,
  CONSENT_CHANNELS,
  CONSENT_STATUSES,
  conditionNode,
  emptyGroup,
  EVENT_OPS,
  FIELD_KINDS,
  newCondition,
  operatorsFor,
  removeNode,
  RULE_FIELDS,
  setGroupOp,
  TAG_OPS,
  updateCondition,
  valueShape,
  type Condition,
  type ConditionType,
  type GroupNode,
  type NodeError,
  type RuleField,
  type ValueKind,
} from './rules';

interface BuilderProps {
  root: GroupNode;
  onChange: (next: GroupNode) => void;
  errors: Map<string, NodeError[]>;
  customFields: CustomField[];
}

const MAX_DEPTH = 5;

/** Visual editor for a segment's rule tree: nested AND/OR groups of typed conditions. */
export function RuleBuilder({ root, onChange, errors, customFields }: BuilderProps) {
  return <GroupView group={root} depth={1} root={root} onChange={onChange} errors={errors} customFields={customFields} />;
}

function GroupView({ group, depth, root, onChange, errors, customFields }: BuilderProps & { group: GroupNode; depth: number }) {
  const t = useTranslations('segments.builder');
  const groupErrors = errors.get(group.id) ?? [];
  const add = (type: ConditionType) => {
    const cf = customFields[0];
    onChange(addChild(root, group.id, conditionNode(newCondition(type, cf ? { key: cf.key, type: cf.type } : undefined))));
  };
  const addGroup = () => {
    const g = emptyGroup(group.op === 'and' ? 'or' : 'and');
    g.children.push(conditionNode(newCondition('field')));
    onChange(addChild(root, group.id, g));
  };
  return (
    <div
      role="group"
      aria-label={depth === 1 ? t('rootGroup') : t('nestedGroup')}
      className={cn('flex flex-col gap-3', depth > 1 && 'rounded-lg border border-border bg-surface-muted p-4')}
      data-testid="rule-group"
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm text-fg-muted">{t('match')}</span>
        <div role="radiogroup" aria-label={t('opLabel')} className="inline-flex rounded-md border border-border-strong bg-surface p-0.5">
          {(['and', 'or'] as const).map((op) => (
            <button
              key={op}
              type="button"
              role="radio"
              aria-checked={group.op === op}
              onClick={() => onChange(setGroupOp(root, group.id, op))}
              className={cn(
                'rounded px-3 py-1 text-xs font-semibold transition-colors focus-ring cursor-pointer',
                group.op === op ? 'bg-primary text-primary-fg' : 'text-fg-muted hover:text-fg',
              )}
            >
              {t(`op.${op}`)}
            </button>
          ))}
        </div>
        {depth > 1 && (
          <Button variant="ghost" size="sm" className="ml-auto" onClick={() => onChange(removeNode(root, group.id))}>
            <Trash2 aria-hidden />
            {t('removeGroup')}
          </Button>
        )}
      </div>
      {groupErrors.filter((e) => e.property === '' || e.property === 'conditions').map((e, i) => (
        <ErrorLine key={i} error={e} />
      ))}
      {group.children.length === 0 && depth === 1 && (
        <p className="rounded-lg border border-dashed border-border-strong px-4 py-6 text-center text-sm text-fg-muted">{t('emptyRoot')}</p>
      )}
      <ol className="flex flex-col gap-2">
        {group.children.map((child, i) => (
          <li key={child.id} className="flex flex-col gap-2">
            {i > 0 && (
              <span className="ml-3 w-fit rounded bg-primary-soft px-1.5 py-0.5 text-[11px] font-semibold uppercase tracking-wide text-primary-soft-fg" aria-hidden>
                {t(`joiner.${group.op}`)}
              </span>
            )}
            {child.kind === 'group' ? (
              <GroupView group={child} depth={depth + 1} root={root} onChange={onChange} errors={errors} customFields={customFields} />
            ) : (
              <ConditionRow
                condition={child.condition}
                errors={errors.get(child.id) ?? []}
                customFields={customFields}
                onPatch={(patch) => onChange(updateCondition(root, child.id, patch))}
                onRemove={() => onChange(removeNode(root, child.id))}
                index={i}
              />
            )}
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2">
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button variant="secondary" size="sm">
              <Plus aria-hidden />
              {t('addCondition')}
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="start">
            {CONDITION_TYPES.filter((type) => type !== 'customField' || customFields.length > 0).map((type) => (
              <DropdownMenuItem key={type} onSelect={() => add(type)}>
                {t(`types.${type}`)}
              </DropdownMenuItem>
            ))}
          </DropdownMenuContent>
        </DropdownMenu>
        {depth < MAX_DEPTH && (
          <Button variant="ghost" size="sm" onClick={addGroup}>
            <FolderPlus aria-hidden />
            {t('addGroup')}
          </Button>
        )}
      </div>
    </div>
  );
}

function ErrorLine({ error }: { error: NodeError }) {
  const t = useTranslations('segments.ruleErrors');
  const text = t.has(error.code as never) ? t(error.code as never) : error.message;
  return (
    <p role="alert" className="flex items-center gap-1 text-xs font-medium text-danger">
      <AlertCircle className="size-3.5 shrink-0" aria-hidden />
      {text}
    </p>
  );
}

function Choice<T extends string>({ value, options, label, onChange, render, className, invalid, placeholder }: { value: T; options: readonly T[]; label: string; onChange: (v: T) => void; render: (v: T) => string; className?: string; invalid?: boolean; placeholder?: string }) {
  return (
    <Select value={value} onValueChange={(v) => onChange(v as T)}>
      <SelectTrigger aria-label={label} className={cn('h-8 w-auto min-w-32', className)} aria-invalid={invalid || undefined}>
        <SelectValue placeholder={placeholder} />
      </SelectTrigger>
      <SelectContent>
        {options.map((o) => (
          <SelectItem key={o} value={o}>
            {render(o)}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}

/**
 * One condition's inputs. Also used alone (scoring rules): without `onRemove` there is no
 * remove button, and `leading` replaces the condition type's label.
 */
/** The values a field of this kind takes, for a choice list (countries are listed by name in the UI language). */
const FIELD_OPTIONS: Partial<Record<ValueKind, readonly string[]>> = { enum: LIFECYCLE_STAGES, civility: CIVILITIES };

export function ConditionRow({
  condition,
  errors,
  customFields,
  onPatch,
  onRemove,
  index,
  leading,
}: {
  condition: Condition;
  errors: NodeError[];
  customFields: CustomField[];
  onPatch: (patch: Partial<Condition>) => void;
  onRemove?: () => void;
  index: number;
  leading?: React.ReactNode;
}) {
  const t = useTranslations('segments.builder');
  const tf = useTranslations('segments.fields');
  const to = useTranslations('segments.ops');
  const ts = useTranslations('leads.stages');
  const tc = useTranslations('leads.civility.long');
  const countryName = useCountryName();
  const countries = useCountryOptions();
  const bad = (prop: string) => errors.some((e) => e.property === prop || e.property.startsWith(`${prop}[`));
  const n = index + 1;

  const valueInputs = (kind: ValueKind, operator: string, value: string, value2: string, options: readonly string[] = []) => {
    const shape = valueShape(kind, operator);
    const invalid = bad('value') || undefined;
    const input = (v: string, key: 'value' | 'value2', type: string, label: string, placeholder?: string) => (
      <Input
        key={key}
        type={type}
        value={v}
        aria-label={label}
        aria-invalid={invalid}
        placeholder={placeholder}
        className={cn('h-8', type === 'number' ? 'w-28' : type === 'date' ? 'w-40' : 'w-56')}
        onChange={(e) => onPatch({ [key]: e.target.value } as Partial<Condition>)}
      />
    );
    switch (shape) {
      case 'none':
        return null;
      case 'text':
        return input(value, 'value', 'text', t('value', { n }));
      case 'list':
      case 'optionList':
        return input(value, 'value', 'text', t('valueList', { n }), t('listPlaceholder'));
      case 'number':
        return input(value, 'value', 'number', t('value', { n }));
      case 'numberRange':
        return (
          <>
            {input(value, 'value', 'number', t('rangeFrom', { n }))}
            <span className="text-sm text-fg-muted">{t('and')}</span>
            {input(value2, 'value2', 'number', t('rangeTo', { n }))}
          </>
        );
      case 'date':
        return input(value, 'value', 'date', t('value', { n }));
      case 'dateRange':
        return (
          <>
            {input(value, 'value', 'date', t('rangeFrom', { n }))}
            <span className="text-sm text-fg-muted">{t('and')}</span>
            {input(value2, 'value2', 'date', t('rangeTo', { n }))}
          </>
        );
      case 'days':
        return (
          <>
            {input(value, 'value', 'number', t('days', { n }))}
            <span className="text-sm text-fg-muted">{t('daysUnit')}</span>
          </>
        );
      case 'option':
        return options.length ? (
          <Choice
            value={value}
            options={options}
            placeholder={t('choose')}
            label={t('value', { n })}
            invalid={invalid}
            onChange={(v) => onPatch({ value: v } as Partial<Condition>)}
            render={(v) => (kind === 'enum' ? ts(v as never) : kind === 'civility' ? tc(v as never) : kind === 'country' ? countryName(v) : v)}
          />
        ) : (
          input(value, 'value', 'text', t('value', { n }))
        );
      case 'boolean':
        return <Choice value={value === 'true' ? 'true' : 'false'} options={['true', 'false'] as const} label={t('value', { n })} onChange={(v) => onPatch({ value: v } as Partial<Condition>)} render={(v) => t(`bool.${v}`)} />;
    }
  };

  let body: React.ReactNode;
  switch (condition.type) {
    case 'field': {
      const kind = FIELD_KINDS[condition.field];
      body = (
        <>
          <Choice value={condition.field} options={RULE_FIELDS} label={t('field', { n })} onChange={(v: RuleField) => onPatch({ field: v } as Partial<Condition>)} render={(v) => tf(v)} />
          <Choice value={condition.operator} options={operatorsFor(kind)} label={t('operator', { n })} invalid={bad('operator')} onChange={(v) => onPatch({ operator: v } as Partial<Condition>)} render={(v) => to(v as never)} />
          {valueInputs(kind, condition.operator, condition.value, condition.value2, FIELD_OPTIONS[kind] ?? (kind === 'country' ? countries.map((c) => c.code) : []))}
        </>
      );
      break;
    }
    case 'customField': {
      const def = customFields.find((f) => f.key === condition.key);
      body = (
        <>
          <Choice
            value={condition.key}
            options={customFields.map((f) => f.key)}
            label={t('customField', { n })}
            invalid={bad('key')}
            onChange={(key) => {
              const f = customFields.find((x) => x.key === key);
              onPatch({ key, valueType: f?.type ?? 'text' } as Partial<Condition>);
            }}
            render={(k) => customFields.find((f) => f.key === k)?.label ?? k}
          />
          <Choice value={condition.operator} options={operatorsFor(condition.valueType)} label={t('operator', { n })} invalid={bad('operator')} onChange={(v) => onPatch({ operator: v } as Partial<Condition>)} render={(v) => to(v as never)} />
          {valueInputs(condition.valueType, condition.operator, condition.value, condition.value2, def?.options ?? [])}
        </>
      );
      break;
    }
    case 'tag':
      body = (
        <>
          <Choice value={condition.operator} options={TAG_OPS} label={t('operator', { n })} onChange={(v) => onPatch({ operator: v } as Partial<Condition>)} render={(v) => to(v)} />
          <Input
            value={condition.value}
            aria-label={condition.operator === 'hasAny' || condition.operator === 'hasAll' ? t('valueList', { n }) : t('tag', { n })}
            aria-invalid={bad('value') || undefined}
            placeholder={condition.operator === 'hasAny' || condition.operator === 'hasAll' ? t('listPlaceholder') : t('tagPlaceholder')}
            className="h-8 w-56"
            onChange={(e) => onPatch({ value: e.target.value } as Partial<Condition>)}
          />
        </>
      );
      break;
    case 'consent':
      body = (
        <>
          <Choice value={condition.channel} options={CONSENT_CHANNELS} label={t('channel', { n })} onChange={(v) => onPatch({ channel: v } as Partial<Condition>)} render={(v) => t(`channels.${v}`)} />
          <span className="text-sm text-fg-muted">{t('is')}</span>
          <Choice value={condition.status} options={CONSENT_STATUSES} label={t('status', { n })} onChange={(v) => onPatch({ status: v } as Partial<Condition>)} render={(v) => t(`consent.${v}`)} />
        </>
      );
      break;
    case 'event':
      body = (
        <>
          <EventTypePicker value={condition.eventType} label={t('eventType', { n })} invalid={bad('eventType')} onChange={(eventType) => onPatch({ eventType } as Partial<Condition>)} />
          <Choice value={condition.operator} options={EVENT_OPS} label={t('eventOperator', { n })} invalid={bad('operator')} onChange={(v) => onPatch({ operator: v } as Partial<Condition>)} render={(v) => to(v)} />
          {condition.operator !== 'never' && (
            <>
              <Input type="number" min={1} value={condition.count} aria-label={t('count', { n })} aria-invalid={bad('count') || undefined} className="h-8 w-20" onChange={(e) => onPatch({ count: e.target.value } as Partial<Condition>)} />
              <span className="text-sm text-fg-muted">{t('times')}</span>
            </>
          )}
          <span className="text-sm text-fg-muted">{t('within')}</span>
          <Input type="number" min={1} value={condition.withinDays} placeholder={t('anyTime')} aria-label={t('withinDays', { n })} aria-invalid={bad('withinDays') || undefined} className="h-8 w-24" onChange={(e) => onPatch({ withinDays: e.target.value } as Partial<Condition>)} />
          <span className="text-sm text-fg-muted">{t('daysUnit')}</span>
        </>
      );
      break;
  }

  return (
    <div data-testid="rule-condition" className={cn('rounded-lg border bg-surface px-3 py-2.5 shadow-xs', errors.length ? 'border-danger' : 'border-border')}>
      <div className="flex flex-wrap items-center gap-2">
        {leading ?? <span className="min-w-24 text-xs font-semibold uppercase tracking-wide text-fg-muted">{t(`types.${condition.type}`)}</span>}
        {body}
        {onRemove && (
          <Button variant="ghost" size="icon" className="ml-auto size-8" aria-label={t('removeCondition', { n })} onClick={onRemove}>
            <Trash2 aria-hidden />
          </Button>
        )}
      </div>
      {errors.length > 0 && (
        <div className="mt-2 flex flex-col gap-1">
          {errors.map((e, i) => (
            <ErrorLine key={i} error={e} />
          ))}
        </div>
      )}
    </div>
  );
}
