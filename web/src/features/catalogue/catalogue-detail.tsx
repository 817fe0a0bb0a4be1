'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import { ArrowLeft, SearchX } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { isMissing } from './catalogue-queries';

interface CatalogueDetailProps<T> {
  query: UseQueryResult<T, Error>;
  /** The list this page belongs to, for the back link and the not-found state. */
  listHref: string;
  namespace: 'catalogue.products' | 'catalogue.properties';
  children: (item: T) => React.ReactNode;
}

/** A product or property page: back link, loading, not-found and error states around its content. */
export function CatalogueDetail<T>({ query, listHref, namespace, children }: CatalogueDetailProps<T>) {
  const t = useTranslations(namespace);
  const tc = useTranslations('common');
  const back = (
    <Button asChild variant="link" size="sm" className="text-fg-muted">
      <Link href={listHref}>
        <ArrowLeft aria-hidden />
        {t('detail.back')}
      </Link>
    </Button>
  );
  return (
    <div className="grid gap-5">
      <div>{back}</div>
      {query.isPending ? (
        <div role="status" className="grid gap-6">
          <span className="sr-only">{tc('loading')}</span>
          <Skeleton className="h-8 w-80" />
          <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
            <Skeleton className="h-80" />
            <Skeleton className="h-80" />
          </div>
        </div>
      ) : query.isError ? (
        <Card>
          {isMissing(query.error) ? (
            <EmptyState
              icon={SearchX}
              title={t('detail.notFound.title')}
              description={t('detail.notFound.description')}
              action={
                <Button asChild>
                  <Link href={listHref}>{t('detail.back')}</Link>
                </Button>
              }
            />
          ) : (
            <ErrorState error={query.error} onRetry={() => void query.refetch()} />
          )}
        </Card>
      ) : (
        children(query.data)
      )}
    </div>
  );
}

/** Title line of a detail page: name (wrapping when long), badges, a line under it, actions. */
export function DetailHeader({ title, badges, subtitle, actions }: { title: string; badges?: React.ReactNode; subtitle?: React.ReactNode; actions?: React.ReactNode }) {
  return (
    <header className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <h2 className="min-w-0 break-words text-xl font-semibold tracking-tight text-fg">{title}</h2>
          {badges}
        </div>
        {subtitle && <div className="mt-1.5 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-fg-muted">{subtitle}</div>}
      </div>
      {actions && <div className="flex shrink-0 gap-2">{actions}</div>}
    </header>
  );
}

/** Label/value pairs in a side card; empty values show a dash. */
export function FactsCard({ title, facts }: { title: string; facts: readonly [label: string, value: React.ReactNode][] }) {
  return (
    <Card className="self-start">
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-3 text-sm">
          {facts.map(([label, value]) => (
            <div key={label} className="grid gap-0.5">
              <dt className="text-xs font-medium text-fg-muted">{label}</dt>
              <dd className="whitespace-pre-line break-words text-fg">{value ?? <span className="text-fg-subtle">—</span>}</dd>
            </div>
          ))}
        </dl>
      </CardContent>
    </Card>
  );
}

/** Gallery beside the facts on wide screens, above them on narrow ones. */
export function DetailColumns({ children }: { children: React.ReactNode }) {
  return <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">{children}</div>;
}
