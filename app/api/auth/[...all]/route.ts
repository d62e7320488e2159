import { getAuth } from '@/lib/auth';
import { checkAuthRequest } from '@/lib/auth/input';
import { readBodyText } from '@/lib/http/body';
import { assertSameOrigin } from '@/lib/http/origin';
import { apiRoute, otherMethods } from '@/lib/http/route';

/** Sign-in, sign-up and the rest carry a few short fields; nothing better-auth serves needs more. */
const AUTH_MAX_BODY_BYTES = 65_536;

/**
 * better-auth's endpoints: sign-up, sign-in, sign-out, sessions, password, admin. Framed like every
 * other route (request id, JSON errors, the Origin check on writes); the body is read here with a
 * size limit before better-auth sees it, since better-auth would read any amount, and the requests
 * the app makes are checked against their shapes (lib/auth/input.ts).
 */
const handle = apiRoute(
  async ({ request }) => {
    const url = new URL(request.url);
    if (request.method !== 'POST') {
      checkAuthRequest(request.method, url, '');
      return getAuth().handler(request);
    }
    // better-auth checks the Origin of most writes, but not of every one (sign-out answers a foreign
    // origin): the app's own check, the same as on every other route, goes first.
    assertSameOrigin(request);
    const body = await readBodyText(request, AUTH_MAX_BODY_BYTES);
    checkAuthRequest('POST', url, body);
    return getAuth().handler(new Request(request.url, { method: 'POST', headers: request.headers, body }));
  },
  { maxBodyBytes: AUTH_MAX_BODY_BYTES },
);

export const GET = handle;
export const POST = handle;
export const { PUT, PATCH, DELETE } = otherMethods(['GET', 'POST']);
