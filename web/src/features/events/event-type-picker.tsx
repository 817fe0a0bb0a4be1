'use client';

import { useQuery } from '@tanstack/react-query';
import { Check, ChevronDown, Search } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useMemo, useState } from 'react';
import { Popover, PopoverContent, PopoverTrigger } from '@/components/ui/popover';
import { endpoints } from '@/lib/api/endpoints';
import { cn } from '@/lib/utils/cn';
import { EVENT_TYPE_PATTERN, foldText, PLATFORM_EVENT_TYPES } from './event-types';
import { useEventTypeName } from './use-event-type-name';

interface Option {
  type: string;
  events: number | null;
  group: 'yours' | 'platform' | 'custom';
}

export const eventTypesQuery = { queryKey: ['events', 'types'], queryFn: () => endpoints.events.types(), staleTime: 60_000 } as const;

/** An event type by its name: the shared label of segment, scoring and timeline (custom types as typed, in monospace). */
export function EventTypeName({ type, className }: { type: string; className?: string }) {
  const name = useEventTypeName()(type);
  if (name) return <span className={className}>{name}</span>;
  return <code className={cn('rounded bg-surface-sunken px-1 py-0.5 font-mono text-[0.85em]', className)}>{type}</code>;
}

/**
 * Chooses an event type: the workspace's own types (most frequent first, with their counts),
 * then the platform's others, all by name; a type not listed can still be typed and used.
 */
export function EventTypePicker({
  value,
  onChange,
  label,
  invalid,
  className,
  id,
  describedBy,
}: {
  value: string;
  onChange: (type: string) => void;
  label: string;
  invalid?: boolean;
  className?: string;
  id?: string;
  describedBy?: string;
}) {
  const t = useTranslations('events.picker');
  const nameOf = useEventTypeName();
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const [active, setActive] = useState(0);
  const types = useQuery({ ...eventTypesQuery, enabled: open });

  const options = useMemo<Option[]>(() => {
    const known: Option[] = types.data
      ? types.data.items.map((i) => ({ type: i.type, events: i.events, group: i.events > 0 ? 'yours' : 'platform' }))
      : PLATFORM_EVENT_TYPES.map((type) => ({ type, events: null, group: 'platform' }));
    const q = foldText(search.trim());
    const shown = q ? known.filter((o) => foldText(o.type).includes(q) || foldText(nameOf(o.type) ?? '').includes(q)) : known;
    const typed = search.trim().toLowerCase();
    if (typed && EVENT_TYPE_PATTERN.test(typed) && !known.some((o) => o.type === typed)) shown.push({ type: typed, events: null, group: 'custom' });
    return shown;
  }, [types.data, search, nameOf]);

  const typedInvalid = search.trim() !== '' && !EVENT_TYPE_PATTERN.test(search.trim().toLowerCase());
  const pick = (type: string) => {
    onChange(type);
    setOpen(false);
    setSearch('');
  };
  const optionId = (i: number) => `${listId}-${i}`;
  const current = nameOf(value);
  const activeIndex = Math.min(active, options.length - 1);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive(options.length ? (activeIndex + step + options.length) % options.length : 0);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const option = options[activeIndex];
      if (option) pick(option.type);
    }
  };
  // The active option stays in view as the arrows move through a long list.
  useEffect(() => {
    if (open && activeIndex >= 0) document.getElementById(optionId(activeIndex))?.scrollIntoView({ block: 'nearest' });
  }, [open, activeIndex]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <Popover
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        setActive(0);
        if (!o) setSearch('');
      }}
    >
      <PopoverTrigger
        type="button"
        id={id}
        aria-describedby={describedBy}
        aria-label={value ? `${label} : ${current ?? value}` : label}
        aria-invalid={invalid || undefined}
        data-testid="event-type-picker"
        className={cn(
          'flex h-8 min-w-44 max-w-72 cursor-pointer items-center justify-between gap-2 rounded-md border border-border-strong bg-surface px-3 text-left text-sm text-fg shadow-xs focus-ring aria-[invalid=true]:border-danger',
          className,
        )}
      >
        <span className="min-w-0 truncate">{value ? <EventTypeName type={value} /> : <span className="text-fg-subtle">{t('placeholder')}</span>}</span>
        <ChevronDown className="size-4 shrink-0 text-fg-muted" aria-hidden />
      </PopoverTrigger>
      <PopoverContent className="w-80 p-0" aria-label={label}>
        <div className="flex items-center gap-2 border-b border-border px-3">
          <Search className="size-4 shrink-0 text-fg-subtle" aria-hidden />
          <input
            autoFocus
            role="combobox"
            aria-label={t('search')}
            aria-expanded
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={options.length ? optionId(Math.min(active, options.length - 1)) : undefined}
            aria-invalid={typedInvalid || undefined}
            aria-describedby={typedInvalid ? `${listId}-invalid` : undefined}
            className="h-10 w-full bg-transparent text-sm text-fg outline-none placeholder:text-fg-subtle"
            placeholder={t('search')}
            value={search}
            maxLength={100}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => {
              setSearch(e.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
          />
        </div>
        <div className="p-1">
          {types.isPending && open && <p className="px-2 py-1.5 text-xs text-fg-muted" role="status">{t('loading')}</p>}
          {types.isError && <p className="px-2 py-1.5 text-xs text-fg-muted" role="status">{t('error')}</p>}
          {typedInvalid && (
            <p id={`${listId}-invalid`} className="px-2 py-1.5 text-xs text-danger">
              {t('invalid', { type: search.trim() })}
            </p>
          )}
          {/* Focusable too, so the list scrolls from the keyboard; arrows and Enter work there as in the search box. */}
          <ul
            id={listId}
            role="listbox"
            aria-label={label}
            tabIndex={0}
            aria-activedescendant={options.length ? optionId(Math.min(active, options.length - 1)) : undefined}
            onKeyDown={onKeyDown}
            className="flex max-h-72 flex-col overflow-y-auto rounded-md focus-ring"
          >
            {options.map((o, i) => {
              const heading = i === 0 || options[i - 1]!.group !== o.group;
              const name = nameOf(o.type);
              return (
                <li key={o.type} role="presentation">
                  {heading && <p className="px-2 pb-1 pt-2 text-[11px] font-semibold uppercase tracking-wide text-fg-muted" aria-hidden>{t(`groups.${o.group}`)}</p>}
                  <div
                    id={optionId(i)}
                    role="option"
                    aria-selected={o.type === value}
                    data-active={i === Math.min(active, options.length - 1) || undefined}
                    className="flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 text-sm data-[active]:bg-primary-soft data-[active]:text-primary-soft-fg"
                    onMouseMove={() => setActive(i)}
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => pick(o.type)}
                  >
                    <Check className={cn('size-4 shrink-0', o.type === value ? 'opacity-100' : 'opacity-0')} aria-hidden />
                    <span className="min-w-0 flex-1">
                      <span className="block truncate">{o.group === 'custom' ? t('useCustom', { type: o.type }) : (name ?? o.type)}</span>
                      {name && <span className="block truncate font-mono text-[11px] text-fg-muted">{o.type}</span>}
                    </span>
                    {o.events !== null && o.events > 0 && <span className="shrink-0 text-xs tabular-nums text-fg-muted">{t('count', { count: o.events })}</span>}
                  </div>
                </li>
              );
            })}
          </ul>
          {options.length === 0 && !typedInvalid && <p className="px-2 py-1.5 text-xs text-fg-muted">{t('none')}</p>}
          <p className="border-t border-border px-2 pb-1 pt-2 text-[11px] text-fg-muted">{t('customHint')}</p>
        </div>
      </PopoverContent>
    </Popover>
  );
}
