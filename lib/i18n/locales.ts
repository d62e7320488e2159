/**
 * The languages of the UI. To add one: put its code here (a BCP 47 tag), its own name in
 * LOCALE_NAMES, and a translated `messages/<code>.json` with every key of `messages/en.json`
 * (`lib/i18n/__tests__/messages.test.ts` fails until it has them all, with the same placeholders).
 */
export const LOCALES = ['en', 'zh-CN', 'ja', 'es', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'en';

/** The cookie that remembers the reader's choice (set by the language control in settings). */
export const LOCALE_COOKIE = 'NEXT_LOCALE';

/** Each language by its own name, so a reader finds theirs whatever the UI language is now. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  'zh-CN': '简体中文',
  ja: '日本語',
  es: 'Español',
  ar: 'العربية',
};

const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur']);

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The writing direction of a locale's script. */
export function directionOf(locale: string): 'ltr' | 'rtl' {
  return RTL_LANGUAGES.has(locale.split('-')[0].toLowerCase()) ? 'rtl' : 'ltr';
}
