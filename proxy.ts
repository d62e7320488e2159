import { getSessionCookie } from 'better-auth/cookies';
import { type NextRequest, NextResponse } from 'next/server';
import { createNonce, pageContentSecurityPolicy, strictTransportSecurity } from '@/lib/http/security-headers';

/** Pages a visitor without a session may see (shared links /s/… included). */
const PUBLIC_PAGES = /^\/(sign-in|sign-up|s)(\/|$)/;

/**
 * Every page: a Content-Security-Policy with a fresh nonce (on the request too, where Next.js reads it
 * and puts it on its own scripts), HSTS when APP_URL is https, and an optimistic gate: a visitor with
 * no session cookie goes to /sign-in and comes back to the page they asked for. Pages still check the
 * session for real (lib/auth/page.ts); API routes answer 401 themselves. Single-user mode has no
 * sign-in at all. The headers that never change are set for every path in next.config.ts.
 */
export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const csp = pageContentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === 'development' });
  const hsts = strictTransportSecurity(process.env.APP_URL);

  const { pathname, search } = request.nextUrl;
  let response: NextResponse;
  if (process.env.AUTH_MODE === 'none' || PUBLIC_PAGES.test(pathname) || getSessionCookie(request)) {
    const headers = new Headers(request.headers);
    headers.set('content-security-policy', csp);
    headers.set('x-nonce', nonce);
    response = NextResponse.next({ request: { headers } });
  } else {
    const target = new URL('/sign-in', request.url);
    const asked = `${pathname}${search}`;
    if (asked !== '/') target.searchParams.set('next', asked);
    response = NextResponse.redirect(target);
  }
  response.headers.set('Content-Security-Policy', csp);
  if (hsts) response.headers.set('Strict-Transport-Security', hsts);
  return response;
}

export const config = {
  // Pages only (the sign-in and sign-up pages too, for their CSP): not the API, which sets its own
  // headers and whose bodies a proxy would buffer, and not Next's static assets.
  matcher: ['/((?!api/|_next/|favicon.ico|robots.txt).*)'],
};
