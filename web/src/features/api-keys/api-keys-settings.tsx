'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { KeyRound, Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { TableSkeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { toast } from '@/components/ui/toaster';
import { ApiError } from '@/lib/api/client';
import { endpoints } from '@/lib/api/endpoints';
import type { ApiKey } from '@/lib/api/types';
import { useDateFormat } from '@/features/shared/format';
import { useApiErrorText } from '@/features/shared/use-api-error-text';
import { AdminOnly } from '@/features/settings/admin-only';
import { Section } from '@/features/settings/section';
import { CreateApiKeyDialog } from './create-api-key-dialog';

export type ApiKeyStatus = 'active' | 'revoked' | 'expired';

export function apiKeyStatus(key: Pick<ApiKey, 'revokedAt' | 'expiresAt'>, now = Date.now()): ApiKeyStatus {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= now) return 'expired';
  return 'active';
}

const STATUS_TONE = { active: 'success', revoked: 'danger', expired: 'warning' } as const;

export function ApiKeysSettings() {
  return (
    <AdminOnly>
      <ApiKeysList />
    </AdminOnly>
  );
}

function ApiKeysList() {
  const t = useTranslations();
  const { dateTime, date } = useDateFormat();
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const keys = useQuery({ queryKey: ['api-keys', 'list'], queryFn: endpoints.apiKeys.list });
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const revoke = useMutation({
    mutationFn: (id: string) => endpoints.apiKeys.revoke(id),
    onSuccess: () => {
      toast.success(t('apiKeys.revoked'));
      setRevoking(null);
      void queryClient.invalidateQueries({ queryKey: ['api-keys', 'list'] });
    },
    onError: (err) => toast.error(errorText(err instanceof ApiError ? err.code : undefined, err.message)),
  });

  return (
    <Section title={t('apiKeys.title')} description={t('apiKeys.description')} actions={<CreateApiKeyDialog />}>
      {keys.isPending ? (
        <TableSkeleton columns={6} />
      ) : keys.isError ? (
        <ErrorState error={keys.error} onRetry={() => void keys.refetch()} />
      ) : keys.data.items.length === 0 ? (
        <EmptyState icon={KeyRound} title={t('apiKeys.emptyTitle')} description={t('apiKeys.emptyDescription')} />
      ) : (
        <Table>
          <TableCaption>{t('apiKeys.title')}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>{t('apiKeys.columns.name')}</TableHead>
              <TableHead>{t('apiKeys.columns.key')}</TableHead>
              <TableHead>{t('apiKeys.columns.scopes')}</TableHead>
              <TableHead>{t('apiKeys.columns.created')}</TableHead>
              <TableHead>{t('apiKeys.columns.lastUsed')}</TableHead>
              <TableHead>{t('apiKeys.columns.status')}</TableHead>
              <TableHead className="w-16">
                <span className="sr-only">{t('common.actions')}</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {keys.data.items.map((key) => {
              const status = apiKeyStatus(key);
              return (
                <TableRow key={key.id} data-testid={`api-key-row-${key.name}`}>
                  <TableCell className="font-medium">{key.name}</TableCell>
                  <TableCell>
                    <code className="rounded bg-surface-sunken px-1.5 py-0.5 font-mono text-xs text-fg-muted">{key.prefix}…</code>
                  </TableCell>
                  <TableCell>
                    <div className="flex max-w-xs flex-wrap gap-1">
                      {key.scopes.map((s) => (
                        <Badge key={s} tone="brand" mono>
                          {s}
                        </Badge>
                      ))}
                    </div>
                  </TableCell>
                  <TableCell className="whitespace-nowrap text-fg-muted">{date(key.createdAt)}</TableCell>
                  <TableCell className="whitespace-nowrap text-fg-muted">{key.lastUsedAt ? dateTime(key.lastUsedAt) : t('apiKeys.neverUsed')}</TableCell>
                  <TableCell>
                    <Badge tone={STATUS_TONE[status]}>{t(`apiKeys.status.${status}`)}</Badge>
                  </TableCell>
                  <TableCell className="text-right">
                    {status === 'active' && (
                      <Button variant="ghost" size="icon" aria-label={t('apiKeys.revokeOf', { name: key.name })} onClick={() => setRevoking(key)}>
                        <Trash2 aria-hidden />
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(o) => !o && setRevoking(null)}
        title={t('apiKeys.revokeTitle', { name: revoking?.name ?? '' })}
        description={t('apiKeys.revokeDescription')}
        confirmLabel={t('apiKeys.revokeConfirm')}
        pending={revoke.isPending}
        onConfirm={() => {
          if (revoking) revoke.mutate(revoking.id);
        }}
      />
    </Section>
  );
}
