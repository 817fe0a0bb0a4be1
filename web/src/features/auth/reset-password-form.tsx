'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
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
import { PASSWORD_MIN, resetSchema } from './schemas';

export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations();
  const router = useRouter();
  const errorText = useApiErrorText();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<{ password: string; confirm: string }>({
    resolver: zodResolver(resetSchema),
    mode: 'onChange',
    defaultValues: { password: '', confirm: '' },
  });
  const { errors, isSubmitting } = form.formState;
  const msg = useValidationMessage();

  const onSubmit = form.handleSubmit(async ({ password }) => {
    setFormError(null);
    try {
      await endpoints.auth.resetPassword({ token, password });
      router.push('/login?notice=reset');
    } catch (err) {
      setFormError(applyProblem(err, form.setError, ['password'], errorText));
    }
  });

  const footer = (
    <Link href="/login" className="font-medium text-primary hover:underline">
      {t('auth.backToLogin')}
    </Link>
  );

  if (!token) {
    return (
      <AuthShell title={t('auth.reset.title')} footer={footer}>
        <FormAlert>{t('auth.reset.missingToken')}</FormAlert>
      </AuthShell>
    );
  }

  return (
    <AuthShell title={t('auth.reset.title')} subtitle={t('auth.reset.subtitle')} footer={footer}>
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
        {formError && <FormAlert>{formError}</FormAlert>}
        <Field label={t('fields.newPassword')} error={msg(errors.password?.message)} hint={t('auth.register.passwordHint', { min: PASSWORD_MIN })}>
          {(p) => <Input {...p} type="password" autoComplete="new-password" autoFocus {...form.register('password', { deps: ['confirm'] })} />}
        </Field>
        <Field label={t('fields.confirmPassword')} error={msg(errors.confirm?.message)}>
          {(p) => <Input {...p} type="password" autoComplete="new-password" {...form.register('confirm')} />}
        </Field>
        <Button type="submit" size="lg" loading={isSubmitting}>
          {t('auth.reset.submit')}
        </Button>
      </form>
    </AuthShell>
  );
}
