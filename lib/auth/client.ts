'use client';

import { createAuthClient } from 'better-auth/client';
import { adminClient } from 'better-auth/client/plugins';

/** The browser side of better-auth (same origin, /api/auth). */
export const authClient = createAuthClient({ plugins: [adminClient()] });

/** better-auth answers `{ error: { message } }`; this reads it for the person at the keyboard. */
export function authErrorMessage(error: { message?: string; status?: number } | null | undefined): string {
  if (!error) return '';
  if (error.status === 429) return 'Too many attempts. Wait a minute and try again.';
  return error.message || 'Something went wrong. Try again.';
}
