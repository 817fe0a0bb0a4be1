'use client';

import { Dialog as DialogPrimitive } from 'radix-ui';
import { Menu, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import * as React from 'react';
import { Sidebar } from './sidebar';
import { TenantSwitcher } from './tenant-switcher';
import { UserMenu } from './user-menu';

export function AppShell({ children }: { children: React.ReactNode }) {
  const t = useTranslations('shell');
  const [mobileOpen, setMobileOpen] = React.useState(false);
  return (
    <div className="min-h-dvh lg:grid lg:grid-cols-[15.5rem_minmax(0,1fr)]">
      <a href="#main" className="sr-only focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:z-[60] focus:rounded-md focus:bg-surface focus:px-3 focus:py-2 focus:shadow-lg">
        {t('skipToContent')}
      </a>
      <aside className="sticky top-0 hidden h-dvh lg:block">
        <Sidebar />
      </aside>
      <DialogPrimitive.Root open={mobileOpen} onOpenChange={setMobileOpen}>
        <DialogPrimitive.Portal>
          <DialogPrimitive.Overlay className="fixed inset-0 z-40 bg-neutral-900/50 lg:hidden" />
          <DialogPrimitive.Content className="fixed inset-y-0 left-0 z-50 w-64 shadow-lg lg:hidden">
            <DialogPrimitive.Title className="sr-only">{t('navigation')}</DialogPrimitive.Title>
            <DialogPrimitive.Description className="sr-only">{t('navigation')}</DialogPrimitive.Description>
            <Sidebar onNavigate={() => setMobileOpen(false)} />
            <DialogPrimitive.Close className="absolute right-3 top-4 rounded-md p-1.5 text-sidebar-fg hover:text-white cursor-pointer" aria-label={t('closeMenu')}>
              <X className="size-5" aria-hidden />
            </DialogPrimitive.Close>
          </DialogPrimitive.Content>
        </DialogPrimitive.Portal>
      </DialogPrimitive.Root>
      <div className="flex min-w-0 flex-col">
        <header className="sticky top-0 z-30 flex h-16 items-center gap-3 border-b border-border bg-surface/90 px-4 backdrop-blur sm:px-6 lg:px-8">
          <button
            type="button"
            className="-ml-1 rounded-md p-2 text-fg-muted hover:bg-surface-sunken lg:hidden cursor-pointer focus-ring"
            onClick={() => setMobileOpen(true)}
            aria-label={t('openMenu')}
          >
            <Menu className="size-5" aria-hidden />
          </button>
          <TenantSwitcher />
          <div className="ml-auto">
            <UserMenu />
          </div>
        </header>
        <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-8 sm:px-6 lg:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
