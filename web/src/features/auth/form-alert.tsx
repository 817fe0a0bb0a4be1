import { AlertCircle, CheckCircle2 } from 'lucide-react';
import * as React from 'react';
import { cn } from '@/lib/utils/cn';

export function FormAlert({ tone = 'danger', children }: { tone?: 'danger' | 'success'; children: React.ReactNode }) {
  const Icon = tone === 'danger' ? AlertCircle : CheckCircle2;
  return (
    <div
      role={tone === 'danger' ? 'alert' : 'status'}
      className={cn(
        'flex items-start gap-2 rounded-md border px-3 py-2.5 text-sm',
        tone === 'danger' ? 'border-danger/25 bg-danger-soft text-danger' : 'border-success/25 bg-success-soft text-success',
      )}
    >
      <Icon className="mt-0.5 size-4 shrink-0" aria-hidden />
      <div>{children}</div>
    </div>
  );
}
