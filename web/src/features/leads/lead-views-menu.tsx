'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Bookmark, ChevronDown, Save, Share2, Trash2, Users } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from '@/components/ui/dropdown-menu';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Switch } from '@/components/ui/switch';
import { toast } from '@/components/ui/toaster';
import { ApiError } from '@/lib/api/client';
import { endpoints } from '@/lib/api/endpoints';
import type { CreateLeadViewInput, LeadView } from '@/lib/api/types';
import { useApiErrorText } from '@/features/shared/use-api-error-text';

export const LEAD_VIEWS_KEY = ['lead-views'] as const;

/** The table's state as a view saves it (filters, columns, sort), without name and sharing. */
export type ViewState = Omit<CreateLeadViewInput, 'name' | 'shared'>;

/**
 * Saved views of the lead list: pick one (own or shared with the workspace), save the current
 * filters, columns and sort as a new one, or update, share and delete the current one (its owner,
 * or an admin for a shared view: the API decides, `editable` says).
 */
export function LeadViewsMenu({ current, state, onApply }: { current: LeadView | null; state: ViewState; onApply: (view: LeadView | null) => void }) {
  const t = useTranslations('leads.views');
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const views = useQuery({ queryKey: LEAD_VIEWS_KEY, queryFn: endpoints.leadViews.list, select: (d) => d.items });
  const [saving, setSaving] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const done = (view: LeadView | null) => {
    void queryClient.invalidateQueries({ queryKey: LEAD_VIEWS_KEY });
    onApply(view);
  };
  const onError = (err: Error) => toast.error(errorText(err instanceof ApiError ? err.code : undefined, err.message));
  const update = useMutation({
    mutationFn: (body: Parameters<typeof endpoints.leadViews.update>[1]) => endpoints.leadViews.update(current!.id, body),
    onSuccess: (view, body) => {
      toast.success(body.shared === undefined ? t('updated', { name: view.name }) : view.shared ? t('sharedDone', { name: view.name }) : t('unsharedDone', { name: view.name }));
      done(view);
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: () => endpoints.leadViews.remove(current!.id),
    onSuccess: () => {
      toast.success(t('deleted', { name: current!.name }));
      setDeleting(false);
      done(null);
    },
    onError,
  });
  const mine = views.data?.filter((v) => v.mine) ?? [];
  const shared = views.data?.filter((v) => !v.mine) ?? [];

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="secondary" size="sm" className="max-w-64" data-testid="lead-views">
            <Bookmark aria-hidden />
            <span className="truncate">{current ? current.name : t('label')}</span>
            <ChevronDown aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start" className="w-72">
          {views.isError && <DropdownMenuLabel className="text-danger">{t('loadError')}</DropdownMenuLabel>}
          {views.data?.length === 0 && <DropdownMenuLabel className="font-normal text-fg-muted">{t('empty')}</DropdownMenuLabel>}
          {mine.length > 0 && <DropdownMenuLabel>{t('mine')}</DropdownMenuLabel>}
          {mine.map((v) => (
            <DropdownMenuItem key={v.id} onSelect={() => onApply(v)} aria-current={v.id === current?.id || undefined}>
              <span className="truncate">{v.name}</span>
              {v.shared && <Users className="ml-auto size-3.5 text-fg-muted" aria-label={t('sharedBadge')} />}
            </DropdownMenuItem>
          ))}
          {shared.length > 0 && <DropdownMenuLabel>{t('shared')}</DropdownMenuLabel>}
          {shared.map((v) => (
            <DropdownMenuItem key={v.id} onSelect={() => onApply(v)} aria-current={v.id === current?.id || undefined}>
              <span className="truncate">{v.name}</span>
            </DropdownMenuItem>
          ))}
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => setSaving(true)}>
            <Save aria-hidden />
            {t('saveAs')}
          </DropdownMenuItem>
          {current?.editable && (
            <>
              <DropdownMenuItem onSelect={() => update.mutate(state)}>
                <Save aria-hidden />
                {t('update', { name: current.name })}
              </DropdownMenuItem>
              <DropdownMenuItem onSelect={() => update.mutate({ shared: !current.shared })}>
                <Share2 aria-hidden />
                {current.shared ? t('unshare') : t('share')}
              </DropdownMenuItem>
              <DropdownMenuItem className="text-danger" onSelect={() => setDeleting(true)}>
                <Trash2 aria-hidden />
                {t('delete', { name: current.name })}
              </DropdownMenuItem>
            </>
          )}
          {current && (
            <DropdownMenuItem onSelect={() => onApply(null)}>
              {t('leave')}
            </DropdownMenuItem>
          )}
        </DropdownMenuContent>
      </DropdownMenu>
      <SaveViewDialog open={saving} onOpenChange={setSaving} state={state} onSaved={(v) => done(v)} />
      <ConfirmDialog
        open={deleting}
        onOpenChange={setDeleting}
        title={t('deleteTitle', { name: current?.name ?? '' })}
        description={current?.shared ? t('deleteSharedDescription') : t('deleteDescription')}
        confirmLabel={t('deleteConfirm')}
        pending={remove.isPending}
        onConfirm={() => remove.mutate()}
      />
    </>
  );
}

function SaveViewDialog({ open, onOpenChange, state, onSaved }: { open: boolean; onOpenChange: (open: boolean) => void; state: ViewState; onSaved: (view: LeadView) => void }) {
  const t = useTranslations('leads.views');
  const errorText = useApiErrorText();
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [touched, setTouched] = useState(false);
  const [apiError, setApiError] = useState<string | undefined>();
  const save = useMutation({
    mutationFn: () => endpoints.leadViews.create({ ...state, name: name.trim(), shared }),
    onSuccess: (view) => {
      toast.success(t('saved', { name: view.name }));
      close(false);
      onSaved(view);
    },
    onError: (err) => setApiError(errorText(err instanceof ApiError ? err.code : undefined, err.message)),
  });
  const close = (o: boolean) => {
    onOpenChange(o);
    if (!o) {
      setName('');
      setShared(false);
      setTouched(false);
      setApiError(undefined);
    }
  };
  const error = !name.trim() ? t('nameRequired') : name.trim().length > 100 ? t('nameTooLong') : undefined;
  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent>
        <form
          noValidate
          className="grid gap-5"
          onSubmit={(e) => {
            e.preventDefault();
            setTouched(true);
            if (!error) save.mutate();
          }}
        >
          <DialogHeader>
            <DialogTitle>{t('saveTitle')}</DialogTitle>
            <DialogDescription>{t('saveDescription')}</DialogDescription>
          </DialogHeader>
          <Field label={t('name')} error={(touched ? error : undefined) ?? apiError}>
            {(p) => (
              <Input
                {...p}
                autoFocus
                autoComplete="off"
                placeholder={t('namePlaceholder')}
                value={name}
                onChange={(e) => {
                  setName(e.target.value);
                  setApiError(undefined);
                }}
              />
            )}
          </Field>
          <div className="flex items-center justify-between gap-4">
            <Label htmlFor="lead-view-shared" className="flex flex-col gap-0.5">
              <span>{t('shareLabel')}</span>
              <span className="text-xs font-normal text-fg-muted">{t('shareHint')}</span>
            </Label>
            <Switch id="lead-view-shared" checked={shared} onCheckedChange={setShared} />
          </div>
          <DialogFooter>
            <Button type="button" variant="secondary" onClick={() => close(false)}>
              {t('cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('save')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
