'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { endpoints } from '@/lib/api/endpoints';
import { applyProblem } from '@/features/shared/form-errors';
import { safeNext } from '@/features/shared/safe-next';
import { useApiErrorText } from '@/features/shared/use-api-error-text';
import { useValidationMessage } from '@/features/shared/use-validation-message';
import { AuthShell } from './auth-shell';
import { FormAlert } from './form-alert';
import { loginSchema, type LoginValues } from './schemas';

export function LoginForm({ next, notice }: { next?: string; notice?: 'reset' | 'loggedOut' }) {
  const t = useTranslations();
  const msg = useValidationMessage();
  const errorText = useApiErrorText();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<LoginValues>({ resolver: zodResolver(loginSchema), mode: 'onChange', defaultValues: { email: '', password: '' } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await endpoints.auth.login(values);
      // A full navigation so every server component renders with the new session.
      window.location.assign(safeNext(next, window.location.origin));
    } catch (err) {
      setFormError(applyProblem(err, form.setError, ['email', 'password'], errorText));
    }
  });

  return (
    <AuthShell
      title={t('auth.login.title')}
      subtitle={t('auth.login.subtitle')}
      footer={
        <>
          {t('auth.login.noAccount')}{' '}
          <Link href="/register" className="font-medium text-primary hover:underline">
            {t('auth.login.createAccount')}
          </Link>
        </>
      }
    >
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
        {notice === 'reset' && <FormAlert tone="success">{t('auth.reset.done')}</FormAlert>}
        {formError && <FormAlert>{formError}</FormAlert>}
        <Field label={t('fields.email')} error={msg(errors.email?.message)}>
          {(p) => <Input {...p} type="email" autoComplete="email" autoFocus {...form.register('email')} />}
        </Field>
        <Field label={t('fields.password')} error={msg(errors.password?.message)}>
          {(p) => <Input {...p} type="password" autoComplete="current-password" {...form.register('password')} />}
        </Field>
        <div className="-mt-2 flex justify-end">
          <Link href="/forgot-password" className="text-[13px] font-medium text-primary hover:underline">
            {t('auth.login.forgot')}
          </Link>
        </div>
        <Button type="submit" size="lg" loading={isSubmitting}>
          {t('auth.login.submit')}
        </Button>
      </form>
    </AuthShell>
  );
}
