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
import { useApiErrorText } from '@/features/shared/use-api-error-text';
import { useValidationMessage } from '@/features/shared/use-validation-message';
import { AuthShell } from './auth-shell';
import { FormAlert } from './form-alert';
import { PASSWORD_MIN, registerSchema, type RegisterValues } from './schemas';

export function RegisterForm() {
  const t = useTranslations();
  const errorText = useApiErrorText();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<RegisterValues>({
    resolver: zodResolver(registerSchema),
    mode: 'onChange',
    defaultValues: { name: '', email: '', password: '', tenantName: '' },
  });
  const { errors, isSubmitting } = form.formState;
  const msg = useValidationMessage();

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await endpoints.auth.register(values);
      window.location.assign('/');
    } catch (err) {
      setFormError(applyProblem(err, form.setError, ['name', 'email', 'password', 'tenantName'], errorText));
    }
  });

  return (
    <AuthShell
      title={t('auth.register.title')}
      subtitle={t('auth.register.subtitle')}
      footer={
        <>
          {t('auth.register.haveAccount')}{' '}
          <Link href="/login" className="font-medium text-primary hover:underline">
            {t('auth.register.login')}
          </Link>
        </>
      }
    >
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
        {formError && <FormAlert>{formError}</FormAlert>}
        <Field label={t('fields.name')} error={msg(errors.name?.message)}>
          {(p) => <Input {...p} autoComplete="name" autoFocus {...form.register('name')} />}
        </Field>
        <Field label={t('fields.workEmail')} error={msg(errors.email?.message)}>
          {(p) => <Input {...p} type="email" autoComplete="email" {...form.register('email')} />}
        </Field>
        <Field label={t('fields.password')} error={msg(errors.password?.message)} hint={t('auth.register.passwordHint', { min: PASSWORD_MIN })}>
          {(p) => <Input {...p} type="password" autoComplete="new-password" {...form.register('password')} />}
        </Field>
        <Field label={t('fields.tenantName')} error={msg(errors.tenantName?.message)} hint={t('auth.register.tenantHint')}>
          {(p) => <Input {...p} autoComplete="organization" {...form.register('tenantName')} />}
        </Field>
        <Button type="submit" size="lg" loading={isSubmitting}>
          {t('auth.register.submit')}
        </Button>
      </form>
    </AuthShell>
  );
}
