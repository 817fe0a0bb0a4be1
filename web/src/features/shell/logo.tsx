import { cn } from '@/lib/utils/cn';

export function Logo({ inverted, className }: { inverted?: boolean; className?: string }) {
  return (
    <span className={cn('relative inline-flex items-center gap-2.5', className)}>
      <svg viewBox="0 0 32 32" className="size-8" aria-hidden>
        <rect width="32" height="32" rx="9" className={inverted ? 'fill-white/12' : 'fill-primary'} />
        <path d="M10 8.5v15h12" fill="none" strokeWidth="3.2" strokeLinecap="round" strokeLinejoin="round" className={inverted ? 'stroke-brand-200' : 'stroke-white'} />
        <circle cx="22" cy="11" r="2.6" className={inverted ? 'fill-brand-300' : 'fill-brand-200'} />
      </svg>
      <span className={cn('text-[17px] font-semibold tracking-tight', inverted ? 'text-white' : 'text-fg')}>Lynara</span>
    </span>
  );
}
