import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ApiKeysSettings } from '@/features/api-keys/api-keys-settings';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('settings.nav'))('apiKeys') };
}

export default function Page() {
  return <ApiKeysSettings />;
}
