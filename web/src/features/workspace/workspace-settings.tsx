'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/toaster';
import { ApiError } from '@/lib/api/client';
import { endpoints } from '@/lib/api/endpoints';
import { useIsAdmin, useSession } from '@/features/auth/use-session';
import { CountryPicker } from '@/features/leads/country-picker';
import { useCountryName } from '@/features/leads/countries';
import { useApiErrorText } from '@/features/shared/use-api-error-text';
import { Section } from '@/features/settings/section';

export const WORKSPACE_SETTINGS_KEY = ['workspace', 'settings'] as const;

export function useWorkspaceSettings() {
  return useQuery({ queryKey: WORKSPACE_SETTINGS_KEY, queryFn: endpoints.workspace.settings, staleTime: 60_000 });
}

/** Settings of the whole workspace: every member reads them, owners and admins change them (saved at once, audited). */
export function WorkspaceSettings() {
  const t = useTranslations('workspace');
  const errorText = useApiErrorText();
  const queryClient = useQueryClient();
  const session = useSession();
  const isAdmin = useIsAdmin();
  const settings = useWorkspaceSettings();
  const countryName = useCountryName();
  const hintId = useId();
  const save = useMutation({
    mutationFn: (defaultCountry: string | null) => endpoints.workspace.updateSettings({ defaultCountry }),
    onSuccess: (saved) => {
      queryClient.setQueryData(WORKSPACE_SETTINGS_KEY, saved);
      toast.success(saved.defaultCountry ? t('saved', { country: countryName(saved.defaultCountry) }) : t('savedNone'));
    },
    onError: (err) => toast.error(errorText(err instanceof ApiError ? err.code : undefined, err.message)),
  });

  return (
    <Section title={t('title')} description={t('description')}>
      <div className="grid max-w-md gap-2 px-5 py-5">
        {settings.isPending || session.isPending ? (
          <Skeleton className="h-9" />
        ) : settings.isError ? (
          <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
        ) : (
          <>
            <label htmlFor="default-country" className="text-[13px] font-medium text-fg">
              {t('defaultCountry')}
            </label>
            {isAdmin ? (
              <CountryPicker
                id="default-country"
                describedBy={hintId}
                label={t('defaultCountry')}
                noneLabel={t('noDefault')}
                value={save.isPending ? (save.variables ?? null) : settings.data.defaultCountry}
                onChange={(code) => save.mutate(code)}
              />
            ) : (
              <p id="default-country" className="text-sm text-fg">
                {settings.data.defaultCountry ? countryName(settings.data.defaultCountry) : t('noDefault')}
              </p>
            )}
            <p id={hintId} className="text-xs text-fg-muted">
              {isAdmin ? t('defaultCountryHint') : t('readOnly')}
            </p>
          </>
        )}
      </div>
    </Section>
  );
}
