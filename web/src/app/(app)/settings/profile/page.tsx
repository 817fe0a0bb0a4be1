import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ProfileSettings } from '@/features/profile/profile-settings';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('settings.nav'))('profile') };
}

export default function Page() {
  return <ProfileSettings />;
}
