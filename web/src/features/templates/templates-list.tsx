'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FileText, Plus } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { TableSkeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { toast } from '@/components/ui/toaster';
import { Trash2 } from 'lucide-react';
import { ApiError } from '@/lib/api/client';
import { endpoints } from '@/lib/api/endpoints';
import type { EmailTemplateSummary } from '@/lib/api/types';
import { useApiErrorText } from '@/features/shared/use-api-error-text';
import { starterMjml } from './starter';

export const TEMPLATES_KEY = ['templates'] as const;

export function TemplatesList() {
  const t = useTranslations();
  const format = useFormatter();
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const templates = useQuery({ queryKey: TEMPLATES_KEY, queryFn: async () => (await endpoints.templates.list()).items });
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<EmailTemplateSummary | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => endpoints.templates.remove(id),
    onSuccess: () => {
      toast.success(t('templates.deleted'));
      setDeleting(null);
      void queryClient.invalidateQueries({ queryKey: TEMPLATES_KEY });
    },
    onError: (err: Error) => toast.error(errorText(err instanceof ApiError ? err.code : undefined, err.message)),
  });
  const list = templates.data ?? [];
  const createButton = (
    <Button onClick={() => setCreating(true)}>
      <Plus aria-hidden />
      {t('templates.create')}
    </Button>
  );
  return (
    <Card className="overflow-hidden">
      {list.length > 0 && <div className="flex justify-end border-b border-border px-5 py-3">{createButton}</div>}
      {templates.isPending ? (
        <TableSkeleton columns={3} />
      ) : templates.isError ? (
        <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />
      ) : list.length === 0 ? (
        <EmptyState icon={FileText} title={t('templates.emptyTitle')} description={t('templates.emptyDescription')} action={createButton} />
      ) : (
        <Table>
          <TableCaption>{t('templates.title')}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>{t('templates.columns.name')}</TableHead>
              <TableHead>{t('templates.columns.subject')}</TableHead>
              <TableHead>{t('templates.columns.updatedAt')}</TableHead>
              <TableHead className="w-16">
                <span className="sr-only">{t('common.actions')}</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.map((tpl) => (
              <TableRow key={tpl.id}>
                <TableCell className="font-medium">
                  <Link href={`/campaigns/templates/${tpl.id}`} className="text-primary hover:underline focus-ring rounded">
                    {tpl.name}
                  </Link>
                </TableCell>
                <TableCell className="max-w-md truncate text-fg-muted">{tpl.subject}</TableCell>
                <TableCell className="text-fg-muted">{format.dateTime(new Date(tpl.updatedAt), { dateStyle: 'medium', timeStyle: 'short' })}</TableCell>
                <TableCell className="text-right">
                  <Button variant="ghost" size="icon" aria-label={t('templates.deleteOf', { name: tpl.name })} onClick={() => setDeleting(tpl)}>
                    <Trash2 aria-hidden />
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <CreateTemplateDialog open={creating} onOpenChange={setCreating} />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={t('templates.deleteTitle', { name: deleting?.name ?? '' })}
        description={t('templates.deleteDescription')}
        confirmLabel={t('templates.deleteConfirm')}
        pending={remove.isPending}
        onConfirm={() => {
          if (deleting) remove.mutate(deleting.id);
        }}
      />
    </Card>
  );
}

/** Names a new template and opens it in the editor, starting from a small personalised layout. */
function CreateTemplateDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (o: boolean) => void }) {
  const t = useTranslations();
  const locale = useLocale();
  const router = useRouter();
  const errorText = useApiErrorText();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => endpoints.templates.create({ name: name.trim(), subject: name.trim(), mjml: starterMjml(locale === 'en' ? 'en' : 'fr') }),
    onSuccess: (tpl) => router.push(`/campaigns/templates/${tpl.id}`),
    onError: (err: Error) => setError(errorText(err instanceof ApiError ? err.code : undefined, err.message)),
  });
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{t('templates.createTitle')}</DialogTitle>
          <DialogDescription>{t('templates.createDescription')}</DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-4"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!name.trim()) return setError(t('validation.required'));
            create.mutate();
          }}
        >
          <Field label={t('templates.fields.name')} error={error ?? undefined}>
            {(p) => <Input {...p} autoFocus autoComplete="off" value={name} onChange={(e) => (setName(e.target.value), setError(null))} maxLength={200} />}
          </Field>
          <DialogFooter>
            <Button type="button" variant="secondary" onClick={() => onOpenChange(false)}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('templates.createConfirm')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
