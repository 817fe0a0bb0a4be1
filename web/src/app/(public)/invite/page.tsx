import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AcceptInvitation } from '@/features/auth/accept-invitation';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth.invite'))('title'), referrer: 'no-referrer' };
}

export default async function InvitePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await searchParams;
  return <AcceptInvitation token={typeof token === 'string' ? token : ''} />;
}
