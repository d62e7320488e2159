'use client';

import { useTranslations } from 'next-intl';

/** A page that failed to render: a clear message and a retry, never a stack trace. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('errors');
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-3 p-6 text-center">
      <h1 className="text-2xl font-semibold">{t('errorTitle')}</h1>
      <p className="max-w-md text-sm text-muted-foreground">{t('errorText')}</p>
      <button
        type="button"
        onClick={reset}
        className="rounded-lg bg-primary px-4 py-2 text-sm font-medium text-primary-foreground hover:opacity-90"
      >
        {t('retry')}
      </button>
    </main>
  );
}
