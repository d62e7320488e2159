import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '@/db/__tests__/fixture';
import type { Db } from '@/db/client';
import { conversations, invites, session, user } from '@/db/schema';
import { createInvite, INVITE_LIFETIME_MS, listInvites } from '../invites';
import { LOCAL_OWNER_ID, promoteFirstAccount } from '../local-owner';
import {
  browser,
  type ErrorBody,
  makeAuth,
  ORIGIN,
  outcome,
  PASSWORD,
  signIn,
  signUp,
  whoIs,
} from './helpers';

const SECRET = 'test-secret-test-secret-test-secret-0123';
const DAY = 24 * 60 * 60 * 1000;

let db: Db;
let cleanup: () => void;

beforeEach(() => {
  ({ db, cleanup } = freshDb({ prefix: 'glm-chat-signup-' }));
});
afterEach(() => cleanup());

const auth = (env: Record<string, string> = {}) => makeAuth(db, { BETTER_AUTH_SECRET: SECRET, ...env });
const userCount = () => db.select().from(user).all().length;
const roleOf = (id: string | undefined) =>
  id ? db.select({ role: user.role }).from(user).where(eq(user.id, id)).get()?.role : undefined;

describe('the first account', () => {
  it.each(['closed', 'open', 'invite'])(
    'becomes admin with AUTH_SIGNUP=%s, no invite needed',
    async (mode) => {
      const a = auth({ AUTH_SIGNUP: mode });
      const first = await signUp(a, 'owner@example.com');
      expect(first.status).toBe(200);
      expect(roleOf(first.userId)).toBe('admin');
      expect(await whoIs(a, first.cookie)).toEqual({ id: first.userId, role: 'admin' });
    },
  );

  it('adopts the conversations of the local owner, which then goes away (password mode)', async () => {
    const now = new Date();
    db.insert(user)
      .values({
        id: LOCAL_OWNER_ID,
        name: 'Local owner',
        email: 'local@local.invalid',
        createdAt: now,
        updatedAt: now,
      })
      .run();
    db.insert(conversations).values({ id: 'c1', ownerId: LOCAL_OWNER_ID, title: 'before accounts' }).run();
    const first = await signUp(auth(), 'owner@example.com');
    expect(first.status).toBe(200);
    expect(
      db
        .select()
        .from(conversations)
        .all()
        .map((c) => [c.id, c.ownerId]),
    ).toEqual([['c1', first.userId]]);
    expect(db.select().from(user).where(eq(user.id, LOCAL_OWNER_ID)).get()).toBeUndefined();
  });

  it('cannot be two admins when sign-ups race for it', async () => {
    const a = auth({ AUTH_SIGNUP: 'open' });
    const results = await Promise.all(
      ['a', 'b', 'c', 'd'].map((name) => signUp(a, `${name}@example.com`, { name })),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const roles = db.select({ role: user.role }).from(user).all();
    expect(roles.filter((r) => r.role === 'admin')).toHaveLength(1);
    expect(roles.filter((r) => r.role === 'user')).toHaveLength(3);
  });

  it('promoteFirstAccount lets exactly one of two fresh accounts become admin and adopt', () => {
    const now = new Date();
    db.insert(user)
      .values([
        {
          id: LOCAL_OWNER_ID,
          name: 'Local',
          email: 'local@local.invalid',
          createdAt: now,
          updatedAt: now,
          role: 'admin',
        },
        { id: 'u1', name: 'One', email: 'one@example.com', createdAt: now, updatedAt: now, role: 'user' },
        { id: 'u2', name: 'Two', email: 'two@example.com', createdAt: now, updatedAt: now, role: 'user' },
      ])
      .run();
    db.insert(conversations).values({ id: 'c1', ownerId: LOCAL_OWNER_ID }).run();
    // Both passed the "no account yet" check before either was inserted; the promotion decides.
    expect(promoteFirstAccount(db, 'u2', { keepLocalOwner: false })).toBe(true);
    expect(promoteFirstAccount(db, 'u1', { keepLocalOwner: false })).toBe(false);
    expect(roleOf('u2')).toBe('admin');
    expect(roleOf('u1')).toBe('user');
    expect(db.select().from(conversations).get()?.ownerId).toBe('u2');
  });
});

describe('AUTH_SIGNUP=closed (the default)', () => {
  it('refuses a second sign-up with a clear message and creates nothing', async () => {
    const a = auth();
    await signUp(a, 'owner@example.com');
    const second = await signUp(a, 'stranger@example.com');
    expect(second.status).toBe(403);
    expect(second.message).toBe('Sign-up is closed. Ask an admin to create your account.');
    expect(second.cookie).toBe('');
    expect(userCount()).toBe(1);
    expect(db.select().from(session).all()).toHaveLength(1);
    expect((await signIn(a, 'stranger@example.com')).status).toBe(401);
  });

  it('lets an admin create a user, who can then sign in as a plain user', async () => {
    const a = auth();
    const admin = await signUp(a, 'owner@example.com');
    const created = await a.api.createUser({
      body: { email: 'Friend@Example.com', password: PASSWORD, name: 'Friend' },
      headers: browser(admin.cookie),
    });
    expect(created.user.role).toBe('user');
    const friend = await signIn(a, 'friend@example.com');
    expect(friend.status).toBe(200);
    expect(await whoIs(a, friend.cookie)).toEqual({ id: created.user.id, role: 'user' });
  });

  it('does not let a plain user create users', async () => {
    const a = auth({ AUTH_SIGNUP: 'open' });
    await signUp(a, 'owner@example.com');
    const plain = await signUp(a, 'plain@example.com');
    const response = await a.api.createUser({
      body: { email: 'sneaky@example.com', password: PASSWORD, name: 'Sneaky' },
      headers: browser(plain.cookie),
      asResponse: true,
    });
    expect(response.status).toBe(403);
    expect(userCount()).toBe(2);
  });
});

describe('AUTH_SIGNUP=open', () => {
  it('lets anyone sign up as a plain user', async () => {
    const a = auth({ AUTH_SIGNUP: 'open' });
    await signUp(a, 'owner@example.com');
    const second = await signUp(a, 'someone@example.com');
    expect(second.status).toBe(200);
    expect(await whoIs(a, second.cookie)).toEqual({ id: second.userId, role: 'user' });
  });

  it('ignores a role sent with the sign-up', async () => {
    const a = auth({ AUTH_SIGNUP: 'open' });
    await signUp(a, 'owner@example.com');
    const response = await a.handler(
      new Request(`${ORIGIN}/api/auth/sign-up/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN },
        body: JSON.stringify({
          name: 'Mallory',
          email: 'mallory@example.com',
          password: PASSWORD,
          role: 'admin',
        }),
      }),
    );
    const mallory = db.select().from(user).where(eq(user.email, 'mallory@example.com')).get();
    if (response.status === 200) expect(mallory?.role).toBe('user');
    else expect(mallory).toBeUndefined();
    expect(db.select().from(user).where(eq(user.role, 'admin')).all()).toHaveLength(1);
  });
});

describe('AUTH_SIGNUP=invite', () => {
  const INVALID = 'This invite link is invalid, used or expired. Ask an admin for a new one.';

  it('refuses a sign-up without a token or with a bad one', async () => {
    const a = auth({ AUTH_SIGNUP: 'invite' });
    await signUp(a, 'owner@example.com');
    const without = await signUp(a, 'x@example.com');
    const bad = await signUp(a, 'y@example.com', { invite: 'not-a-real-token' });
    for (const refused of [without, bad]) {
      expect(refused.status).toBe(403);
      expect(refused.message).toBe(INVALID);
    }
    expect(userCount()).toBe(1);
  });

  it('accepts a valid token once, records who used it, and stores only its hash', async () => {
    const a = auth({ AUTH_SIGNUP: 'invite' });
    const admin = await signUp(a, 'owner@example.com');
    const invite = createInvite(db, admin.userId ?? '');
    const row = db.select().from(invites).get();
    expect(row?.tokenHash).not.toContain(invite.token);
    expect(JSON.stringify(row)).not.toContain(invite.token);

    const guest = await signUp(a, 'Guest@Example.com', { invite: invite.token });
    expect(guest.status).toBe(200);
    expect(await whoIs(a, guest.cookie)).toEqual({ id: guest.userId, role: 'user' });

    const again = await signUp(a, 'second@example.com', { invite: invite.token });
    expect(again.status).toBe(403);
    expect(again.message).toBe(INVALID);
    expect(userCount()).toBe(2);

    const [listed] = listInvites(db);
    expect(listed?.id).toBe(invite.id);
    expect(listed?.usedByEmail).toBe('guest@example.com');
    expect(listed?.usedAt).toEqual(expect.any(Number));
    expect(db.select().from(invites).get()?.usedBy).toBe(guest.userId);
  });

  it('refuses an expired token', async () => {
    const a = auth({ AUTH_SIGNUP: 'invite' });
    const admin = await signUp(a, 'owner@example.com');
    const madeAt = Date.now() - 8 * DAY;
    const expired = createInvite(db, admin.userId ?? '', madeAt);
    expect(expired.expiresAt).toBe(madeAt + INVITE_LIFETIME_MS);
    const late = await signUp(a, 'late@example.com', { invite: expired.token });
    expect(late.status).toBe(403);
    expect(userCount()).toBe(1);
    expect(listInvites(db)[0]?.usedAt).toBeNull();
  });

  it('does not burn the invite on a sign-up refused before the account is made', async () => {
    const a = auth({ AUTH_SIGNUP: 'invite', AUTH_MIN_PASSWORD_LENGTH: '12' });
    const admin = await signUp(a, 'owner@example.com');
    const invite = createInvite(db, admin.userId ?? '');
    expect((await signUp(a, 'guest@example.com', { invite: invite.token, password: 'short' })).status).toBe(
      400,
    );
    expect((await signUp(a, 'owner@example.com', { invite: invite.token })).status).toBe(422);
    expect((await signUp(a, 'guest@example.com', { invite: invite.token })).status).toBe(200);
  });
});

describe('AUTH_MODE=none', () => {
  it('refuses every sign-up, the first included: the local owner keeps everything', async () => {
    const now = new Date();
    db.insert(user)
      .values({
        id: LOCAL_OWNER_ID,
        name: 'Local',
        email: 'local@local.invalid',
        createdAt: now,
        updatedAt: now,
      })
      .run();
    const a = auth({ AUTH_MODE: 'none', AUTH_SIGNUP: 'open' });
    const first = await signUp(a, 'owner@example.com');
    expect(first.status).toBe(403);
    expect(first.message).toBe('This install runs in single-user mode: no accounts.');
    expect(db.select().from(user).where(eq(user.id, LOCAL_OWNER_ID)).get()).toBeDefined();
    expect(userCount()).toBe(1);
  });
});

describe('AUTH_MIN_PASSWORD_LENGTH', () => {
  it('refuses a shorter password at sign-up and accepts one of the minimum length', async () => {
    const a = auth({ AUTH_MIN_PASSWORD_LENGTH: '12', AUTH_SIGNUP: 'open' });
    const short = await signUp(a, 'owner@example.com', { password: '12345678901' });
    expect(short.status).toBe(400);
    expect(short.message).toBe('Password too short');
    expect(userCount()).toBe(0);
    expect((await signUp(a, 'owner@example.com', { password: '123456789012' })).status).toBe(200);
  });

  it('applies to accounts an admin creates and to passwords an admin sets', async () => {
    const a = auth({ AUTH_MIN_PASSWORD_LENGTH: '12' });
    const admin = await signUp(a, 'owner@example.com', { password: '123456789012' });
    const created = await a.api.createUser({
      body: { email: 'weak@example.com', password: 'short', name: 'Weak' },
      headers: browser(admin.cookie),
      asResponse: true,
    });
    const body = (await outcome<ErrorBody>(created)).body;
    expect(created.status).toBe(400);
    expect(body.message).toBe('Password too short');
    expect(userCount()).toBe(1);

    const ok = await a.api.createUser({
      body: { email: 'fine@example.com', password: '123456789012', name: 'Fine' },
      headers: browser(admin.cookie),
    });
    const reset = await a.api.setUserPassword({
      body: { userId: ok.user.id, newPassword: 'short' },
      headers: browser(admin.cookie),
      asResponse: true,
    });
    expect(reset.status).toBe(400);
  });
});
