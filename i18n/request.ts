import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { LOCALE_COOKIE } from '@/lib/i18n/locales';
import { loadMessages } from '@/lib/i18n/messages';
import { resolveLocale } from '@/lib/i18n/negotiate';

/**
 * next-intl "without i18n routing": no locale in the URL (`/c/{id}`, `/s/{token}` stay as they
 * are). The language of each request is the reader's choice (cookie), else the browser's.
 */
export default getRequestConfig(async () => {
  const locale = resolveLocale({
    cookie: (await cookies()).get(LOCALE_COOKIE)?.value,
    acceptLanguage: (await headers()).get('accept-language'),
  });
  return { locale, messages: await loadMessages(locale) };
});
