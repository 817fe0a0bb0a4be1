import * as React from 'react';
import { cn } from '@/lib/utils/cn';

export const inputClass =
  'flex h-9 w-full rounded-md border border-border-strong bg-surface px-3 text-sm text-fg shadow-xs placeholder:text-fg-subtle transition-colors focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring focus-visible:border-ring disabled:cursor-not-allowed disabled:bg-surface-sunken aria-[invalid=true]:border-danger';

export function Input({ className, type = 'text', ...props }: React.InputHTMLAttributes<HTMLInputElement>) {
  return <input type={type} className={cn(inputClass, className)} {...props} />;
}
