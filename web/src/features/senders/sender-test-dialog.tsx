'use client';

import { useMutation } from '@tanstack/react-query';
import { CheckCircle2, XCircle } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { ApiError } from '@/lib/api/client';
import { endpoints } from '@/lib/api/endpoints';
import type { Sender, SenderTestResult } from '@/lib/api/types';
import { FormAlert } from '@/features/auth/form-alert';
import { useApiErrorText } from '@/features/shared/use-api-error-text';

/** Sends a test through a sender and says, in words, what the SMTP server answered. */
export function SenderTestDialog({ sender, onOpenChange }: { sender: Sender | null; onOpenChange: (o: boolean) => void }) {
  const t = useTranslations('senders.test');
  return (
    <Dialog open={sender !== null} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{t('title', { name: sender?.name ?? '' })}</DialogTitle>
          <DialogDescription>{t('description')}</DialogDescription>
        </DialogHeader>
        {sender && <SenderTest sender={sender} onClose={() => onOpenChange(false)} />}
      </DialogContent>
    </Dialog>
  );
}

function SenderTest({ sender, onClose }: { sender: Sender; onClose: () => void }) {
  const t = useTranslations();
  const errorText = useApiErrorText();
  const [to, setTo] = useState('');
  const test = useMutation({ mutationFn: () => endpoints.senders.test(sender.id, to.trim() || undefined) });
  return (
    <form
      className="grid gap-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        test.mutate();
      }}
    >
      <Field label={t('senders.test.to')} hint={t('senders.test.toHint')}>
        {(p) => <Input {...p} type="email" autoComplete="email" value={to} onChange={(e) => setTo(e.target.value)} />}
      </Field>
      {test.isError && <FormAlert>{errorText(test.error instanceof ApiError ? test.error.code : undefined, test.error.message)}</FormAlert>}
      {test.data && <TestResult result={test.data} />}
      <DialogFooter>
        <Button type="button" variant="secondary" onClick={onClose}>
          {t('common.close')}
        </Button>
        <Button type="submit" loading={test.isPending}>
          {test.data ? t('senders.test.again') : t('senders.test.run')}
        </Button>
      </DialogFooter>
    </form>
  );
}

export function TestResult({ result }: { result: SenderTestResult }) {
  const t = useTranslations('senders.test');
  if (result.ok)
    return (
      <div role="status" className="flex gap-3 rounded-lg border border-success/30 bg-success-soft p-3 text-sm">
        <CheckCircle2 className="size-5 shrink-0 text-success" aria-hidden />
        <p className="text-fg">{t('ok', { to: result.to })}</p>
      </div>
    );
  return (
    <div role="alert" className="flex gap-3 rounded-lg border border-danger/30 bg-danger-soft p-3 text-sm" data-testid="sender-test-failure">
      <XCircle className="size-5 shrink-0 text-danger" aria-hidden />
      <div className="grid gap-1">
        <p className="font-medium text-fg">{t(`problems.${result.problem ?? 'unknown'}`)}</p>
        {result.serverReply && (
          <p className="text-fg-muted">
            {t('serverReply')} <code className="rounded bg-surface px-1.5 py-0.5 font-mono text-xs text-fg">{result.serverReply}</code>
          </p>
        )}
      </div>
    </div>
  );
}
