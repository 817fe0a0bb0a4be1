import { cn } from '@/lib/utils/cn';

/** A determinate progress bar (0–100), announced to assistive tech with its label. */
export function ProgressBar({ value, label, className }: { value: number; label: string; className?: string }) {
  const v = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={v} className={cn('h-2.5 w-full overflow-hidden rounded-full bg-surface-sunken', className)}>
      <div className="h-full rounded-full bg-primary transition-[width] duration-500" style={{ width: `${Math.max(2, v)}%` }} />
    </div>
  );
}
