'use client';

import type { LucideIcon } from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/lib/utils/cn';

export interface TabNavItem {
  href: string;
  label: string;
  icon: LucideIcon;
}

/** Underlined page tabs (settings, catalogue): links, the current one (or the one above the current page) marked for assistive tech. */
export function TabNav({ label, items }: { label: string; items: readonly TabNavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="mb-6 border-b border-border">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {items.map(({ href, label: text, icon: Icon }) => {
          const current = pathname === href;
          // A page under a tab (a product's page under "Products") keeps its tab lit.
          const active = current || pathname.startsWith(`${href}/`);
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={current ? 'page' : active ? 'true' : undefined}
                className={cn(
                  'flex items-center gap-2 whitespace-nowrap rounded-t-md border-b-2 px-3 py-2.5 text-sm font-medium transition-colors focus-ring',
                  active ? 'border-primary text-primary' : 'border-transparent text-fg-muted hover:border-border-strong hover:text-fg',
                )}
              >
                <Icon className="size-4" aria-hidden />
                {text}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
