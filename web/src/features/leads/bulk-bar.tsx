'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ArchiveRestore, ChevronDown, Tag, Tags, Trash2, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from '@/components/ui/dropdown-menu';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { toast } from '@/components/ui/toaster';
import { ApiError } from '@/lib/api/client';
import { endpoints } from '@/lib/api/endpoints';
import { LIFECYCLE_STAGES, type BulkAction, type BulkLeadsInput, type BulkMatching, type LifecycleStage } from '@/lib/api/types';
import { useApiErrorText } from '@/features/shared/use-api-error-text';
import { parseTags } from './lead-query';

/** The ticked rows, or every lead matching the list's filters ("select all N matching"). */
export type BulkTarget = { ids: string[] } | { matching: BulkMatching; count: number; label: string };

/**
 * Actions on the ticked rows or on every matching lead: tags, stage, trash or restore. Trash asks
 * first. Over 1,000 matching leads the API answers with a job, handed to onJob to follow.
 */
export function BulkBar({ target, trash, onDone, onJob }: { target: BulkTarget; trash: boolean; onDone: () => void; onJob: (jobId: string, action: BulkAction) => void }) {
  const t = useTranslations('leads.bulk');
  const ts = useTranslations('leads.stages');
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const [tagMode, setTagMode] = useState<'addTags' | 'removeTags' | null>(null);
  const [confirmTrash, setConfirmTrash] = useState(false);
  const count = 'ids' in target ? target.ids.length : target.count;
  const mutation = useMutation({
    mutationFn: (body: Omit<BulkLeadsInput, 'ids' | 'matching'>) => endpoints.leads.bulk('ids' in target ? { ids: target.ids, ...body } : { matching: target.matching, ...body }),
    onSuccess: (res, body) => {
      if (res.jobId) onJob(res.jobId, body.action);
      else toast.success(t(`done.${body.action}`, { count: res.affected ?? 0 }));
      setTagMode(null);
      setConfirmTrash(false);
      onDone();
      void queryClient.invalidateQueries({ queryKey: ['leads'] });
    },
    onError: (err) => toast.error(errorText(err instanceof ApiError ? err.code : undefined, err.message)),
  });

  return (
    <div role="region" aria-label={t('label')} className="flex flex-wrap items-center gap-2 border-b border-border bg-primary-soft/60 px-5 py-2.5" data-testid="bulk-bar">
      <p className="mr-2 text-sm font-medium text-primary-soft-fg" aria-live="polite">
        {'ids' in target ? t('selected', { count }) : t('selectedMatching', { total: target.label })}
      </p>
      {trash ? (
        <Button size="sm" variant="secondary" loading={mutation.isPending} onClick={() => mutation.mutate({ action: 'restore' })}>
          <ArchiveRestore aria-hidden />
          {t('restore')}
        </Button>
      ) : (
        <>
          <Button size="sm" variant="secondary" onClick={() => setTagMode('addTags')}>
            <Tag aria-hidden />
            {t('addTags')}
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setTagMode('removeTags')}>
            <Tags aria-hidden />
            {t('removeTags')}
          </Button>
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button size="sm" variant="secondary">
                {t('changeStage')}
                <ChevronDown aria-hidden />
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="start">
              {LIFECYCLE_STAGES.map((s: LifecycleStage) => (
                <DropdownMenuItem key={s} onSelect={() => mutation.mutate({ action: 'update', changes: { lifecycleStage: s } })}>
                  {ts(s)}
                </DropdownMenuItem>
              ))}
            </DropdownMenuContent>
          </DropdownMenu>
          <Button size="sm" variant="secondary" className="text-danger" onClick={() => setConfirmTrash(true)}>
            <Trash2 aria-hidden />
            {t('trash')}
          </Button>
        </>
      )}
      <Button size="sm" variant="ghost" className="ml-auto" onClick={onDone}>
        <X aria-hidden />
        {t('clear')}
      </Button>
      <TagDialog
        mode={tagMode}
        count={count}
        pending={mutation.isPending}
        onClose={() => setTagMode(null)}
        onSubmit={(tags) => tagMode && mutation.mutate({ action: tagMode, tags })}
      />
      <ConfirmDialog
        open={confirmTrash}
        onOpenChange={setConfirmTrash}
        title={t('trashTitle', { count })}
        description={t('trashDescription', { count })}
        confirmLabel={t('trashConfirm')}
        pending={mutation.isPending}
        onConfirm={() => mutation.mutate({ action: 'delete' })}
      />
    </div>
  );
}

function TagDialog({ mode, count, pending, onClose, onSubmit }: { mode: 'addTags' | 'removeTags' | null; count: number; pending: boolean; onClose: () => void; onSubmit: (tags: string[]) => void }) {
  const t = useTranslations('leads.bulk');
  const [value, setValue] = useState('');
  const [touched, setTouched] = useState(false);
  const tags = parseTags(value);
  const error = !tags.length ? t('tagsRequired') : tags.some((x) => x.length > 50) || tags.length > 50 ? t('tagsInvalid') : undefined;
  return (
    <Dialog
      open={mode !== null}
      onOpenChange={(o) => {
        if (!o) {
          onClose();
          setValue('');
          setTouched(false);
        }
      }}
    >
      <DialogContent>
        <form
          noValidate
          className="grid gap-5"
          onSubmit={(e) => {
            e.preventDefault();
            setTouched(true);
            if (!error) onSubmit(tags);
          }}
        >
          <DialogHeader>
            <DialogTitle>{mode === 'removeTags' ? t('removeTagsTitle', { count }) : t('addTagsTitle', { count })}</DialogTitle>
            <DialogDescription>{t('tagsDescription')}</DialogDescription>
          </DialogHeader>
          <Field label={t('tagsLabel')} error={touched ? error : undefined}>
            {(p) => <Input {...p} autoFocus autoComplete="off" placeholder={t('tagsPlaceholder')} value={value} onChange={(e) => { setValue(e.target.value); setTouched(true); }} />}
          </Field>
          <DialogFooter>
            <Button type="button" variant="secondary" onClick={onClose}>
              {t('cancel')}
            </Button>
            <Button type="submit" loading={pending}>
              {mode === 'removeTags' ? t('removeTags') : t('addTags')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
