import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('meta'))('notFound') };
}

export default async function NotFound() {
  const t = await getTranslations('errors');
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-3 p-6 text-center">
      <h1 className="text-2xl font-semibold">{t('notFoundTitle')}</h1>
      <p className="text-sm text-muted-foreground">{t('notFoundText')}</p>
      <Link href="/" className="text-sm text-primary underline">
        {t('home')}
      </Link>
    </main>
  );
}
