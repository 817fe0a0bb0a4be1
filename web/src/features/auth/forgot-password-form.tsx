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
import { forgotSchema } from './schemas';

export function ForgotPasswordForm() {
  const t = useTranslations();
  const msg = useValidationMessage();
  const errorText = useApiErrorText();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<{ email: string }>({ resolver: zodResolver(forgotSchema), mode: 'onChange', defaultValues: { email: '' } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async ({ email }) => {
    setFormError(null);
    try {
      await endpoints.auth.forgotPassword(email);
      setSentTo(email);
    } catch (err) {
      setFormError(applyProblem(err, form.setError, ['email'], errorText));
    }
  });

  return (
    <AuthShell
      title={t('auth.forgot.title')}
      subtitle={t('auth.forgot.subtitle')}
      footer={
        <Link href="/login" className="font-medium text-primary hover:underline">
          {t('auth.backToLogin')}
        </Link>
      }
    >
      {sentTo ? (
        <FormAlert tone="success">{t('auth.forgot.sent', { email: sentTo })}</FormAlert>
      ) : (
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
          {formError && <FormAlert>{formError}</FormAlert>}
          <Field label={t('fields.email')} error={msg(errors.email?.message)}>
            {(p) => <Input {...p} type="email" autoComplete="email" autoFocus {...form.register('email')} />}
          </Field>
          <Button type="submit" size="lg" loading={isSubmitting}>
            {t('auth.forgot.submit')}
          </Button>
        </form>
      )}
    </AuthShell>
  );
}
