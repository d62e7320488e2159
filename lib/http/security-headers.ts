/**
 * The security headers of every response. Kept free of app imports: next.config.ts and proxy.ts read
 * it, and neither should pull in the configuration or the database.
 */

/** Headers that never change at run time: set on every path by next.config.ts `headers()`. */
export const STATIC_SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  {
    key: 'Permissions-Policy',
    value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

/**
 * API responses are JSON or an event stream, never a document: nothing in them may load or run
 * anything, and no page may frame them.
 */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/** A fresh, unguessable nonce for one page response (128 random bits, base64). */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The Content-Security-Policy of a page. Next.js reads the nonce back from this header on the request
 * and puts it on its own scripts; 'strict-dynamic' lets those scripts load the app's chunks, and
 * nothing else runs: an injected inline script or event handler has no nonce.
 */
export function pageContentSecurityPolicy(nonce: string, options: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    // 'unsafe-eval' only for `next dev` (React rebuilds server error stacks with eval there).
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ''}`,
    // Inline styles: React `style` props, KaTeX's sized spans, Shiki's token colours and the <style>
    // inside Mermaid's SVG. A nonce cannot cover style attributes, and with a nonce present browsers
    // ignore 'unsafe-inline'. Model output cannot carry styles (rehype-sanitize removes them).
    "style-src 'self' 'unsafe-inline'",
    // Images in answers are fetched only when the reader clicks "load image from HOST" (the
    // Markdown component), so any http(s) host must be allowed for that click to work; data: and
    // blob: are for KaTeX, Mermaid and icons.
    "img-src 'self' data: blob: https: http:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}

/** Strict-Transport-Security, only when the public address is https (APP_URL). */
export function strictTransportSecurity(appUrl: string | undefined): string | undefined {
  if (!appUrl?.startsWith('https://')) return undefined;
  return 'max-age=31536000; includeSubDomains';
}
