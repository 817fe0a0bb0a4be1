import { createHash } from 'node:crypto';
import type { SplitConfig, WaitConfig } from './journey-graph.js';

/** When a lead that reaches a wait step at `now` wakes. */
export function wakeAt(config: WaitConfig, now: Date, timezone: string): Date {
  if ('durationMinutes' in config) return new Date(now.getTime() + config.durationMinutes * 60_000);
  if ('until' in config) {
    const until = new Date(config.until);
    return until > now ? until : now;
  }
  return nextLocalTime(config.localTime, now, timezone);
}

/** The first instant after `now` at which the clock of `timezone` shows `hhmm` (an unknown zone counts as UTC). */
export function nextLocalTime(hhmm: string, now: Date, timezone: string): Date {
  const tz = isTimeZone(timezone) ? timezone : 'UTC';
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const local = localParts(now, tz);
  for (let dayOffset = 0; dayOffset <= 2; dayOffset++) {
    const candidate = zonedToUtc(local.year, local.month, local.day + dayOffset, h, m, tz);
    if (candidate > now) return candidate;
  }
  /* c8 ignore next */
  return new Date(now.getTime() + 86_400_000);
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function localParts(at: Date, tz: string) {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** The zone's offset from UTC at `at`, in ms. */
function offsetMs(at: Date, tz: string): number {
  const p = localParts(at, tz);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at.getTime() / 1000) * 1000;
}

/** A wall-clock time in `tz` as an instant (twice through the offset, for days when it changes). */
function zonedToUtc(year: number, month: number, day: number, hour: number, minute: number, tz: string): Date {
  const naive = Date.UTC(year, month - 1, day, hour, minute);
  const first = naive - offsetMs(new Date(naive), tz);
  return new Date(naive - offsetMs(new Date(first), tz));
}

/**
 * The variant a lead takes at a split: a hash of (split step, lead) into [0, 100), so a retried
 * step gives the same answer and the shares follow the percentages over many leads.
 */
export function pickVariant(config: SplitConfig, stepId: string, leadId: string): string {
  const bucket = createHash('sha256').update(`${stepId}:${leadId}`).digest().readUInt32BE(0) % 100;
  let upTo = 0;
  for (const v of config.variants) {
    upTo += v.percent;
    if (bucket < upTo) return v.key;
  }
  return config.variants[config.variants.length - 1]!.key;
}
