'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { Building2, ShieldCheck } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Skeleton } from '@/components/ui/skeleton';
import { ApiError } from '@/lib/api/client';
import { endpoints } from '@/lib/api/endpoints';
import type { InvitationPreview } from '@/lib/api/types';
import { applyProblem } from '@/features/shared/form-errors';
import { useDateFormat } from '@/features/shared/format';
import { useApiErrorText } from '@/features/shared/use-api-error-text';
import { useValidationMessage } from '@/features/shared/use-validation-message';
import { AuthShell } from './auth-shell';
import { FormAlert } from './form-alert';
import { PASSWORD_MIN, acceptExistingSchema, acceptNewSchema } from './schemas';

export function AcceptInvitation({ token }: { token: string }) {
  const t = useTranslations();
  const errorText = useApiErrorText();
  const query = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => endpoints.auth.invitation(token),
    enabled: Boolean(token),
    retry: false,
  });
  const footer = (
    <Link href="/login" className="font-medium text-primary hover:underline">
      {t('auth.backToLogin')}
    </Link>
  );

  if (!token) {
    return (
      <AuthShell title={t('auth.invite.title')} footer={footer}>
        <FormAlert>{t('auth.invite.missingToken')}</FormAlert>
      </AuthShell>
    );
  }
  if (query.isPending) {
    return (
      <AuthShell title={t('auth.invite.title')}>
        <div role="status" className="flex flex-col gap-4">
          <span className="sr-only">{t('common.loading')}</span>
          <Skeleton className="h-20 w-full" />
          <Skeleton className="h-9 w-full" />
          <Skeleton className="h-9 w-full" />
        </div>
      </AuthShell>
    );
  }
  if (query.isError) {
    const err = query.error;
    return (
      <AuthShell title={t('auth.invite.title')} footer={footer}>
        <FormAlert>{err instanceof ApiError && err.status === 404 ? t('auth.invite.invalid') : errorText(err instanceof ApiError ? err.code : 'NETWORK_ERROR', '')}</FormAlert>
      </AuthShell>
    );
  }
  return <AcceptForm token={token} invitation={query.data} />;
}

function AcceptForm({ token, invitation }: { token: string; invitation: InvitationPreview }) {
  const t = useTranslations();
  const errorText = useApiErrorText();
  const { date } = useDateFormat();
  const [formError, setFormError] = useState<string | null>(null);
  const existing = invitation.userExists;
  const form = useForm<{ name: string; password: string }>({
    resolver: zodResolver(existing ? acceptExistingSchema : acceptNewSchema) as never,
    mode: 'onChange',
    defaultValues: { name: '', password: '' },
  });
  const { errors, isSubmitting } = form.formState;
  const msg = useValidationMessage();

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await endpoints.auth.acceptInvitation(existing ? { token, password: values.password } : { token, name: values.name, password: values.password });
      window.location.assign('/');
    } catch (err) {
      setFormError(applyProblem(err, form.setError, ['name', 'password'], errorText));
    }
  });

  return (
    <AuthShell title={t('auth.invite.title')} subtitle={existing ? t('auth.invite.subtitleExisting') : t('auth.invite.subtitleNew')}>
      <div className="mb-6 rounded-lg border border-border bg-surface p-4 shadow-xs">
        <div className="flex items-center gap-3">
          <div className="flex size-10 items-center justify-center rounded-md bg-primary-soft text-primary">
            <Building2 className="size-5" aria-hidden />
          </div>
          <div className="min-w-0">
            <p className="truncate font-semibold text-fg">{invitation.tenant.name}</p>
            <p className="flex items-center gap-1 text-[13px] text-fg-muted">
              <ShieldCheck className="size-3.5" aria-hidden />
              {t('auth.invite.asRole', { role: t(`roles.${invitation.role}`) })}
            </p>
          </div>
        </div>
        <p className="mt-3 text-xs text-fg-muted">{t('auth.invite.forEmail', { email: invitation.email, date: date(invitation.expiresAt) })}</p>
      </div>
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
        {formError && <FormAlert>{formError}</FormAlert>}
        {!existing && (
          <Field label={t('fields.name')} error={msg(errors.name?.message)}>
            {(p) => <Input {...p} autoComplete="name" autoFocus {...form.register('name')} />}
          </Field>
        )}
        <Field
          label={existing ? t('fields.password') : t('fields.choosePassword')}
          error={msg(errors.password?.message)}
          hint={existing ? undefined : t('auth.register.passwordHint', { min: PASSWORD_MIN })}
        >
          {(p) => <Input {...p} type="password" autoComplete={existing ? 'current-password' : 'new-password'} {...form.register('password')} />}
        </Field>
        <Button type="submit" size="lg" loading={isSubmitting}>
          {t('auth.invite.submit', { tenant: invitation.tenant.name })}
        </Button>
      </form>
    </AuthShell>
  );
}
