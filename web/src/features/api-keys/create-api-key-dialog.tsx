'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { AlertTriangle, Plus } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { CopyButton } from '@/components/ui/copy-button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Skeleton } from '@/components/ui/skeleton';
import { endpoints } from '@/lib/api/endpoints';
import type { CreatedApiKey } from '@/lib/api/types';
import { FormAlert } from '@/features/auth/form-alert';
import { apiKeySchema } from '@/features/auth/schemas';
import { applyProblem } from '@/features/shared/form-errors';
import { useApiErrorText } from '@/features/shared/use-api-error-text';
import { useValidationMessage } from '@/features/shared/use-validation-message';

export function CreateApiKeyDialog() {
  const t = useTranslations();
  const tScopes = useTranslations('apiKeys.scopeDescriptions');
  const msg = useValidationMessage();
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const scopes = useQuery({ queryKey: ['api-keys', 'scopes'], queryFn: endpoints.apiKeys.scopes, enabled: open, staleTime: Infinity });
  const form = useForm<{ name: string; scopes: string[] }>({
    resolver: zodResolver(apiKeySchema),
    mode: 'onChange',
    defaultValues: { name: '', scopes: [] },
  });
  const { errors } = form.formState;
  const mutation = useMutation({ mutationFn: endpoints.apiKeys.create });

  const close = () => {
    setOpen(false);
    // The key is gone for good once the dialog closes.
    setCreated(null);
    setFormError(null);
    form.reset();
  };

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const key = await mutation.mutateAsync(values);
      setCreated(key);
      await queryClient.invalidateQueries({ queryKey: ['api-keys', 'list'] });
    } catch (err) {
      setFormError(applyProblem(err, form.setError, ['name', 'scopes'], errorText));
    }
  });

  return (
    <Dialog open={open} onOpenChange={(o) => (o ? setOpen(true) : close())}>
      <Button onClick={() => setOpen(true)}>
        <Plus aria-hidden />
        {t('apiKeys.create.open')}
      </Button>
      <DialogContent
        className="max-w-xl"
        onInteractOutside={(e) => created && e.preventDefault()}
      >
        {created ? (
          <>
            <DialogHeader>
              <DialogTitle>{t('apiKeys.created.title')}</DialogTitle>
              <DialogDescription>{t('apiKeys.created.description', { name: created.name })}</DialogDescription>
            </DialogHeader>
            <div role="alert" className="flex items-start gap-2.5 rounded-md border border-warning/30 bg-warning-soft px-3 py-2.5 text-sm text-warning">
              <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
              <span>{t('apiKeys.created.warning')}</span>
            </div>
            <Field label={t('apiKeys.created.keyLabel')}>
              {(p) => (
                <div className="flex gap-2">
                  <Input {...p} readOnly value={created.key} className="font-mono text-xs" data-testid="api-key-secret" onFocus={(e) => e.currentTarget.select()} />
                  <CopyButton value={created.key} />
                </div>
              )}
            </Field>
            <DialogFooter>
              <Button onClick={close}>{t('apiKeys.created.done')}</Button>
            </DialogFooter>
          </>
        ) : (
          <form onSubmit={onSubmit} noValidate className="grid gap-5">
            <DialogHeader>
              <DialogTitle>{t('apiKeys.create.title')}</DialogTitle>
              <DialogDescription>{t('apiKeys.create.description')}</DialogDescription>
            </DialogHeader>
            {formError && <FormAlert>{formError}</FormAlert>}
            <Field label={t('fields.keyName')} error={msg(errors.name?.message)} hint={t('apiKeys.create.nameHint')}>
              {(p) => <Input {...p} autoComplete="off" {...form.register('name')} />}
            </Field>
            <fieldset className="grid gap-2" aria-describedby={errors.scopes ? 'scopes-error' : undefined}>
              <legend className="mb-1.5 text-[13px] font-medium text-fg">{t('fields.scopes')}</legend>
              {scopes.isPending ? (
                <div className="grid gap-2">
                  <Skeleton className="h-12" />
                  <Skeleton className="h-12" />
                </div>
              ) : scopes.isError ? (
                <FormAlert>{t('apiKeys.create.scopesError')}</FormAlert>
              ) : (
                <Controller
                  control={form.control}
                  name="scopes"
                  render={({ field }) => (
                    <div className="grid max-h-64 gap-1.5 overflow-y-auto pr-1 sm:grid-cols-2">
                      {scopes.data.items.map((s) => {
                        const id = `scope-${s.scope}`;
                        const checked = field.value.includes(s.scope);
                        return (
                          <label
                            key={s.scope}
                            htmlFor={id}
                            className="flex cursor-pointer items-start gap-2.5 rounded-md border border-border px-3 py-2.5 hover:bg-surface-muted has-[[data-state=checked]]:border-primary/40 has-[[data-state=checked]]:bg-primary-soft/60"
                          >
                            <Checkbox
                              id={id}
                              className="mt-0.5"
                              checked={checked}
                              onCheckedChange={(v) => field.onChange(v ? [...field.value, s.scope] : field.value.filter((x) => x !== s.scope))}
                            />
                            <span className="min-w-0">
                              <span className="block font-mono text-xs font-semibold text-fg">{s.scope}</span>
                              <span className="block text-xs text-fg-muted">{tScopes.has(s.scope as never) ? tScopes(s.scope as never) : s.description}</span>
                            </span>
                          </label>
                        );
                      })}
                    </div>
                  )}
                />
              )}
              {errors.scopes?.message && (
                <p id="scopes-error" role="alert" className="text-xs font-medium text-danger">
                  {msg(errors.scopes.message)}
                </p>
              )}
            </fieldset>
            <DialogFooter>
              <Button type="button" variant="secondary" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={mutation.isPending}>
                {t('apiKeys.create.submit')}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
