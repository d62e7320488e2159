import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '@/db/__tests__/fixture';
import type { Db } from '@/db/client';
import { saveUserTurn } from '@/db/queries/messages';
import { account, conversations, invites, messages, session, user } from '@/db/schema';
import type { ChatUIMessage } from '@/lib/chat/types';
import { createInvite } from '../invites';
import {
  adminAndUser,
  browser,
  type ErrorBody,
  makeAuth,
  outcome,
  PASSWORD,
  rowsMentioning,
  SECRET,
  signIn,
  signUp,
  tableNames,
  whoIs,
} from './helpers';

let db: Db;
let cleanup: () => void;

beforeEach(() => {
  ({ db, cleanup } = freshDb({ prefix: 'glm-chat-deletion-' }));
});
afterEach(() => cleanup());

const auth = (env: Record<string, string> = {}) => makeAuth(db, { BETTER_AUTH_SECRET: SECRET, ...env });

let turn = 0;
/** A conversation of `ownerId` with a user message and an assistant answer. */
function converse(ownerId: string, conversationId: string): void {
  turn += 1;
  const userMessage: ChatUIMessage = {
    id: `m-${turn}`,
    role: 'user',
    parts: [{ type: 'text', text: `hello ${turn}` }],
  };
  saveUserTurn(db, {
    ownerId,
    conversationId,
    userMessage,
    assistantMessageId: `a-${turn}`,
    assistantMetadata: { model: 'glm-4.7-flash' },
    title: `conversation ${turn}`,
  });
}

describe('deleting an account', () => {
  /** A user with everything a user can leave behind, next to another user's data. */
  async function populated() {
    const a = auth({ AUTH_SIGNUP: 'invite' });
    const admin = await signUp(a, 'admin@example.com');
    const adminId = admin.userId ?? '';
    const invite = createInvite(db, adminId);
    const doomed = await signUp(a, 'doomed@example.com', { invite: invite.token });
    const doomedId = doomed.userId ?? '';
    expect(doomed.status).toBe(200);
    const second = await signIn(a, 'doomed@example.com');
    createInvite(db, doomedId); // as an admin would: the link they made goes with them
    converse(doomedId, 'doomed-1');
    converse(doomedId, 'doomed-1');
    converse(doomedId, 'doomed-2');
    converse(adminId, 'admin-1');
    converse(adminId, 'admin-1');

    const before = rowsMentioning(db, doomedId);
    expect(before).toMatchObject({ user: 1, session: 2, account: 1, invites: 2, conversations: 2 });
    expect(db.select().from(messages).all()).toHaveLength(10);
    const adminRows = {
      users: db.select().from(user).where(eq(user.id, adminId)).all(),
      accounts: db.select().from(account).where(eq(account.userId, adminId)).all(),
      sessions: db.select().from(session).where(eq(session.userId, adminId)).all(),
      conversations: db.select().from(conversations).where(eq(conversations.ownerId, adminId)).all(),
      messages: db.select().from(messages).where(eq(messages.conversationId, 'admin-1')).all(),
    };
    return {
      a,
      admin,
      adminId,
      doomedId,
      doomedCookie: doomed.cookie,
      secondCookie: second.cookie,
      adminRows,
    };
  }

  function expectGone(
    doomedId: string,
    adminId: string,
    adminRows: Awaited<ReturnType<typeof populated>>['adminRows'],
  ) {
    expect(tableNames(db)).toEqual(
      expect.arrayContaining([
        'user',
        'session',
        'account',
        'verification',
        'invites',
        'conversations',
        'messages',
      ]),
    );
    expect(rowsMentioning(db, doomedId)).toEqual({});
    expect(rowsMentioning(db, 'doomed@example.com')).toEqual({});
    expect(db.select().from(messages).all()).toHaveLength(4);
    // The admin's invite the user signed up with stays, no longer pointing at them.
    expect(
      db
        .select()
        .from(invites)
        .all()
        .map((i) => [i.createdBy, i.usedBy]),
    ).toEqual([[adminId, null]]);
    expect({
      users: db.select().from(user).where(eq(user.id, adminId)).all(),
      accounts: db.select().from(account).where(eq(account.userId, adminId)).all(),
      sessions: db.select().from(session).where(eq(session.userId, adminId)).all(),
      conversations: db.select().from(conversations).where(eq(conversations.ownerId, adminId)).all(),
      messages: db.select().from(messages).where(eq(messages.conversationId, 'admin-1')).all(),
    }).toEqual(adminRows);
  }

  it('by the user, with their password, leaves nothing of them in any table', async () => {
    const { a, adminId, doomedId, doomedCookie, secondCookie, adminRows } = await populated();
    const wrong = await a.api.deleteUser({
      body: { password: 'not the password' },
      headers: browser(doomedCookie),
      asResponse: true,
    });
    expect(wrong.status).toBe(400);
    expect(rowsMentioning(db, doomedId)).toMatchObject({ user: 1, account: 1, session: 2 });

    const response = await a.api.deleteUser({ body: { password: PASSWORD }, headers: browser(doomedCookie) });
    expect(response.success).toBe(true);
    expectGone(doomedId, adminId, adminRows);
    expect(await whoIs(a, secondCookie)).toBeNull();
    expect((await signIn(a, 'doomed@example.com')).status).toBe(401);
  });

  it('by an admin, leaves nothing of the user in any table', async () => {
    const { a, admin, adminId, doomedId, adminRows } = await populated();
    const response = await a.api.removeUser({ body: { userId: doomedId }, headers: browser(admin.cookie) });
    expect(response.success).toBe(true);
    expectGone(doomedId, adminId, adminRows);
  });

  it('refuses the only admin while other accounts exist, and leaves them able to sign in', async () => {
    const a = auth();
    const { admin, adminId, userId } = await adminAndUser(a);
    const refused = await a.api.deleteUser({
      body: { password: PASSWORD },
      headers: browser(admin.cookie),
      asResponse: true,
    });
    expect(refused.status).toBe(400);
    expect((await outcome<ErrorBody>(refused)).body.message).toBe(
      'This is the only admin account. Make another account admin first.',
    );
    expect(rowsMentioning(db, adminId)).toMatchObject({ user: 1, account: 1, session: 1 });
    expect(await whoIs(a, admin.cookie)).toEqual({ id: adminId, role: 'admin' });
    expect((await signIn(a, 'admin@example.com')).status).toBe(200);

    // With a second admin, the first may go.
    await a.api.setRole({ body: { userId, role: 'admin' }, headers: browser(admin.cookie) });
    const gone = await a.api.deleteUser({ body: { password: PASSWORD }, headers: browser(admin.cookie) });
    expect(gone.success).toBe(true);
    expect(rowsMentioning(db, adminId)).toEqual({});
  });

  it('refuses to demote the only admin', async () => {
    const a = auth();
    const { admin, adminId, userId } = await adminAndUser(a);
    const demoted = await a.api.setRole({
      body: { userId: adminId, role: 'user' },
      headers: browser(admin.cookie),
      asResponse: true,
    });
    expect(demoted.status).toBe(400);
    const updated = await a.api.adminUpdateUser({
      body: { userId: adminId, data: { role: 'user' } },
      headers: browser(admin.cookie),
      asResponse: true,
    });
    expect(updated.status).toBe(400);
    expect(await whoIs(a, admin.cookie)).toEqual({ id: adminId, role: 'admin' });
    // Another admin first, then stepping down is fine.
    await a.api.setRole({ body: { userId, role: 'admin' }, headers: browser(admin.cookie) });
    await a.api.setRole({ body: { userId: adminId, role: 'user' }, headers: browser(admin.cookie) });
    expect(await whoIs(a, admin.cookie)).toEqual({ id: adminId, role: 'user' });
  });

  it('lets the only account, an admin, delete itself', async () => {
    const a = auth();
    const admin = await signUp(a, 'admin@example.com');
    converse(admin.userId ?? '', 'solo');
    await a.api.deleteUser({ body: { password: PASSWORD }, headers: browser(admin.cookie) });
    expect(rowsMentioning(db, admin.userId ?? '')).toEqual({});
    expect(db.select().from(user).all()).toHaveLength(0);
  });
});
