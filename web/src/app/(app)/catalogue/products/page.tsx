import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ProductsCatalogue } from '@/features/catalogue/products';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('catalogue.nav'))('products') };
}

export default function Page() {
  return <ProductsCatalogue />;
}
