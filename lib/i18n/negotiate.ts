import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from './locales';

/** The language tags of an Accept-Language header, most wanted first (q=0 means "not this"). */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((entry, index) => {
      const [tag, ...params] = entry.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((e) => e.tag && e.tag !== '*' && e.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index)
    .map((e) => e.tag);
}

/** The UI locale for one wanted tag: exact, then by language (zh-TW, zh-Hans → zh-CN; es-MX → es). */
function matchTag(tag: string): Locale | undefined {
  const lower = tag.toLowerCase();
  const exact = LOCALES.find((l) => l.toLowerCase() === lower);
  if (exact) return exact;
  const language = lower.split('-')[0];
  return LOCALES.find((l) => l.split('-')[0].toLowerCase() === language);
}

/**
 * The UI language of a request: the reader's choice (cookie) when it is one we have, else the
 * first language of the browser's Accept-Language we have, else English.
 */
export function resolveLocale({
  cookie,
  acceptLanguage,
}: {
  cookie?: string | null;
  acceptLanguage?: string | null;
}): Locale {
  if (isLocale(cookie)) return cookie;
  for (const tag of parseAcceptLanguage(acceptLanguage)) {
    const match = matchTag(tag);
    if (match) return match;
  }
  return DEFAULT_LOCALE;
}
