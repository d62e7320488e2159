import { getAuth } from '@/lib/auth';

/** better-auth's endpoints: sign-up, sign-in, sign-out, sessions, password, admin. */
const handle = (request: Request) => getAuth().handler(request);

export const GET = handle;
export const POST = handle;
