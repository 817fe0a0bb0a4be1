'use client';

import { ExternalLink } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { EventTypeName } from './event-type-picker';
import { linkableUrl, URL_EVENT_TYPES } from './event-types';
import { useEventTypeName } from './use-event-type-name';

/** A behaviour event's line on a lead's timeline: its name ("E-mail ouvert"), or "Événement" and the type as sent. */
export function TimelineEventTitle({ type }: { type: string }) {
  const t = useTranslations('events');
  const name = useEventTypeName()(type);
  if (name) return <>{name}</>;
  return (
    <>
      {t('event')} <EventTypeName type={type} className="text-xs" />
    </>
  );
}

/** The link clicked or the page seen, for the events that carry one in `properties.url`. */
export function eventUrl(type: string, details: Record<string, unknown>): string | null {
  return URL_EVENT_TYPES.has(type) && typeof details.url === 'string' && details.url.trim() ? details.url.trim() : null;
}

/** An event's URL: a link when it is a web address, the text otherwise. */
export function EventUrl({ url }: { url: string }) {
  const t = useTranslations('events');
  const href = linkableUrl(url);
  const text = url.length > 200 ? `${url.slice(0, 200)}…` : url;
  return (
    <p className="flex min-w-0 items-center gap-1 text-sm text-fg-muted" data-testid="event-url">
      <span className="shrink-0">{t('url')}</span>
      {href ? (
        <a href={href} target="_blank" rel="noreferrer noopener nofollow" className="inline-flex min-w-0 items-center gap-1 text-primary hover:underline focus-ring" title={url}>
          <span className="truncate">{text}</span>
          <ExternalLink className="size-3.5 shrink-0" aria-hidden />
        </a>
      ) : (
        <span className="truncate font-mono text-xs" title={url}>
          {text}
        </span>
      )}
    </p>
  );
}
