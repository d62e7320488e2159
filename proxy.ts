import { getSessionCookie } from 'better-auth/cookies';
import { type NextRequest, NextResponse } from 'next/server';

/**
 * An optimistic gate for pages: a visitor with no session cookie goes to /sign-in and comes back to
 * the page they asked for. Pages still check the session for real (lib/auth/page.ts); API routes
 * answer 401 themselves. Single-user mode has no sign-in at all.
 */
export function proxy(request: NextRequest) {
  if (process.env.AUTH_MODE === 'none' || getSessionCookie(request)) return NextResponse.next();
  const target = new URL('/sign-in', request.url);
  const asked = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  if (asked !== '/') target.searchParams.set('next', asked);
  return NextResponse.redirect(target);
}

export const config = {
  // Pages only: not the API, not Next's assets, not the sign-in and sign-up pages themselves, and
  // not shared links (/s/…), which anyone with the link may read signed in or not.
  matcher: ['/((?!api/|_next/|sign-in|sign-up|favicon.ico|robots.txt|s/).*)'],
};
