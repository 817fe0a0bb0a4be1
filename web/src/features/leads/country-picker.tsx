'use client';

import { Check, ChevronDown, Search } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useMemo, useState } from 'react';
import { Popover, PopoverContent, PopoverTrigger } from '@/components/ui/popover';
import { cn } from '@/lib/utils/cn';
import { searchCountries, useCountryName, useCountryOptions } from './countries';

/**
 * Chooses a country by its name in the UI language (search ignores case and accents, a code
 * works too); "none" first when the value may be empty.
 */
export function CountryPicker({
  value,
  onChange,
  label,
  noneLabel,
  invalid,
  id,
  describedBy,
  className,
}: {
  value: string | null;
  onChange: (code: string | null) => void;
  label: string;
  /** Offer "no country" with this label; left out, a country must be chosen. */
  noneLabel?: string;
  invalid?: boolean;
  id?: string;
  describedBy?: string;
  className?: string;
}) {
  const t = useTranslations('leads.country');
  const all = useCountryOptions();
  const nameOf = useCountryName();
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const [active, setActive] = useState(0);
  const options = useMemo(() => {
    const found: { code: string | null; name: string }[] = searchCountries(all, search);
    return noneLabel && !search.trim() ? [{ code: null, name: noneLabel }, ...found] : found;
  }, [all, search, noneLabel]);
  const activeIndex = Math.min(active, options.length - 1);
  const optionId = (i: number) => `${listId}-${i}`;
  const pick = (code: string | null) => {
    onChange(code);
    setOpen(false);
    setSearch('');
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive(options.length ? (activeIndex + step + options.length) % options.length : 0);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const option = options[activeIndex];
      if (option) pick(option.code);
    }
  };
  // Opening puts the current country in view; the arrows keep the active one in view.
  useEffect(() => {
    if (open && activeIndex >= 0) document.getElementById(optionId(activeIndex))?.scrollIntoView({ block: 'nearest' });
  }, [open, activeIndex]); // eslint-disable-line react-hooks/exhaustive-deps
  const current = value ? nameOf(value) : null;

  return (
    <Popover
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        setSearch('');
        setActive(o ? Math.max(0, options.findIndex((x) => x.code === value)) : 0);
      }}
    >
      <PopoverTrigger
        type="button"
        id={id}
        aria-describedby={describedBy}
        aria-label={`${label} : ${current ?? noneLabel ?? t('placeholder')}`}
        aria-invalid={invalid || undefined}
        data-testid="country-picker"
        className={cn(
          'flex h-9 w-full cursor-pointer items-center justify-between gap-2 rounded-md border border-border-strong bg-surface px-3 text-left text-sm text-fg shadow-xs focus-ring aria-[invalid=true]:border-danger',
          className,
        )}
      >
        <span className="min-w-0 truncate">{current ?? <span className="text-fg-subtle">{noneLabel ?? t('placeholder')}</span>}</span>
        <ChevronDown className="size-4 shrink-0 text-fg-muted" aria-hidden />
      </PopoverTrigger>
      <PopoverContent className="w-72 p-0" aria-label={label}>
        <div className="flex items-center gap-2 border-b border-border px-3">
          <Search className="size-4 shrink-0 text-fg-subtle" aria-hidden />
          <input
            autoFocus
            role="combobox"
            aria-label={t('search')}
            aria-expanded
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={options.length ? optionId(activeIndex) : undefined}
            className="h-10 w-full bg-transparent text-sm text-fg outline-none placeholder:text-fg-subtle"
            placeholder={t('search')}
            value={search}
            maxLength={60}
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
          <ul id={listId} role="listbox" aria-label={label} tabIndex={0} aria-activedescendant={options.length ? optionId(activeIndex) : undefined} onKeyDown={onKeyDown} className="flex max-h-72 flex-col overflow-y-auto rounded-md focus-ring">
            {options.map((o, i) => (
              <li
                key={o.code ?? ''}
                id={optionId(i)}
                role="option"
                aria-selected={o.code === value}
                data-active={i === activeIndex || undefined}
                className="flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 text-sm data-[active]:bg-primary-soft data-[active]:text-primary-soft-fg"
                onMouseMove={() => setActive(i)}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(o.code)}
              >
                <Check className={cn('size-4 shrink-0', o.code === value ? 'opacity-100' : 'opacity-0')} aria-hidden />
                <span className={cn('min-w-0 flex-1 truncate', o.code === null && 'text-fg-muted')}>{o.name}</span>
                {o.code && <span className="shrink-0 font-mono text-[11px] text-fg-muted">{o.code}</span>}
              </li>
            ))}
          </ul>
          {options.length === 0 && <p className="px-2 py-1.5 text-xs text-fg-muted" role="status">{t('none', { search: search.trim() })}</p>}
        </div>
      </PopoverContent>
    </Popover>
  );
}
