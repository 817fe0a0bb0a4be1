'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { MailCheck, MailWarning, UserPlus } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { CopyButton } from '@/components/ui/copy-button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { endpoints } from '@/lib/api/endpoints';
import type { CreatedInvitation, Role } from '@/lib/api/types';
import { FormAlert } from '@/features/auth/form-alert';
import { inviteSchema } from '@/features/auth/schemas';
import { applyProblem } from '@/features/shared/form-errors';
import { useApiErrorText } from '@/features/shared/use-api-error-text';
import { useValidationMessage } from '@/features/shared/use-validation-message';

export function InviteDialog({ assignableRoles }: { assignableRoles: Role[] }) {
  const t = useTranslations();
  const msg = useValidationMessage();
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<{ email: string; role: Role }>({
    resolver: zodResolver(inviteSchema),
    mode: 'onChange',
    defaultValues: { email: '', role: 'marketer' },
  });
  const { errors } = form.formState;
  const mutation = useMutation({ mutationFn: endpoints.invitations.create });

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) {
      setCreated(null);
      setFormError(null);
      form.reset();
    }
  };

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const result = await mutation.mutateAsync(values);
      setCreated(result);
      await queryClient.invalidateQueries({ queryKey: ['invitations'] });
    } catch (err) {
      setFormError(applyProblem(err, form.setError, ['email', 'role'], errorText));
    }
  });

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <Button onClick={() => setOpen(true)}>
        <UserPlus aria-hidden />
        {t('members.invite.open')}
      </Button>
      <DialogContent>
        {created ? (
          <>
            <DialogHeader>
              <DialogTitle>{t('members.invite.createdTitle')}</DialogTitle>
              <DialogDescription>{t('members.invite.createdDescription', { email: created.email })}</DialogDescription>
            </DialogHeader>
            {created.emailSent ? (
              <FormAlert tone="success">
                <span className="inline-flex items-center gap-1.5">
                  <MailCheck className="size-4" aria-hidden />
                  {t('members.invite.emailSent')}
                </span>
              </FormAlert>
            ) : (
              <div role="status" className="flex items-start gap-2 rounded-md border border-warning/25 bg-warning-soft px-3 py-2.5 text-sm text-warning">
                <MailWarning className="mt-0.5 size-4 shrink-0" aria-hidden />
                {t('members.invite.emailNotSent')}
              </div>
            )}
            <Field label={t('members.invite.link')}>
              {(p) => (
                <div className="flex gap-2">
                  <Input {...p} readOnly value={created.acceptUrl} className="font-mono text-xs" onFocus={(e) => e.currentTarget.select()} data-testid="invite-url" />
                  <CopyButton value={created.acceptUrl} />
                </div>
              )}
            </Field>
            <DialogFooter>
              <Button onClick={() => onOpenChange(false)}>{t('common.done')}</Button>
            </DialogFooter>
          </>
        ) : (
          <form onSubmit={onSubmit} noValidate className="grid gap-5">
            <DialogHeader>
              <DialogTitle>{t('members.invite.title')}</DialogTitle>
              <DialogDescription>{t('members.invite.description')}</DialogDescription>
            </DialogHeader>
            {formError && <FormAlert>{formError}</FormAlert>}
            <Field label={t('fields.email')} error={msg(errors.email?.message)}>
              {(p) => <Input {...p} type="email" autoComplete="off" {...form.register('email')} />}
            </Field>
            <Controller
              control={form.control}
              name="role"
              render={({ field }) => (
                <Field label={t('fields.role')} error={msg(errors.role?.message)} hint={t(`roles.descriptions.${field.value}`)}>
                  {(p) => (
                    <Select value={field.value} onValueChange={field.onChange}>
                      <SelectTrigger {...p}>
                        <SelectValue />
                      </SelectTrigger>
                      <SelectContent>
                        {assignableRoles.map((r) => (
                          <SelectItem key={r} value={r}>
                            {t(`roles.${r}`)}
                          </SelectItem>
                        ))}
                      </SelectContent>
                    </Select>
                  )}
                </Field>
              )}
            />
            <DialogFooter>
              <Button type="button" variant="secondary" onClick={() => onOpenChange(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={mutation.isPending}>
                {t('members.invite.submit')}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
