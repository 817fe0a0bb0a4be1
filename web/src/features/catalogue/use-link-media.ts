'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from '@/components/ui/toaster';
import { ApiError } from '@/lib/api/client';
import { endpoints } from '@/lib/api/endpoints';
import type { UpdateMediaInput } from '@/lib/api/types';
import { useApiErrorText } from '@/features/shared/use-api-error-text';
import { MEDIA_DEPENDENT_QUERIES } from './media-owner';

/** Links or unlinks assets (one PATCH each), then refreshes every media list, gallery and cover. */
export function useLinkMedia() {
  const queryClient = useQueryClient();
  const errorText = useApiErrorText();
  return useMutation({
    mutationFn: async ({ ids, link }: { ids: readonly string[]; link: UpdateMediaInput }) => {
      const updated = [];
      for (const id of ids) updated.push(await endpoints.media.update(id, link));
      return updated;
    },
    onSettled: () => Promise.all(MEDIA_DEPENDENT_QUERIES.map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
    onError: (err) => toast.error(errorText(err instanceof ApiError ? err.code : undefined, err.message)),
  });
}
