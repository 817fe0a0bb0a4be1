import { useTranslations } from 'next-intl';
import * as React from 'react';
import { LocaleSwitcher } from '@/features/i18n/locale-switcher';
import { Logo } from '@/features/shell/logo';

/** Public pages: a brand panel beside the form. */
export function AuthShell({ title, subtitle, children, footer }: { title: React.ReactNode; subtitle?: React.ReactNode; children: React.ReactNode; footer?: React.ReactNode }) {
  const t = useTranslations('auth.brand');
  return (
    <div className="grid min-h-dvh lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
      <aside className="relative hidden overflow-hidden bg-sidebar p-10 text-sidebar-fg lg:flex lg:flex-col lg:justify-between">
        <div aria-hidden className="pointer-events-none absolute -right-24 -top-24 size-96 rounded-full bg-brand-600/30 blur-3xl" />
        <div aria-hidden className="pointer-events-none absolute -bottom-32 -left-16 size-96 rounded-full bg-brand-800/50 blur-3xl" />
        <Logo inverted />
        <div className="relative max-w-md">
          <p className="text-3xl font-semibold leading-tight tracking-tight text-white">{t('headline')}</p>
          <p className="mt-4 text-[15px] leading-relaxed">{t('tagline')}</p>
          <ul className="mt-8 space-y-3 text-sm">
            {(['point1', 'point2', 'point3'] as const).map((k) => (
              <li key={k} className="flex items-start gap-3">
                <span aria-hidden className="mt-1.5 size-1.5 shrink-0 rounded-full bg-brand-300" />
                {t(k)}
              </li>
            ))}
          </ul>
        </div>
        <p className="relative text-xs">{t('footer')}</p>
      </aside>
      <main className="flex flex-col">
        <div className="flex items-center justify-between px-6 py-5 sm:px-10">
          <span className="lg:invisible">
            <Logo />
          </span>
          <LocaleSwitcher variant="inline" />
        </div>
        <div className="flex flex-1 items-center justify-center px-6 pb-16 sm:px-10">
          <div className="w-full max-w-[400px]">
            <h1 className="text-2xl font-semibold tracking-tight text-fg">{title}</h1>
            {subtitle && <p className="mt-1.5 text-sm text-fg-muted">{subtitle}</p>}
            <div className="mt-8">{children}</div>
            {footer && <div className="mt-8 text-center text-sm text-fg-muted">{footer}</div>}
          </div>
        </div>
      </main>
    </div>
  );
}
