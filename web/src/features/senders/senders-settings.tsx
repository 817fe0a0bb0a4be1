'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Mail, Plus, Send, ShieldCheck } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { RowActions } from '@/components/ui/row-actions';
import { TableSkeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { toast } from '@/components/ui/toaster';
import { ApiError } from '@/lib/api/client';
import { endpoints } from '@/lib/api/endpoints';
import type { Sender } from '@/lib/api/types';
import { AdminOnly } from '@/features/settings/admin-only';
import { Section } from '@/features/settings/section';
import { useApiErrorText } from '@/features/shared/use-api-error-text';
import { SENDERS_KEY, SenderDialog } from './sender-dialog';
import { SenderTestDialog } from './sender-test-dialog';

export function useSenders() {
  return useQuery({ queryKey: SENDERS_KEY, queryFn: async () => (await endpoints.senders.list()).items });
}

export function SendersSettings() {
  return (
    <AdminOnly>
      <SendersList />
    </AdminOnly>
  );
}

function SendersList() {
  const t = useTranslations();
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const senders = useSenders();
  const [editing, setEditing] = useState<Sender | null>(null);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Sender | null>(null);
  const [testing, setTesting] = useState<Sender | null>(null);
  const [dns, setDns] = useState<Sender | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => endpoints.senders.remove(id),
    onSuccess: () => {
      toast.success(t('senders.deleted'));
      setDeleting(null);
      void queryClient.invalidateQueries({ queryKey: SENDERS_KEY });
    },
    onError: (err: Error) => toast.error(errorText(err instanceof ApiError ? err.code : undefined, err.message)),
  });
  const list = senders.data ?? [];
  const createButton = (
    <Button onClick={() => setCreating(true)}>
      <Plus aria-hidden />
      {t('senders.create')}
    </Button>
  );
  // A new or re-keyed DKIM key must be published before it signs anything: show its record at once.
  const saved = (s: Sender) => {
    if (s.dkim && s.dkim.dnsValue !== editing?.dkim?.dnsValue) setDns(s);
  };

  return (
    <Section title={t('senders.title')} description={t('senders.description')} actions={list.length > 0 ? createButton : undefined}>
      {senders.isPending ? (
        <TableSkeleton columns={5} />
      ) : senders.isError ? (
        <ErrorState error={senders.error} onRetry={() => void senders.refetch()} />
      ) : list.length === 0 ? (
        <EmptyState icon={Mail} title={t('senders.emptyTitle')} description={t('senders.emptyDescription')} action={createButton} />
      ) : (
        <Table>
          <TableCaption>{t('senders.title')}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>{t('senders.columns.name')}</TableHead>
              <TableHead>{t('senders.columns.from')}</TableHead>
              <TableHead>{t('senders.columns.server')}</TableHead>
              <TableHead>{t('senders.columns.signing')}</TableHead>
              <TableHead className="w-56">
                <span className="sr-only">{t('common.actions')}</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.map((s) => (
              <TableRow key={s.id} data-testid={`sender-${s.name}`}>
                <TableCell className="font-medium">
                  <div className="flex items-center gap-2">
                    {s.name}
                    {s.isDefault && <Badge tone="brand">{t('senders.default')}</Badge>}
                  </div>
                </TableCell>
                <TableCell>
                  <div className="text-sm">{s.fromName ?? '—'}</div>
                  <div className="text-xs text-fg-muted">{s.fromAddress}</div>
                </TableCell>
                <TableCell>
                  <code className="font-mono text-xs text-fg-muted">
                    {s.host}:{s.port}
                  </code>
                  <div className="text-xs text-fg-muted">{t(`senders.security.${s.security}`)}</div>
                </TableCell>
                <TableCell>
                  {s.dkim ? (
                    <Button variant="link" size="sm" onClick={() => setDns(s)}>
                      <ShieldCheck aria-hidden className="size-4" />
                      {t('senders.dkimOn', { domain: s.dkim.domain })}
                    </Button>
                  ) : (
                    <span className="text-sm text-fg-subtle">{t('senders.dkimOff')}</span>
                  )}
                </TableCell>
                <TableCell>
                  <div className="flex items-center justify-end gap-1">
                    <Button variant="secondary" size="sm" onClick={() => setTesting(s)} aria-label={t('senders.testOf', { name: s.name })}>
                      <Send aria-hidden />
                      {t('senders.testButton')}
                    </Button>
                    <RowActions editLabel={t('senders.editOf', { name: s.name })} deleteLabel={t('senders.deleteOf', { name: s.name })} onEdit={() => setEditing(s)} onDelete={() => setDeleting(s)} />
                  </div>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <SenderDialog open={creating} onOpenChange={setCreating} sender={null} onSaved={saved} />
      <SenderDialog open={editing !== null} onOpenChange={(o) => !o && setEditing(null)} sender={editing} onSaved={saved} />
      <SenderTestDialog sender={testing} onOpenChange={(o) => !o && setTesting(null)} />
      <DkimDialog sender={dns} onOpenChange={(o) => !o && setDns(null)} />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={t('senders.deleteTitle', { name: deleting?.name ?? '' })}
        description={t('senders.deleteDescription')}
        confirmLabel={t('senders.deleteConfirm')}
        pending={remove.isPending}
        onConfirm={() => {
          if (deleting) remove.mutate(deleting.id);
        }}
      />
    </Section>
  );
}

/** The TXT record to publish for a sender's DKIM key, each part with its copy button. */
function DkimDialog({ sender, onOpenChange }: { sender: Sender | null; onOpenChange: (o: boolean) => void }) {
  const t = useTranslations('senders.dns');
  const dkim = sender?.dkim;
  return (
    <Dialog open={Boolean(dkim)} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>{t('title', { domain: dkim?.domain ?? '' })}</DialogTitle>
          <DialogDescription>{t('description')}</DialogDescription>
        </DialogHeader>
        {dkim && (
          <dl className="grid gap-4 text-sm">
            <Part label={t('type')} value="TXT" />
            <Part label={t('name')} value={dkim.dnsName} />
            <Part label={t('value')} value={dkim.dnsValue} />
          </dl>
        )}
      </DialogContent>
    </Dialog>
  );
}

function Part({ label, value }: { label: string; value: string }) {
  return (
    <div className="grid gap-1">
      <dt className="font-medium text-fg">{label}</dt>
      <dd className="flex items-start gap-2">
        <code className="min-w-0 flex-1 break-all rounded bg-surface-sunken px-2 py-1.5 font-mono text-xs text-fg">{value}</code>
        <CopyButton value={value} label={label} size="sm" variant="secondary" />
      </dd>
    </div>
  );
}
