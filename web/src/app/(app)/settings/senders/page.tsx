import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { SendersSettings } from '@/features/senders/senders-settings';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('settings.nav'))('senders') };
}

export default function Page() {
  return <SendersSettings />;
}
