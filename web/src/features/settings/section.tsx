import * as React from 'react';
import { Card } from '@/components/ui/card';

/** A settings block: title, explanation, actions, then its content. */
export function Section({ title, description, actions, children, id }: { title: React.ReactNode; description?: React.ReactNode; actions?: React.ReactNode; children: React.ReactNode; id?: string }) {
  const headingId = React.useId();
  return (
    <Card className="overflow-hidden" aria-labelledby={headingId} role="region" id={id}>
      <div className="flex flex-col gap-3 border-b border-border px-5 py-4 sm:flex-row sm:items-center sm:justify-between">
        <div>
          <h2 id={headingId} className="text-base font-semibold text-fg">
            {title}
          </h2>
          {description && <p className="mt-0.5 text-sm text-fg-muted">{description}</p>}
        </div>
        {actions && <div className="flex shrink-0 gap-2">{actions}</div>}
      </div>
      {children}
    </Card>
  );
}
