'use client';

import { Check, Copy } from 'lucide-react';
import { useTranslations } from 'next-intl';
import * as React from 'react';
import { Button, type ButtonProps } from './button';
import { toast } from './toaster';

async function writeClipboard(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Fallback for non-secure contexts (plain http on a LAN address).
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy failed');
}

export function CopyButton({ value, label, ...props }: { value: string; label?: string } & Omit<ButtonProps, 'onClick' | 'value'>) {
  const t = useTranslations('common');
  const [copied, setCopied] = React.useState(false);
  return (
    <Button
      type="button"
      variant="secondary"
      {...props}
      onClick={async () => {
        try {
          await writeClipboard(value);
          setCopied(true);
          toast.success(t('copied'));
          setTimeout(() => setCopied(false), 2000);
        } catch {
          toast.error(t('copyFailed'));
        }
      }}
    >
      {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
      {copied ? t('copied') : (label ?? t('copy'))}
    </Button>
  );
}
