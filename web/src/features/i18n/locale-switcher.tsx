'use client';

import { Check, Languages } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { locales, type Locale } from '@/i18n/config';
import { cn } from '@/lib/utils/cn';
import { useSetLocale } from './use-set-locale';

/** Language choice: a compact FR | EN toggle (public pages) or full-name choices (profile). */
export function LocaleSwitcher({ variant = 'inline', className }: { variant?: 'inline' | 'full'; className?: string }) {
  const t = useTranslations('locale');
  const current = useLocale() as Locale;
  const { setLocale, pending } = useSetLocale();

  if (variant === 'full') {
    return (
      <div role="group" aria-label={t('label')} className={cn('flex flex-wrap gap-2', className)}>
        {locales.map((l) => (
          <button
            key={l}
            type="button"
            lang={l}
            aria-pressed={l === current}
            disabled={pending}
            onClick={() => l !== current && setLocale(l)}
            className={cn(
              'flex min-w-40 items-center justify-between gap-3 rounded-lg border px-4 py-2.5 text-sm font-medium focus-ring cursor-pointer transition-colors',
              l === current ? 'border-primary bg-primary-soft text-primary-soft-fg' : 'border-border-strong bg-surface text-fg hover:bg-surface-muted',
            )}
          >
            {t(l)}
            {l === current && <Check className="size-4" aria-hidden />}
          </button>
        ))}
      </div>
    );
  }

  return (
    <div role="group" aria-label={t('label')} className={cn('inline-flex items-center gap-1 text-fg-muted', className)}>
      <Languages className="mr-1 size-4" aria-hidden />
      {locales.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={l === current}
          disabled={pending}
          onClick={() => l !== current && setLocale(l)}
          className={cn(
            'rounded-md px-2 py-1 text-xs font-semibold uppercase tracking-wide focus-ring cursor-pointer',
            l === current ? 'bg-primary-soft text-primary-soft-fg' : 'text-fg-muted hover:bg-surface-sunken hover:text-fg',
          )}
          title={t(l)}
        >
          <span aria-hidden>{l}</span>
          <span className="sr-only">{t(l)}</span>
        </button>
      ))}
    </div>
  );
}
