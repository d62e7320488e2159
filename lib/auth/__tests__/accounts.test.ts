import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '@/db/__tests__/fixture';
import type { Db } from '@/db/client';
import { session, user } from '@/db/schema';
import {
  adminAndUser,
  browser,
  type ErrorBody,
  makeAuth,
  ORIGIN,
  outcome,
  PASSWORD,
  rowsMentioning,
  SECRET,
  signIn,
  signUp,
  whoIs,
} from './helpers';

const NEW_PASSWORD = 'a brand new passphrase';

let db: Db;
let cleanup: () => void;

beforeEach(() => {
  ({ db, cleanup } = freshDb({ prefix: 'glm-chat-accounts-' }));
});
afterEach(() => cleanup());

const auth = (env: Record<string, string> = {}) => makeAuth(db, { BETTER_AUTH_SECRET: SECRET, ...env });
const sessionsOf = (id: string) => db.select().from(session).where(eq(session.userId, id)).all().length;

describe('signing in', () => {
  it('answers an unknown email and a wrong password the same way', async () => {
    const a = auth();
    await signUp(a, 'admin@example.com');
    const unknown = await signIn(a, 'nobody@example.com');
    const wrong = await signIn(a, 'admin@example.com', 'not the password');
    expect(unknown.status).toBe(401);
    expect(wrong).toEqual(unknown);
    expect(unknown.message).toBe('Invalid email or password');
  });

  it('answers 429 after AUTH_RATE_LIMIT attempts from one address, and only for that address', async () => {
    const a = auth({ AUTH_RATE_LIMIT: '3' });
    await signUp(a, 'admin@example.com');
    const attempt = (address: string) =>
      a.handler(
        new Request(`${ORIGIN}/api/auth/sign-in/email`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: ORIGIN, 'x-forwarded-for': address },
          body: JSON.stringify({ email: 'admin@example.com', password: 'guess guess guess' }),
        }),
      );
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt('10.0.0.9')).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const limited = await outcome<ErrorBody>(await attempt('10.0.0.9'));
    expect(limited.body.message).toBe('Too many requests. Please try again later.');
    expect((await attempt('10.0.0.10')).status).toBe(401);
  });
});

describe('an admin', () => {
  it('disables a user: they cannot sign in and their sessions are gone, until re-enabled', async () => {
    const a = auth();
    const { admin, userId, userCookie } = await adminAndUser(a);
    expect(await whoIs(a, userCookie)).not.toBeNull();

    await a.api.banUser({ body: { userId }, headers: browser(admin.cookie) });
    expect(sessionsOf(userId)).toBe(0);
    expect(await whoIs(a, userCookie)).toBeNull();
    const refused = await signIn(a, 'user@example.com');
    expect(refused.status).toBe(403);
    expect(refused.message).toBe('This account is disabled.');
    expect(refused.cookie).toBe('');
    expect(sessionsOf(userId)).toBe(0);
    // A wrong password still gets the generic answer: being disabled is only told to the owner.
    expect((await signIn(a, 'user@example.com', 'not the password')).status).toBe(401);

    await a.api.unbanUser({ body: { userId }, headers: browser(admin.cookie) });
    expect((await signIn(a, 'user@example.com')).status).toBe(200);
  });

  it('resets a password: the old one fails, the new one works, and the old sessions end', async () => {
    const a = auth();
    const { admin, userId, userCookie } = await adminAndUser(a);
    await a.api.setUserPassword({
      body: { userId, newPassword: NEW_PASSWORD },
      headers: browser(admin.cookie),
    });
    expect((await signIn(a, 'user@example.com')).status).toBe(401);
    expect((await signIn(a, 'user@example.com', NEW_PASSWORD)).status).toBe(200);
    expect(await whoIs(a, userCookie)).toBeNull();
    expect(await whoIs(a, admin.cookie)).not.toBeNull();
  });

  it('lists users', async () => {
    const a = auth();
    const { admin } = await adminAndUser(a);
    const listed = await a.api.listUsers({ query: {}, headers: browser(admin.cookie) });
    expect(listed.users.map((u) => [u.email, u.role]).sort()).toEqual([
      ['admin@example.com', 'admin'],
      ['user@example.com', 'user'],
    ]);
  });
});

describe('sessions', () => {
  it('change password with revokeOtherSessions signs out the other sessions only', async () => {
    const a = auth();
    const { userId } = await adminAndUser(a);
    const laptop = await signIn(a, 'user@example.com');
    const phone = await signIn(a, 'user@example.com');
    const response = await a.api.changePassword({
      body: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, revokeOtherSessions: true },
      headers: browser(laptop.cookie),
      returnHeaders: true,
    });
    const fresh = response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    expect(await whoIs(a, phone.cookie)).toBeNull();
    expect(await whoIs(a, fresh)).toEqual({ id: userId, role: 'user' });
    expect(sessionsOf(userId)).toBe(1);
    expect((await signIn(a, 'user@example.com')).status).toBe(401);
    expect((await signIn(a, 'user@example.com', NEW_PASSWORD)).status).toBe(200);
  });

  it('revokeSessions signs out everywhere', async () => {
    const a = auth();
    const { userId, userCookie } = await adminAndUser(a);
    const other = await signIn(a, 'user@example.com');
    expect(sessionsOf(userId)).toBe(2);
    await a.api.revokeSessions({ headers: browser(userCookie) });
    expect(await whoIs(a, userCookie)).toBeNull();
    expect(await whoIs(a, other.cookie)).toBeNull();
    expect(sessionsOf(userId)).toBe(0);
  });

  it('the session cookie is HttpOnly and SameSite=Lax, not Secure over http', async () => {
    const a = auth();
    const response = await a.api.signUpEmail({
      body: { name: 'Admin', email: 'admin@example.com', password: PASSWORD },
      headers: browser(),
      asResponse: true,
    });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('better-auth.session_token='));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).not.toMatch(/;\s*Secure/i);
  });

  it('the session cookie is Secure when APP_URL is https', async () => {
    const origin = 'https://chat.example.com';
    const a = auth({ APP_URL: origin });
    const response = await a.api.signUpEmail({
      body: { name: 'Admin', email: 'admin@example.com', password: PASSWORD },
      headers: new Headers({ origin }),
      asResponse: true,
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().find((c) => c.includes('session_token='));
    expect(cookie).toMatch(/^__Secure-better-auth\.session_token=/);
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
  });
});

describe('cross-site requests', () => {
  const post = (a: ReturnType<typeof auth>, route: string, headers: Record<string, string>, body: unknown) =>
    a.handler(
      new Request(`${ORIGIN}/api/auth${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }),
    );

  it('a signed-in POST from another origin, or with no origin, is refused (whatever NODE_ENV says)', async () => {
    const a = auth({ AUTH_SIGNUP: 'open' });
    await signUp(a, 'admin@example.com');
    const member = await signUp(a, 'member@example.com');
    const evil = await post(
      a,
      '/delete-user',
      { cookie: member.cookie, origin: 'https://evil.example' },
      { password: PASSWORD },
    );
    expect(evil.status).toBe(403);
    const blind = await post(a, '/delete-user', { cookie: member.cookie }, { password: PASSWORD });
    expect(blind.status).toBe(403);
    expect(rowsMentioning(db, member.userId ?? '')).toMatchObject({ user: 1, account: 1, session: 1 });
    const own = await post(
      a,
      '/delete-user',
      { cookie: member.cookie, origin: ORIGIN },
      { password: PASSWORD },
    );
    expect(own.status).toBe(200);
    expect(rowsMentioning(db, member.userId ?? '')).toEqual({});
  });

  it('a browser sign-up posted from another site is refused; AUTH_TRUSTED_ORIGINS are let in', async () => {
    const a = auth({ AUTH_SIGNUP: 'open', AUTH_TRUSTED_ORIGINS: 'https://other.example.com' });
    const fetchMeta = { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' };
    const body = { name: 'X', email: 'x@example.com', password: PASSWORD };
    expect(
      (await post(a, '/sign-up/email', { ...fetchMeta, origin: 'https://evil.example' }, body)).status,
    ).toBe(403);
    expect(db.select().from(user).all()).toHaveLength(0);
    expect(
      (await post(a, '/sign-up/email', { ...fetchMeta, origin: 'https://other.example.com' }, body)).status,
    ).toBe(200);
  });
});
