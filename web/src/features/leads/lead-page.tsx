'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ArchiveRestore, ArrowLeft, Building2, Combine, Mail, MapPin, Pencil, Phone, Plus, SearchX, Trash2, X } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Input } from '@/components/ui/input';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/toaster';
import { ApiError } from '@/lib/api/client';
import { endpoints } from '@/lib/api/endpoints';
import { CONSENT_CHANNELS, type ConsentStatus, type CustomField, type Lead } from '@/lib/api/types';
import { useCanWriteLeads } from '@/features/auth/use-session';
import { useConsentSource } from '@/features/consent/use-consent-source';
import { useDateFormat } from '@/features/shared/format';
import { ScorePanel } from '@/features/scoring/score-panel';
import { useApiErrorText } from '@/features/shared/use-api-error-text';
import { useCountryName } from './countries';
import { LeadFormDialog, useCustomFields } from './lead-form-dialog';
import { useLeadName } from './lead-name';
import { parseTags } from './lead-query';
import { MergeDialog } from './merge-dialog';
import { formatPhone } from './schemas';
import { leadName, StageBadge } from './stage-badge';
import { Timeline } from './timeline';

const CONSENT_TONE: Record<ConsentStatus, 'success' | 'danger' | 'neutral'> = { granted: 'success', denied: 'danger', unknown: 'neutral' };
const none = <span className="text-fg-subtle">—</span>;

export function LeadPage({ id }: { id: string }) {
  const t = useTranslations('leads');
  const query = useQuery({
    queryKey: ['leads', 'one', id],
    queryFn: () => endpoints.leads.get(id),
    retry: (n, err) => !(err instanceof ApiError && (err.status === 404 || err.status === 400)) && n < 2,
  });
  if (query.isPending) return <LeadSkeleton />;
  if (query.isError) {
    const notFound = query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 400);
    return (
      <Card>
        {notFound ? (
          <EmptyState
            icon={SearchX}
            title={t('notFound.title')}
            description={t('notFound.description')}
            action={
              <Button asChild>
                <Link href="/leads">{t('notFound.back')}</Link>
              </Button>
            }
          />
        ) : (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        )}
      </Card>
    );
  }
  return <LeadView lead={query.data} />;
}

function LeadSkeleton() {
  const t = useTranslations('common');
  return (
    <div role="status" className="grid gap-6">
      <span className="sr-only">{t('loading')}</span>
      <div className="flex items-center gap-4">
        <Skeleton className="size-14 rounded-full" />
        <div className="grid gap-2">
          <Skeleton className="h-6 w-56" />
          <Skeleton className="h-4 w-80" />
        </div>
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)]">
        <Skeleton className="h-72" />
        <Skeleton className="h-72" />
      </div>
    </div>
  );
}

function LeadView({ lead }: { lead: Lead }) {
  const t = useTranslations('leads');
  const router = useRouter();
  const canWrite = useCanWriteLeads();
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const customFields = useCustomFields();
  const [editing, setEditing] = useState(false);
  const [merging, setMerging] = useState(false);
  const [confirmTrash, setConfirmTrash] = useState(false);
  const { dateTime } = useDateFormat();
  const consentSource = useConsentSource();
  const name = leadName(lead);
  const displayName = useLeadName()(lead);
  const deleted = Boolean(lead.deletedAt);
  const onError = (err: Error) => toast.error(errorText(err instanceof ApiError ? err.code : undefined, err.message));
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['leads'] });
  };
  const trash = useMutation({
    mutationFn: () => endpoints.leads.remove(lead.id),
    onSuccess: async () => {
      setConfirmTrash(false);
      toast.success(t('trashed'), { action: { label: t('undo'), onClick: () => restore.mutate() } });
      await refresh();
    },
    onError,
  });
  const restore = useMutation({
    mutationFn: () => endpoints.leads.restore(lead.id),
    onSuccess: async (restored) => {
      queryClient.setQueryData(['leads', 'one', lead.id], restored);
      toast.success(t('restored'));
      await refresh();
    },
    onError,
  });
  const initials = (name || lead.email || '?')
    .split(/[\s@.]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');

  return (
    <div className="grid gap-6">
      <div>
        <Button variant="link" size="sm" className="text-fg-muted" onClick={() => (window.history.length > 1 ? router.back() : router.push('/leads'))}>
          <ArrowLeft aria-hidden />
          {t('backToList')}
        </Button>
      </div>
      {deleted && (
        <div role="status" className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-warning/30 bg-warning-soft px-4 py-3 text-sm text-warning">
          <span className="flex items-center gap-2">
            <Trash2 className="size-4" aria-hidden />
            {t('inTrash', { date: dateTime(lead.deletedAt) })}
            {lead.mergedIntoId && (
              <Link href={`/leads/${lead.mergedIntoId}`} className="font-medium underline underline-offset-2">
                {t('mergedInto')}
              </Link>
            )}
          </span>
          {canWrite && (
            <Button size="sm" variant="secondary" loading={restore.isPending} onClick={() => restore.mutate()}>
              <ArchiveRestore aria-hidden />
              {t('restore')}
            </Button>
          )}
        </div>
      )}
      <header className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="flex min-w-0 items-center gap-4">
          <div aria-hidden className="flex size-14 shrink-0 items-center justify-center rounded-full bg-primary-soft text-lg font-semibold text-primary">
            {initials}
          </div>
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-2">
              <h1 className="truncate text-2xl font-semibold tracking-tight text-fg">{displayName || lead.email || lead.phone || t('unnamed')}</h1>
              <StageBadge stage={lead.lifecycleStage} />
              <Badge tone="brand" title={t('scoreHint')}>
                {t('scoreValue', { score: lead.score })}
              </Badge>
            </div>
            <ul className="mt-1.5 flex flex-wrap gap-x-4 gap-y-1 text-sm text-fg-muted">
              {lead.email && (
                <li className="flex items-center gap-1.5">
                  <Mail className="size-4" aria-hidden />
                  <a href={`mailto:${lead.email}`} className="hover:text-primary hover:underline">
                    {lead.email}
                  </a>
                </li>
              )}
              {lead.phone && (
                <li className="flex items-center gap-1.5">
                  <Phone className="size-4" aria-hidden />
                  <a href={`tel:${lead.phone}`} className="hover:text-primary hover:underline">
                    {formatPhone(lead.phone)}
                  </a>
                </li>
              )}
              {lead.company && (
                <li className="flex items-center gap-1.5">
                  <Building2 className="size-4" aria-hidden />
                  {lead.company}
                </li>
              )}
              {(lead.city || lead.postalCode) && (
                <li className="flex items-center gap-1.5">
                  <MapPin className="size-4" aria-hidden />
                  {[lead.postalCode, lead.city].filter(Boolean).join(' ')}
                </li>
              )}
            </ul>
          </div>
        </div>
        {canWrite && !deleted && (
          <div className="flex shrink-0 flex-wrap gap-2">
            <Button variant="secondary" onClick={() => setEditing(true)}>
              <Pencil aria-hidden />
              {t('edit')}
            </Button>
            <Button variant="secondary" onClick={() => setMerging(true)}>
              <Combine aria-hidden />
              {t('merge.open')}
            </Button>
            <Button variant="secondary" className="text-danger" onClick={() => setConfirmTrash(true)}>
              <Trash2 aria-hidden />
              {t('trash')}
            </Button>
          </div>
        )}
      </header>

      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)]">
        <div className="grid gap-6">
          <Card>
            <CardHeader className="flex-row items-center justify-between">
              <CardTitle>{t('profile.title')}</CardTitle>
              {canWrite && !deleted && (
                <Button variant="ghost" size="sm" onClick={() => setEditing(true)} aria-label={t('profile.edit')}>
                  <Pencil aria-hidden />
                  {t('edit')}
                </Button>
              )}
            </CardHeader>
            <CardContent>
              <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-6 gap-y-2.5 text-sm">
                <Row label={t('fields.civility')}>{lead.civility ? t(`civility.long.${lead.civility}`) : none}</Row>
                {(['firstName', 'lastName', 'email', 'phone', 'company', 'jobTitle', 'source'] as const).map((k) => (
                  <Row key={k} label={t(`fields.${k}`)}>
                    {k === 'phone' && lead.phone ? formatPhone(lead.phone) : (lead[k] ?? none)}
                  </Row>
                ))}
                {lead.otherEmails.length > 0 && <Row label={t('fields.otherEmails')}>{lead.otherEmails.join(', ')}</Row>}
                {lead.otherPhones.length > 0 && <Row label={t('fields.otherPhones')}>{lead.otherPhones.map(formatPhone).join(', ')}</Row>}
                <Row label={t('fields.lifecycleStage')}>
                  <StageBadge stage={lead.lifecycleStage} />
                </Row>
                <Row label={t('fields.createdAt')}>{dateTime(lead.createdAt)}</Row>
                {lead.sourceCreatedAt && <Row label={t('fields.sourceCreatedAt')}>{dateTime(lead.sourceCreatedAt)}</Row>}
                <Row label={t('fields.updatedAt')}>{dateTime(lead.updatedAt)}</Row>
              </dl>
            </CardContent>
          </Card>

          <AddressCard lead={lead} onEdit={canWrite && !deleted ? () => setEditing(true) : undefined} />

          <Card>
            <CardHeader>
              <CardTitle>{t('consent.title')}</CardTitle>
            </CardHeader>
            <CardContent>
              <ul className="grid gap-3">
                {CONSENT_CHANNELS.map((channel) => {
                  const c = lead.consent[channel];
                  return (
                    <li key={channel} className="flex items-start justify-between gap-3 text-sm">
                      <div>
                        <p className="font-medium text-fg">{t(`consent.channels.${channel}`)}</p>
                        <p className="text-xs text-fg-muted">{c.at ? t('consent.since', { date: dateTime(c.at), source: consentSource(c.source) }) : t('consent.never')}</p>
                      </div>
                      <Badge tone={CONSENT_TONE[c.status]}>{t(`consent.status.${c.status}`)}</Badge>
                    </li>
                  );
                })}
              </ul>
            </CardContent>
          </Card>

          <TagsCard lead={lead} canWrite={canWrite && !deleted} />

          <Card>
            <CardHeader className="flex-row items-center justify-between">
              <CardTitle>{t('customFields.title')}</CardTitle>
              {canWrite && !deleted && (customFields.data?.length ?? 0) > 0 && (
                <Button variant="ghost" size="sm" onClick={() => setEditing(true)} aria-label={t('customFields.edit')}>
                  <Pencil aria-hidden />
                  {t('edit')}
                </Button>
              )}
            </CardHeader>
            <CardContent>
              {customFields.isPending ? (
                <Skeleton className="h-16" />
              ) : customFields.isError ? (
                <ErrorState error={customFields.error} onRetry={() => void customFields.refetch()} />
              ) : customFields.data.length === 0 ? (
                <p className="text-sm text-fg-muted">{t('customFields.none')}</p>
              ) : (
                <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-6 gap-y-2.5 text-sm">
                  {customFields.data.map((f) => (
                    <Row key={f.id} label={f.label}>
                      <CustomValue field={f} value={lead.customFields[f.key]} />
                    </Row>
                  ))}
                </dl>
              )}
            </CardContent>
          </Card>
        </div>

        <div className="grid gap-6">
          <ScorePanel leadId={lead.id} />
          <Card className="overflow-hidden">
            <CardHeader>
              <CardTitle>{t('timeline.title')}</CardTitle>
            </CardHeader>
            <Timeline leadId={lead.id} canWrite={canWrite && !deleted} />
          </Card>
        </div>
      </div>

      <LeadFormDialog open={editing} onOpenChange={setEditing} lead={lead} />
      {merging && <MergeDialog lead={lead} open={merging} onOpenChange={setMerging} />}
      <ConfirmDialog
        open={confirmTrash}
        onOpenChange={setConfirmTrash}
        title={t('trashTitle', { name: name || lead.email || t('unnamed') })}
        description={t('trashDescription')}
        confirmLabel={t('trash')}
        pending={trash.isPending}
        onConfirm={() => trash.mutate()}
      />
    </div>
  );
}

/** The postal address as it is written on an envelope in France: street, then postal code and city, then region and country. */
function AddressCard({ lead, onEdit }: { lead: Lead; onEdit?: () => void }) {
  const t = useTranslations('leads');
  const countryName = useCountryName();
  const lines = [lead.streetAddress, [lead.postalCode, lead.city].filter(Boolean).join(' '), lead.region, lead.country ? countryName(lead.country) : null].filter(Boolean);
  return (
    <Card>
      <CardHeader className="flex-row items-center justify-between">
        <CardTitle>{t('address.title')}</CardTitle>
        {onEdit && (
          <Button variant="ghost" size="sm" onClick={onEdit} aria-label={t('address.edit')}>
            <Pencil aria-hidden />
            {t('edit')}
          </Button>
        )}
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        {lines.length === 0 ? (
          <p className="text-fg-muted">{t('address.none')}</p>
        ) : (
          <address className="not-italic leading-relaxed text-fg" data-testid="lead-address">
            {lines.map((line) => (
              <span key={line} className="block">
                {line}
              </span>
            ))}
          </address>
        )}
        {lead.timezone && (
          <p className="text-xs text-fg-muted">{t('address.timezone', { zone: lead.timezone })}</p>
        )}
      </CardContent>
    </Card>
  );
}

function Row({ label, children }: { label: React.ReactNode; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-fg-muted">{label}</dt>
      <dd className="min-w-0 break-words text-fg">{children}</dd>
    </>
  );
}

function CustomValue({ field, value }: { field: CustomField; value: unknown }) {
  const t = useTranslations('leads.customFields');
  const { date } = useDateFormat();
  if (value === undefined || value === null || value === '') return none;
  if (field.type === 'boolean') return <>{value ? t('yes') : t('no')}</>;
  if (field.type === 'date' && typeof value === 'string') return <>{date(value.length === 10 ? `${value}T12:00:00Z` : value)}</>;
  if (field.type === 'number' && typeof value === 'number') return <NumberValue value={value} />;
  return <>{String(value)}</>;
}

function NumberValue({ value }: { value: number }) {
  const t = useTranslations('leads.customFields');
  return <>{t('number', { value })}</>;
}

function TagsCard({ lead, canWrite }: { lead: Lead; canWrite: boolean }) {
  const t = useTranslations('leads.tags');
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const [value, setValue] = useState('');
  const mutation = useMutation({
    mutationFn: (tags: string[]) => endpoints.leads.update(lead.id, { tags }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['leads', 'one', lead.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['leads', 'list'] });
      setValue('');
    },
    onError: (err) => toast.error(errorText(err instanceof ApiError ? err.code : undefined, err.message)),
  });
  const toAdd = parseTags(value);
  const invalid = toAdd.some((x) => x.length > 50) || lead.tags.length + toAdd.length > 50;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('title')}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-3">
        {lead.tags.length === 0 ? (
          <p className="text-sm text-fg-muted">{t('none')}</p>
        ) : (
          <ul className="flex flex-wrap gap-1.5" aria-label={t('title')}>
            {lead.tags.map((tag) => (
              <li key={tag}>
                <Badge tone="brand" className="gap-0.5 pr-1">
                  {tag}
                  {canWrite && (
                    <button
                      type="button"
                      className="ml-0.5 rounded-full p-0.5 hover:bg-primary/15 focus-ring cursor-pointer"
                      aria-label={t('remove', { tag })}
                      disabled={mutation.isPending}
                      onClick={() => mutation.mutate(lead.tags.filter((x) => x !== tag))}
                    >
                      <X className="size-3" aria-hidden />
                    </button>
                  )}
                </Badge>
              </li>
            ))}
          </ul>
        )}
        {canWrite && (
          <form
            className="flex gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              if (toAdd.length && !invalid) mutation.mutate([...lead.tags, ...toAdd]);
            }}
          >
            <Input aria-label={t('add')} aria-invalid={invalid} placeholder={t('placeholder')} value={value} onChange={(e) => setValue(e.target.value)} className="h-8" />
            <Button type="submit" size="sm" variant="secondary" disabled={!toAdd.length || invalid} loading={mutation.isPending}>
              <Plus aria-hidden />
              {t('add')}
            </Button>
          </form>
        )}
        {invalid && (
          <p role="alert" className="text-xs font-medium text-danger">
            {t('invalid')}
          </p>
        )}
      </CardContent>
    </Card>
  );
}
