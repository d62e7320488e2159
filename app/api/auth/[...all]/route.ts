import { getAuth } from '@/lib/auth';
import { readBodyText } from '@/lib/http/body';
import { apiRoute, otherMethods } from '@/lib/http/route';

/** Sign-in, sign-up and the rest carry a few short fields; nothing better-auth serves needs more. */
const AUTH_MAX_BODY_BYTES = 65_536;

/**
 * better-auth's endpoints: sign-up, sign-in, sign-out, sessions, password, admin. Framed like every
 * other route (request id, JSON errors); the body is read here with a size limit before better-auth
 * sees it, since better-auth would read any amount.
 */
const handle = apiRoute(
  async ({ request }) => {
    if (request.method !== 'POST') return getAuth().handler(request);
    const body = await readBodyText(request, AUTH_MAX_BODY_BYTES);
    return getAuth().handler(new Request(request.url, { method: 'POST', headers: request.headers, body }));
  },
  { maxBodyBytes: AUTH_MAX_BODY_BYTES },
);

export const GET = handle;
export const POST = handle;
export const { PUT, PATCH, DELETE } = otherMethods(['GET', 'POST']);
