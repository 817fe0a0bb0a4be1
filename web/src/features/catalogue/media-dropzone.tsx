'use client';

import { AlertTriangle, UploadCloud, X } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ProgressBar } from '@/components/ui/progress';
import { cn } from '@/lib/utils/cn';
import type { UploadItem } from './use-media-upload';

const ACCEPT = 'image/jpeg,image/png,image/webp,image/gif,application/pdf';

/** Drop files here or pick them (the button is the keyboard way in). */
export function MediaDropzone({ onFiles, fileLabel, testId, className }: { onFiles: (files: File[]) => void; fileLabel: string; testId: string; className?: string }) {
  const t = useTranslations('catalogue.media');
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  return (
    <div
      data-testid={`${testId}-dropzone`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        onFiles([...e.dataTransfer.files]);
      }}
      className={cn(
        'flex flex-col items-center justify-center gap-2 rounded-xl border-2 border-dashed px-6 py-6 text-center transition-colors sm:flex-row sm:gap-4',
        dragging ? 'border-primary bg-primary-soft/50' : 'border-border-strong bg-surface',
        className,
      )}
    >
      <UploadCloud className="size-8 shrink-0 text-primary" aria-hidden />
      <div className="text-sm">
        <p className="font-medium text-fg">{t('drop')}</p>
        <p className="text-xs text-fg-muted">{t('dropHint')}</p>
      </div>
      <Button variant="secondary" onClick={() => inputRef.current?.click()}>
        {t('choose')}
      </Button>
      <input
        ref={inputRef}
        type="file"
        multiple
        accept={ACCEPT}
        tabIndex={-1}
        className="sr-only"
        aria-label={fileLabel}
        data-testid={`${testId}-file`}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          onFiles(files);
        }}
      />
    </div>
  );
}

/** Files being sent, with progress, and the ones the API refused with its reason. */
export function UploadList({ uploads, onDismiss }: { uploads: readonly UploadItem[]; onDismiss: (id: number) => void }) {
  const t = useTranslations('catalogue.media');
  const format = useFormatter();
  if (uploads.length === 0) return null;
  return (
    <ul className="flex flex-col gap-2" aria-live="polite" aria-label={t('uploadsLabel')}>
      {uploads.map((u) => (
        <li key={u.id} data-testid="upload-item" className={cn('rounded-lg border bg-surface px-4 py-3 text-sm', u.error ? 'border-danger/40' : 'border-border')}>
          <div className="flex items-center justify-between gap-3">
            <span className="min-w-0 truncate font-medium" title={u.name}>
              {u.name}
            </span>
            {u.error ? (
              <Button variant="ghost" size="icon" className="size-7 shrink-0" aria-label={t('dismiss', { name: u.name })} onClick={() => onDismiss(u.id)}>
                <X aria-hidden />
              </Button>
            ) : (
              <span className="shrink-0 text-fg-muted">{format.number(u.progress, { style: 'percent' })}</span>
            )}
          </div>
          {u.error ? (
            <p role="alert" className="mt-1 flex items-start gap-1.5 text-danger">
              <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
              {u.error}
            </p>
          ) : (
            <ProgressBar className="mt-2" value={Math.round(u.progress * 100)} label={t('uploading', { name: u.name })} />
          )}
        </li>
      ))}
    </ul>
  );
}
