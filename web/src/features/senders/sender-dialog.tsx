'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Controller, useForm, type Path } from 'react-hook-form';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { Switch } from '@/components/ui/switch';
import { toast } from '@/components/ui/toaster';
import { ApiError } from '@/lib/api/client';
import { endpoints } from '@/lib/api/endpoints';
import { SMTP_SECURITIES, type Sender } from '@/lib/api/types';
import { FormAlert } from '@/features/auth/form-alert';
import { applyProblem } from '@/features/shared/form-errors';
import { useApiErrorText } from '@/features/shared/use-api-error-text';
import { useValidationMessage } from '@/features/shared/use-validation-message';
import { senderBody, senderDefaults, senderSchema, type SenderFormValues } from './sender-schema';

export const SENDERS_KEY = ['senders'] as const;

const FIELDS = ['name', 'fromName', 'fromAddress', 'replyTo', 'host', 'port', 'security', 'username', 'password', 'ratePerSecond', 'ratePerHour', 'isDefault'] as Path<SenderFormValues>[];
/** The API names DKIM errors under `dkim.domain` / `dkim.selector`. */
const API_FIELD: Record<string, Path<SenderFormValues>> = { 'dkim.domain': 'dkimDomain', 'dkim.selector': 'dkimSelector', dkim: 'dkimDomain' };

/** Create a sender (sender = null) or edit one; the answer's DKIM record is shown by the list. */
export function SenderDialog({ open, onOpenChange, sender, onSaved }: { open: boolean; onOpenChange: (o: boolean) => void; sender: Sender | null; onSaved: (s: Sender) => void }) {
  const tf = useTranslations('senders.form');
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-h-[calc(100dvh-2rem)] overflow-y-auto sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>{sender ? tf('editTitle') : tf('createTitle')}</DialogTitle>
          <DialogDescription>{tf('description')}</DialogDescription>
        </DialogHeader>
        {open && (
          <SenderForm
            sender={sender}
            onDone={(s) => {
              onOpenChange(false);
              onSaved(s);
            }}
            onCancel={() => onOpenChange(false)}
          />
        )}
      </DialogContent>
    </Dialog>
  );
}

function SenderForm({ sender, onDone, onCancel }: { sender: Sender | null; onDone: (s: Sender) => void; onCancel: () => void }) {
  const t = useTranslations();
  const msg = useValidationMessage();
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<SenderFormValues>({ resolver: zodResolver(senderSchema), mode: 'onChange', defaultValues: senderDefaults(sender) });
  const { errors } = form.formState;
  const dkimEnabled = form.watch('dkimEnabled');
  const mutation = useMutation({
    mutationFn: (v: SenderFormValues) => (sender ? endpoints.senders.update(sender.id, senderBody(v, sender)) : endpoints.senders.create(senderBody(v, null) as never)),
  });
  const onSubmit = form.handleSubmit(async (v) => {
    setFormError(null);
    try {
      const saved = await mutation.mutateAsync(v);
      toast.success(sender ? t('senders.saved') : t('senders.created'));
      await queryClient.invalidateQueries({ queryKey: SENDERS_KEY });
      onDone(saved);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'SENDER_NAME_TAKEN') {
        form.setError('name', { type: 'server', message: errorText(err.code, err.message) });
        return;
      }
      if (err instanceof ApiError) {
        for (const e of err.problem.errors ?? []) if (API_FIELD[e.field]) form.setError(API_FIELD[e.field]!, { type: 'server', message: e.message });
      }
      const message = applyProblem(err, form.setError, FIELDS, errorText);
      if (message) setFormError(message);
    }
  });
  const text = (name: Path<SenderFormValues>, opts: { type?: string; autoComplete?: string; hint?: string; placeholder?: string; inputMode?: 'numeric' } = {}) => (
    <Field label={t(`senders.fields.${name}` as never)} error={msg(errors[name as keyof typeof errors]?.message as string | undefined)} hint={opts.hint}>
      {(p) => <Input {...p} type={opts.type ?? 'text'} inputMode={opts.inputMode} autoComplete={opts.autoComplete ?? 'off'} placeholder={opts.placeholder} spellCheck={false} {...form.register(name)} />}
    </Field>
  );

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-5">
      {formError && <FormAlert>{formError}</FormAlert>}
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold text-fg">{t('senders.form.identity')}</legend>
        {text('name', { hint: t('senders.form.nameHint') })}
        {text('fromName', { placeholder: t('senders.form.fromNamePlaceholder') })}
        {text('fromAddress', { type: 'email', autoComplete: 'email' })}
        {text('replyTo', { type: 'email', hint: t('senders.form.optional') })}
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold text-fg">{t('senders.form.server')}</legend>
        {text('host', { placeholder: 'smtp.example.com' })}
        <div className="grid grid-cols-2 gap-3">
          {text('port', { inputMode: 'numeric' })}
          <Controller
            control={form.control}
            name="security"
            render={({ field: f }) => (
              <Field label={t('senders.fields.security')} error={msg(errors.security?.message)}>
                {(p) => (
                  <Select value={f.value} onValueChange={f.onChange}>
                    <SelectTrigger {...p}>
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      {SMTP_SECURITIES.map((s) => (
                        <SelectItem key={s} value={s}>
                          {t(`senders.security.${s}`)}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                )}
              </Field>
            )}
          />
        </div>
        {text('username', { hint: t('senders.form.optional') })}
        {text('password', { type: 'password', autoComplete: 'new-password', hint: sender?.passwordSet ? t('senders.form.passwordKept') : t('senders.form.passwordHint') })}
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold text-fg">{t('senders.form.limits')}</legend>
        {text('ratePerSecond', { inputMode: 'numeric', hint: t('senders.form.rateHint') })}
        {text('ratePerHour', { inputMode: 'numeric', hint: t('senders.form.rateHint') })}
      </fieldset>
      <fieldset className="grid gap-4">
        <legend className="mb-2 text-sm font-semibold text-fg">DKIM</legend>
        <Controller
          control={form.control}
          name="dkimEnabled"
          render={({ field: f }) => (
            <div className="flex items-start gap-3">
              <Switch id="sender-dkim" checked={f.value} onCheckedChange={f.onChange} />
              <div>
                <Label htmlFor="sender-dkim">{t('senders.form.dkimEnable')}</Label>
                <p className="text-xs text-fg-muted">{t('senders.form.dkimHint')}</p>
              </div>
            </div>
          )}
        />
        {dkimEnabled && (
          <div className="grid gap-4 sm:grid-cols-2">
            {text('dkimDomain', { placeholder: 'agence.fr' })}
            {text('dkimSelector', { hint: t('senders.form.selectorHint', { name: `${form.watch('dkimSelector') || 'lynara'}._domainkey.${form.watch('dkimDomain') || '…'}` }) })}
          </div>
        )}
      </fieldset>
      <Controller
        control={form.control}
        name="isDefault"
        render={({ field: f }) => (
          <div className="flex items-start gap-3">
            <Switch id="sender-default" checked={f.value} onCheckedChange={f.onChange} />
            <div>
              <Label htmlFor="sender-default">{t('senders.fields.isDefault')}</Label>
              <p className="text-xs text-fg-muted">{t('senders.form.defaultHint')}</p>
            </div>
          </div>
        )}
      />
      <DialogFooter>
        <Button type="button" variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={mutation.isPending}>
          {sender ? t('senders.form.save') : t('senders.form.create')}
        </Button>
      </DialogFooter>
    </form>
  );
}
