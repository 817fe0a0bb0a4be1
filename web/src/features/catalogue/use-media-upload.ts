'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { ApiError } from '@/lib/api/client';
import type { Media } from '@/lib/api/types';
import { uploadWithProgress } from '@/features/shared/upload';
import { useApiErrorText } from '@/features/shared/use-api-error-text';
import { MEDIA_DEPENDENT_QUERIES } from './media-owner';

export interface UploadItem {
  id: number;
  name: string;
  /** 0–1 while sending. */
  progress: number;
  /** Set when the API refused the file; the item stays until dismissed. */
  error?: string;
}

/**
 * Uploads files one after the other to the media library (linked to a product or property when
 * `link` says so), with progress per file. A refused file keeps its error (422 damaged, 413 too
 * large, 415 not an image…) until dismissed; the others carry on.
 */
export function useMediaUpload(link: { productId?: string; propertyId?: string } = {}) {
  const queryClient = useQueryClient();
  const errorText = useApiErrorText();
  const [uploads, setUploads] = useState<UploadItem[]>([]);
  const nextId = useRef(0);
  const update = (id: number, patch: Partial<UploadItem>) => setUploads((all) => all.map((u) => (u.id === id ? { ...u, ...patch } : u)));
  const dismiss = (id: number) => setUploads((all) => all.filter((u) => u.id !== id));

  const upload = async (files: File[]) => {
    const queued = files.map((file) => ({ file, item: { id: nextId.current++, name: file.name, progress: 0 } }));
    setUploads((all) => [...all, ...queued.map((q) => q.item)]);
    for (const { file, item } of queued) {
      const form = new FormData();
      for (const [field, value] of Object.entries(link)) if (value) form.append(field, value);
      form.append('file', file, file.name);
      try {
        await uploadWithProgress<Media>('/api/media', form, { onProgress: (progress) => update(item.id, { progress }) });
        dismiss(item.id);
        for (const queryKey of MEDIA_DEPENDENT_QUERIES) void queryClient.invalidateQueries({ queryKey });
      } catch (err) {
        // A proxy in front of the API may answer 413 without our problem code.
        const code = err instanceof ApiError ? (err.code ?? (err.status === 413 ? 'PAYLOAD_TOO_LARGE' : undefined)) : 'NETWORK_ERROR';
        update(item.id, { error: errorText(code, err instanceof ApiError ? (err.problem.detail ?? '') : '') });
      }
    }
  };

  return { uploads, upload, dismiss };
}
