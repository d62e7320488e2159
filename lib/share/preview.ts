/**
 * Text for the generated preview image, cut to what its bundled font (Geist: Latin) can draw.
 * next/og fetches any other glyph from Google Fonts with the text in the URL: that would send the
 * conversation to a third party, and fails offline. So other characters are left out.
 */
export function previewText(text: string, max: number): string {
  const drawable = text
    .replace(/[^\u0020-\u007E\u00A0-\u017F\u2013\u2014\u2018\u2019\u201C\u201D\u2026]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return drawable.length > max ? `${drawable.slice(0, max - 1).trimEnd()}…` : drawable;
}
