import { getConfig } from '@/lib/config';
import { ForbiddenError } from '@/lib/errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin this request was addressed to, as the browser sees it. */
export function ownOrigin(request: Request): string | undefined {
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  if (!host) return undefined;
  const proto =
    request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() ??
    new URL(request.url).protocol.replace(':', '');
  return `${proto}://${host}`;
}

/**
 * Refuses cross-site writes (CSRF): a mutating request from a browser must come from this app's
 * origin (or APP_URL / AUTH_TRUSTED_ORIGINS). Requests without an Origin (curl, scripts) carry no
 * browser cookies by accident, so they pass unless the browser says the request is cross-site.
 */
export function assertSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.get('origin');
  if (!origin) {
    if (request.headers.get('sec-fetch-site') === 'cross-site')
      throw new ForbiddenError('Cross-site request refused.');
    return;
  }
  const { appUrl, trustedOrigins } = getConfig().auth;
  const allowed = new Set([
    ownOrigin(request),
    appUrl ? new URL(appUrl).origin : undefined,
    ...trustedOrigins,
  ]);
  if (!allowed.has(origin)) throw new ForbiddenError('Cross-origin request refused.');
}
