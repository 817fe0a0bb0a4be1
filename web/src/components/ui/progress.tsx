import { cn } from '@/lib/utils/cn';

/**
 * A progress bar announced to assistive tech with its label: determinate (0–100), or
 * indeterminate (`value={null}`) while work runs without counters.
 */
export function ProgressBar({ value, label, className }: { value: number | null; label: string; className?: string }) {
  const v = value === null ? null : Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={v ?? undefined}
      className={cn('h-2.5 w-full overflow-hidden rounded-full bg-surface-sunken', className)}
    >
      {v === null ? (
        <div className="h-full w-2/5 rounded-full bg-primary motion-safe:animate-[progress-indeterminate_1.4s_ease-in-out_infinite]" />
      ) : (
        <div className="h-full rounded-full bg-primary transition-[width] duration-500" style={{ width: `${Math.max(2, v)}%` }} />
      )}
    </div>
  );
}
