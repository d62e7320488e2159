'use client';

import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useId, useTransition } from 'react';
import { cn } from '@/components/ui/cn';
import { DEFAULT_LOCALE, LOCALE_COOKIE, LOCALE_NAMES, LOCALES, type Locale } from '@/lib/i18n/locales';

const ONE_YEAR_S = 60 * 60 * 24 * 365;

/** Remembers the reader's language in a cookie (read by i18n/request.ts on every request). */
export function rememberLocale(locale: Locale) {
  // biome-ignore lint/suspicious/noDocumentCookie: a plain cookie the server reads; nothing secret
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=${ONE_YEAR_S}; samesite=lax`;
}

/**
 * The UI language control. Its label is the word "Language" in the current language (and in
 * English as well, so a reader lost in a language they cannot read still finds it); each choice is
 * written in its own language.
 */
export function LanguageSelect({ compact = false }: { compact?: boolean }) {
  const t = useTranslations('language');
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const id = useId();
  const label = locale === DEFAULT_LOCALE ? t('label') : `${t('label')} · Language`;
  return (
    <div className={cn('flex items-center gap-2', compact ? 'px-3 py-1 text-xs' : 'text-sm')}>
      <label htmlFor={id} className={compact ? 'text-muted-foreground' : 'font-medium'}>
        {label}
      </label>
      <select
        id={id}
        value={locale}
        disabled={pending}
        title={t('choose')}
        onChange={(event) => {
          rememberLocale(event.target.value as Locale);
          // Server components render again in the new language; <html lang dir> follows.
          startTransition(() => router.refresh());
        }}
        className="min-w-0 rounded-md border bg-background px-2 py-1"
      >
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </select>
    </div>
  );
}
