import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { SegmentEditor } from '@/features/segments/segment-editor';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('segments'))('editor.newTitle') };
}

export default function Page() {
  return <SegmentEditor />;
}
