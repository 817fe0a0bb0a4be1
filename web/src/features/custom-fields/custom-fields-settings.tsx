'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ArrowDown, ArrowUp, ListPlus, Plus } from 'lucide-react';
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
import type { CustomField } from '@/lib/api/types';
import { CUSTOM_FIELDS_KEY, useCustomFields } from '@/features/leads/lead-form-dialog';
import { useApiErrorText } from '@/features/shared/use-api-error-text';
import { AdminOnly } from '@/features/settings/admin-only';
import { Section } from '@/features/settings/section';
import { CustomFieldDialog } from './custom-field-dialog';
import { RowActions } from '@/components/ui/row-actions';

export function CustomFieldsSettings() {
  return (
    <AdminOnly>
      <CustomFieldsList />
    </AdminOnly>
  );
}

/** The positions to PATCH so that `order` is shown in that order (0, 1, 2…), only for fields that move. */
export function reorderPatches(order: Pick<CustomField, 'id' | 'position'>[]): { id: string; position: number }[] {
  return order.flatMap((f, i) => (f.position === i ? [] : [{ id: f.id, position: i }]));
}

function CustomFieldsList() {
  const t = useTranslations();
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const fields = useCustomFields();
  const [editing, setEditing] = useState<CustomField | null>(null);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<CustomField | null>(null);
  const onError = (err: Error) => toast.error(errorText(err instanceof ApiError ? err.code : undefined, err.message));
  const remove = useMutation({
    mutationFn: (id: string) => endpoints.customFields.remove(id),
    onSuccess: () => {
      toast.success(t('customFields.deleted'));
      setDeleting(null);
      void queryClient.invalidateQueries({ queryKey: CUSTOM_FIELDS_KEY });
      void queryClient.invalidateQueries({ queryKey: ['leads'] });
    },
    onError,
  });
  const move = useMutation({
    mutationFn: async ({ list, from, to }: { list: CustomField[]; from: number; to: number }) => {
      const order = [...list];
      const [moved] = order.splice(from, 1);
      order.splice(to, 0, moved!);
      for (const p of reorderPatches(order)) await endpoints.customFields.update(p.id, { position: p.position });
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: CUSTOM_FIELDS_KEY }),
    onError,
  });
  const list = fields.data ?? [];
  const nextPosition = list.length ? Math.max(...list.map((f) => f.position)) + 1 : 0;
  const createButton = (
    <Button onClick={() => setCreating(true)}>
      <Plus aria-hidden />
      {t('customFields.create')}
    </Button>
  );

  return (
    <Section title={t('customFields.title')} description={t('customFields.description')} actions={list.length > 0 ? createButton : undefined}>
      {fields.isPending ? (
        <TableSkeleton columns={5} />
      ) : fields.isError ? (
        <ErrorState error={fields.error} onRetry={() => void fields.refetch()} />
      ) : list.length === 0 ? (
        <EmptyState icon={ListPlus} title={t('customFields.emptyTitle')} description={t('customFields.emptyDescription')} action={createButton} />
      ) : (
        <Table>
          <TableCaption>{t('customFields.title')}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead className="w-24">{t('customFields.columns.order')}</TableHead>
              <TableHead>{t('customFields.columns.label')}</TableHead>
              <TableHead>{t('customFields.columns.key')}</TableHead>
              <TableHead>{t('customFields.columns.type')}</TableHead>
              <TableHead>{t('customFields.columns.options')}</TableHead>
              <TableHead className="w-24">
                <span className="sr-only">{t('common.actions')}</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.map((f, i) => (
              <TableRow key={f.id} data-testid={`custom-field-${f.key}`}>
                <TableCell>
                  <div className="flex gap-0.5">
                    <Button variant="ghost" size="icon" className="size-8" aria-label={t('customFields.moveUp', { label: f.label })} disabled={i === 0 || move.isPending} onClick={() => move.mutate({ list, from: i, to: i - 1 })}>
                      <ArrowUp aria-hidden />
                    </Button>
                    <Button variant="ghost" size="icon" className="size-8" aria-label={t('customFields.moveDown', { label: f.label })} disabled={i === list.length - 1 || move.isPending} onClick={() => move.mutate({ list, from: i, to: i + 1 })}>
                      <ArrowDown aria-hidden />
                    </Button>
                  </div>
                </TableCell>
                <TableCell className="font-medium">{f.label}</TableCell>
                <TableCell>
                  <code className="rounded bg-surface-sunken px-1.5 py-0.5 font-mono text-xs text-fg-muted">{f.key}</code>
                </TableCell>
                <TableCell>
                  <Badge tone="brand">{t(`customFields.types.${f.type}`)}</Badge>
                </TableCell>
                <TableCell>
                  {f.type === 'select' ? (
                    <div className="flex max-w-xs flex-wrap gap-1">
                      {f.options.slice(0, 5).map((o) => (
                        <Badge key={o}>{o}</Badge>
                      ))}
                      {f.options.length > 5 && <Badge>+{f.options.length - 5}</Badge>}
                    </div>
                  ) : (
                    <span className="text-fg-subtle">—</span>
                  )}
                </TableCell>
                <TableCell className="text-right">
                  <RowActions editLabel={t('customFields.editOf', { label: f.label })} deleteLabel={t('customFields.deleteOf', { label: f.label })} onEdit={() => setEditing(f)} onDelete={() => setDeleting(f)} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <CustomFieldDialog open={creating} onOpenChange={setCreating} field={null} nextPosition={nextPosition} />
      <CustomFieldDialog open={editing !== null} onOpenChange={(o) => !o && setEditing(null)} field={editing} nextPosition={nextPosition} />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={t('customFields.deleteTitle', { label: deleting?.label ?? '' })}
        description={t('customFields.deleteDescription', { key: deleting?.key ?? '' })}
        confirmLabel={t('customFields.deleteConfirm')}
        pending={remove.isPending}
        onConfirm={() => {
          if (deleting) remove.mutate(deleting.id);
        }}
      />
    </Section>
  );
}
