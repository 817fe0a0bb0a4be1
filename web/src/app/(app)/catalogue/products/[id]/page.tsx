import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ProductDetail } from '@/features/catalogue/product-detail';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('catalogue.products.detail'))('pageTitle') };
}

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ProductDetail id={id} />;
}
