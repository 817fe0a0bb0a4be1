'use client';

import { AlertCircle } from 'lucide-react';
import * as React from 'react';
import { cn } from '@/lib/utils/cn';
import { Label } from './label';

interface FieldProps {
  label: React.ReactNode;
  /** Already-translated error message. */
  error?: string;
  hint?: React.ReactNode;
  className?: string;
  /** Render prop receiving the ids/aria props to spread on the control. */
  children: (control: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => React.ReactNode;
}

/** A label, a control, and its hint or error, wired together for assistive tech. */
export function Field({ label, error, hint, className, children }: FieldProps) {
  const id = React.useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={cn('flex flex-col gap-1.5', className)}>
      <Label htmlFor={id}>{label}</Label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      {hint && !error && (
        <p id={hintId} className="text-xs text-fg-muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} role="alert" className="flex items-center gap-1 text-xs font-medium text-danger">
          <AlertCircle className="size-3.5 shrink-0" aria-hidden />
          {error}
        </p>
      )}
    </div>
  );
}
