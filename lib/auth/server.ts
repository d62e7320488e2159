import { APIError, betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { createAuthMiddleware, isAPIError } from 'better-auth/api';
import { nextCookies } from 'better-auth/next-js';
import { admin } from 'better-auth/plugins/admin';
import type { Db } from '@/db/client';
import * as schema from '@/db/schema';
import type { AppConfig } from '@/lib/config';
import { ownOrigin } from '@/lib/http/origin';
import { claimInvite, recordInviteUse } from './invites';
import { countAccounts, isLastAdminWithOthers, isOnlyAdmin, promoteFirstAccount } from './local-owner';
import { resolveAuthSecret } from './secret';

export const INVITE_HEADER = 'x-invite-token';

/** Which invite a sign-up claimed (before the user row is made), to record its use after. */
const claimedInvites = new WeakMap<object, string>();

/** A string field of a request body (hooks see it before, or apart from, the endpoint's validation). */
function bodyString(body: unknown, key: string): string | undefined {
  if (typeof body !== 'object' || body === null || !(key in body)) return undefined;
  const value: unknown = (body as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

const hasAdminRole = (role: string) =>
  role
    .split(',')
    .map((r) => r.trim())
    .includes('admin');

/**
 * better-auth, email and password, on the app's SQLite file. Sign-up follows AUTH_SIGNUP after the
 * first account (which becomes admin); admins create, disable, reset and delete users.
 */
export function createAuth(db: Db, config: AppConfig) {
  const { auth: settings } = config;
  const secure = settings.appUrl?.startsWith('https://') ?? false;

  const refuseDeletingOnlyAdmin = (userId: string) => {
    // Never leave an install with accounts but no admin to manage them.
    if (isLastAdminWithOthers(db, userId)) {
      throw new APIError('BAD_REQUEST', {
        message: 'This is the only admin account. Make another account admin first.',
      });
    }
  };

  return betterAuth({
    appName: 'GLM Chat',
    secret: resolveAuthSecret(db, settings.secret),
    // Without APP_URL, better-auth takes the base URL (and so the one trusted origin) from each
    // request's own host: a LAN address or localhost works, another site's origin does not.
    baseURL: settings.appUrl,
    // The app's own origin (the host the browser addressed) plus AUTH_TRUSTED_ORIGINS; never another site.
    trustedOrigins: async (request) => [
      ...settings.trustedOrigins,
      ...(settings.appUrl ? [new URL(settings.appUrl).origin] : []),
      ...(request ? [ownOrigin(request)] : []),
    ],
    database: drizzleAdapter(db, {
      provider: 'sqlite',
      schema: {
        user: schema.user,
        session: schema.session,
        account: schema.account,
        verification: schema.verification,
      },
    }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: settings.minPasswordLength,
      maxPasswordLength: 256,
      autoSignIn: true,
      revokeSessionsOnPasswordReset: true,
    },
    user: {
      deleteUser: {
        enabled: true,
        // Checked here, before better-auth starts deleting: its delete hook only runs after the
        // account's sessions and password are gone, so refusing there would lock the admin out.
        beforeDelete: async (doomed) => refuseDeletingOnlyAdmin(doomed.id),
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
    advanced: {
      // better-auth skips its Origin (CSRF) check when NODE_ENV=test or TEST is set; never here.
      disableOriginCheck: false,
      useSecureCookies: secure,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', secure },
      ipAddress: { ipAddressHeaders: ['x-forwarded-for', 'x-real-ip'] },
    },
    rateLimit: {
      enabled: true,
      storage: 'memory',
      window: 60,
      max: 100,
      customRules: {
        '/sign-in/email': { window: 60, max: settings.signInPerMinute },
        '/sign-up/email': { window: 60, max: settings.signInPerMinute },
        '/change-password': { window: 60, max: settings.signInPerMinute },
      },
    },
    telemetry: { enabled: false },
    databaseHooks: {
      user: {
        create: {
          before: async (_user, ctx) => {
            // Admins create accounts whatever the sign-up mode, with a password as long as anyone's
            // (better-auth only checks the length at sign-up and when setting a password).
            if (ctx?.path === '/admin/create-user') {
              const password = bodyString(ctx.body, 'password');
              if (password !== undefined && password.length < settings.minPasswordLength) {
                throw new APIError('BAD_REQUEST', {
                  message: 'Password too short',
                  code: 'PASSWORD_TOO_SHORT',
                });
              }
              return;
            }
            // Single-user mode has no accounts at all (a first sign-up would take the owner's data).
            if (settings.mode === 'none') {
              throw new APIError('FORBIDDEN', {
                message: 'This install runs in single-user mode: no accounts.',
              });
            }
            // The very first sign-up is always let in: it becomes the admin.
            if (countAccounts(db) === 0) return;
            if (settings.signup === 'open') return;
            if (settings.signup === 'invite') {
              const token = ctx?.headers?.get(INVITE_HEADER) ?? '';
              const inviteId = token ? claimInvite(db, token) : undefined;
              if (!inviteId) {
                throw new APIError('FORBIDDEN', {
                  message: 'This invite link is invalid, used or expired. Ask an admin for a new one.',
                });
              }
              if (ctx) claimedInvites.set(ctx, inviteId);
              return;
            }
            throw new APIError('FORBIDDEN', {
              message: 'Sign-up is closed. Ask an admin to create your account.',
            });
          },
          after: async (created, ctx) => {
            promoteFirstAccount(db, created.id, { keepLocalOwner: settings.mode === 'none' });
            const inviteId = ctx ? claimedInvites.get(ctx) : undefined;
            if (inviteId) recordInviteUse(db, inviteId, created.id);
          },
        },
        update: {
          before: async (data, ctx) => {
            // An admin may not demote the only admin (set-role, update-user), themselves included.
            const userId = bodyString(ctx?.body, 'userId');
            if (typeof data.role !== 'string' || hasAdminRole(data.role) || !userId) return;
            if (isOnlyAdmin(db, userId)) {
              throw new APIError('BAD_REQUEST', {
                message: 'This is the only admin account. Make another account admin first.',
              });
            }
          },
        },
        delete: {
          // The last guard. Self-deletion is checked before it starts (beforeDelete above); an admin
          // removing someone else can't be removing the only admin.
          before: async (doomed) => refuseDeletingOnlyAdmin(doomed.id),
        },
      },
    },
    // Impersonation is not offered: a session made by it would outlive the admin who made it.
    disabledPaths: ['/admin/impersonate-user', '/admin/stop-impersonating'],
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        // Deleting an account always asks for its password, however fresh the session.
        if (ctx.path === '/delete-user' && !bodyString(ctx.body, 'password')) {
          throw new APIError('BAD_REQUEST', { message: 'Enter your password to delete your account.' });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        // A password an admin sets ends the account's sessions, as a reset should (someone may be
        // signed in with the old one).
        if (ctx.path !== '/admin/set-user-password' || isAPIError(ctx.context.returned)) return;
        const userId = bodyString(ctx.body, 'userId');
        if (userId) await ctx.context.internalAdapter.deleteUserSessions(userId);
      }),
    },
    plugins: [
      admin({ defaultRole: 'user', adminRoles: ['admin'], bannedUserMessage: 'This account is disabled.' }),
      nextCookies(),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
