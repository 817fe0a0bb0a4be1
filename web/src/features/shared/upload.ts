import { ApiError } from '@/lib/api/client';
import type { ProblemDetails } from '@/lib/api/types';

/**
 * Sends a body to the same-origin BFF with upload progress (fetch has none). Resolves with the
 * parsed JSON answer, or rejects with an ApiError carrying the problem details.
 */
export function uploadWithProgress<T>(
  url: string,
  body: Blob | FormData,
  { contentType, onProgress, signal }: { contentType?: string; onProgress?: (fraction: number) => void; signal?: AbortSignal } = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (contentType) xhr.setRequestHeader('content-type', contentType);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      let parsed: unknown = null;
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        parsed = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(1);
        resolve(parsed as T);
      } else {
        const p = (parsed && typeof parsed === 'object' ? parsed : {}) as Partial<ProblemDetails>;
        reject(new ApiError({ ...p, status: p.status ?? xhr.status, title: p.title ?? xhr.statusText }));
      }
    };
    xhr.onerror = () => reject(new ApiError({ status: 0, code: 'NETWORK_ERROR', title: 'Network error' }));
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(body);
  });
}
