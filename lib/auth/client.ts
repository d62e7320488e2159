'use client';

import { createAuthClient } from 'better-auth/client';
import { adminClient } from 'better-auth/client/plugins';

/** The browser side of better-auth (same origin, /api/auth). */
export const authClient = createAuthClient({ plugins: [adminClient()] });

type AuthMessageKey = 'tooManyAttempts' | 'genericError';

const ENGLISH: Record<AuthMessageKey, string> = {
  tooManyAttempts: 'Too many attempts. Wait a minute and try again.',
  genericError: 'Something went wrong. Try again.',
};

/**
 * better-auth answers `{ error: { message } }`; this reads it for the person at the keyboard. `t` is
 * `useTranslations('auth')` (the server's own message stays in English: it comes from better-auth).
 */
export function authErrorMessage(
  error: { message?: string; status?: number } | null | undefined,
  t: (key: AuthMessageKey) => string = (key) => ENGLISH[key],
): string {
  if (!error) return '';
  if (error.status === 429) return t('tooManyAttempts');
  return error.message || t('genericError');
}
