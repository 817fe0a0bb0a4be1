'use client';

import { useFormatter } from 'next-intl';

export interface SparkPoint {
  /** ISO date-time of the value. */
  at: string;
  value: number;
}

/** A small line chart of a value over time (plain SVG, labelled for screen readers with every point). */
export function Sparkline({ points: raw, label }: { points: readonly SparkPoint[]; label: string }) {
  const format = useFormatter();
  const points = [...raw].sort((a, b) => a.at.localeCompare(b.at));
  const W = 320;
  const H = 80;
  const pad = 6;
  if (points.length === 0) return null;
  const max = Math.max(...points.map((p) => p.value), 1);
  const min = Math.min(...points.map((p) => p.value), 0);
  const x = (i: number) => (points.length === 1 ? W / 2 : pad + (i * (W - 2 * pad)) / (points.length - 1));
  const y = (v: number) => H - pad - ((v - min) / (max - min || 1)) * (H - 2 * pad);
  const d = points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const area = `${d} L${x(points.length - 1).toFixed(1)},${H - pad} L${x(0).toFixed(1)},${H - pad} Z`;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const summary = `${label}: ${points.map((p) => `${format.dateTime(new Date(p.at), { dateStyle: 'short', timeStyle: 'short' })} ${format.number(p.value)}`).join(', ')}`;
  return (
    <figure className="flex flex-col gap-1">
      <svg viewBox={`0 0 ${W} ${H}`} className="h-20 w-full" role="img" aria-label={summary} preserveAspectRatio="none">
        <path d={area} className="fill-primary-soft" />
        <path d={d} className="stroke-primary" fill="none" strokeWidth={2} vectorEffect="non-scaling-stroke" />
        {points.map((p, i) => (
          <circle key={i} cx={x(i)} cy={y(p.value)} r={2.5} className="fill-primary" />
        ))}
      </svg>
      <figcaption className="flex justify-between text-xs text-fg-muted">
        <span>{format.dateTime(new Date(first.at), { dateStyle: 'short' })}</span>
        <span>{format.dateTime(new Date(last.at), { dateStyle: 'short' })}</span>
      </figcaption>
    </figure>
  );
}
