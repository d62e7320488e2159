import type { Locale } from './locales';

/** One locale's UI strings (only the one asked for is loaded). */
export async function loadMessages(locale: Locale): Promise<Messages> {
  switch (locale) {
    case 'zh-CN':
      return (await import('@/messages/zh-CN.json')).default;
    case 'ja':
      return (await import('@/messages/ja.json')).default;
    case 'es':
      return (await import('@/messages/es.json')).default;
    case 'ar':
      return (await import('@/messages/ar.json')).default;
    default:
      return (await import('@/messages/en.json')).default;
  }
}

export type Messages = typeof import('@/messages/en.json');
