import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { WorkspaceSettings } from '@/features/workspace/workspace-settings';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('settings.nav'))('workspace') };
}

export default function Page() {
  return <WorkspaceSettings />;
}
