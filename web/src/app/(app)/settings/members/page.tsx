import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { MembersSettings } from '@/features/members/members-settings';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('settings.nav'))('members') };
}

export default function Page() {
  return <MembersSettings />;
}
