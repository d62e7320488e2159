import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mergeNewestPage, prependOlderPage } from '@/components/chat/thread-page';
import { freshDb } from '@/db/__tests__/fixture';
import type { Db } from '@/db/client';
import { getPathIds, getThread, saveUserTurn } from '@/db/queries/messages';
import { messages } from '@/db/schema';
import { conversationPage, switchBranchPage } from '@/lib/chat/branches';
import type { ChatUIMessage } from '@/lib/chat/types';
import { ValidationError } from '@/lib/errors';

const OWNER = 'owner-a';
const CONVERSATION = 'conversation-long';
let db: Db;
let cleanup: () => void;

beforeEach(() => {
  ({ db, cleanup } = freshDb({ owners: [OWNER, 'owner-b'], prefix: 'glm-chat-page-' }));
});
afterEach(() => cleanup());

const pad = (n: number) => String(n).padStart(6, '0');

/** `turns` questions and answers; question n is `user-n`, its answer `answer-n`. */
function seed(turns: number) {
  for (let n = 1; n <= turns; n++) {
    saveUserTurn(db, {
      ownerId: OWNER,
      conversationId: CONVERSATION,
      userMessage: { id: `user-${pad(n)}`, role: 'user', parts: [{ type: 'text', text: `question ${n}` }] },
      assistantMessageId: `answer-${pad(n)}`,
      assistantMetadata: {},
      title: 'long',
    });
    db.update(messages)
      .set({ status: 'complete' })
      .where(eq(messages.id, `answer-${pad(n)}`))
      .run();
  }
}

const ids = (list: { id: string }[]) => list.map((m) => m.id);

describe('pages of the active branch', () => {
  it('the newest page, then the pages above it through the cursor, add up to the whole branch in order', () => {
    seed(50); // 100 messages
    const whole = ids(getThread(db, OWNER, CONVERSATION) ?? []);
    expect(getPathIds(db, OWNER, CONVERSATION)).toEqual(whole);

    const first = conversationPage(db, OWNER, CONVERSATION, { limit: 40 });
    expect(ids(first?.messages ?? [])).toEqual(whole.slice(60));
    expect(first?.olderCursor).toBe(whole[59]);

    const second = conversationPage(db, OWNER, CONVERSATION, {
      through: first?.olderCursor ?? '',
      limit: 40,
    });
    expect(ids(second?.messages ?? [])).toEqual(whole.slice(20, 60));
    const third = conversationPage(db, OWNER, CONVERSATION, {
      through: second?.olderCursor ?? '',
      limit: 40,
    });
    expect(ids(third?.messages ?? [])).toEqual(whole.slice(0, 20));
    expect(third?.olderCursor).toBeNull();
  });

  it('reaches back to a message asked for (a search hit), with a few above it', () => {
    seed(50);
    const whole = ids(getThread(db, OWNER, CONVERSATION) ?? []);
    const page = conversationPage(db, OWNER, CONVERSATION, { include: 'user-000010', limit: 40 });
    expect(ids(page?.messages ?? [])).toEqual(whole.slice(14));
    expect(page?.olderCursor).toBe(whole[13]);
  });

  it('follows the active branch, lists versions of the whole branch, and a branch switch answers a page', () => {
    // Question 2 edited after 30 turns: the edit's short branch becomes the active one.
    seed(30);
    saveUserTurn(db, {
      ownerId: OWNER,
      conversationId: CONVERSATION,
      userMessage: { id: 'user-edited', role: 'user', parts: [{ type: 'text', text: 'question 2, edited' }] },
      parentId: 'answer-000001',
      assistantMessageId: 'answer-edited',
      assistantMetadata: {},
      title: 'long',
    });
    db.update(messages).set({ status: 'complete' }).where(eq(messages.id, 'answer-edited')).run();
    expect(getPathIds(db, OWNER, CONVERSATION)).toEqual([
      'user-000001',
      'answer-000001',
      'user-edited',
      'answer-edited',
    ]);
    const switched = switchBranchPage(db, OWNER, CONVERSATION, 'user-000002');
    expect(switched.messages.at(-1)?.id).toBe('answer-000030');
    // Reaches back to the version shown.
    expect(ids(switched.messages)).toContain('user-000002');
    expect(switched.siblings['user-000002']).toEqual(['user-000002', 'user-edited']);
  });

  it('shows a search hit on its own branch without storing it, and pages above it from its ancestry', () => {
    // 30 turns, then question 2 edited: the edit's short branch is the stored (active) one.
    seed(30);
    saveUserTurn(db, {
      ownerId: OWNER,
      conversationId: CONVERSATION,
      userMessage: { id: 'user-edited', role: 'user', parts: [{ type: 'text', text: 'question 2, edited' }] },
      parentId: 'answer-000001',
      assistantMessageId: 'answer-edited',
      assistantMetadata: {},
      title: 'long',
    });
    db.update(messages).set({ status: 'complete' }).where(eq(messages.id, 'answer-edited')).run();
    const stored = () => getPathIds(db, OWNER, CONVERSATION);
    const before = stored();

    // A hit on the older, longer branch: that branch is shown, reaching back to the hit.
    const page = conversationPage(db, OWNER, CONVERSATION, { view: 'user-000005', include: 'user-000005' });
    expect(page?.messages.at(-1)?.id).toBe('answer-000030');
    expect(ids(page?.messages ?? [])).toContain('user-000005');
    expect(page?.siblings['user-000002']).toEqual(['user-000002', 'user-edited']);
    expect(stored()).toEqual(before);

    // The page above the oldest message shown continues that branch, not the stored one.
    const above = conversationPage(db, OWNER, CONVERSATION, { through: page?.olderCursor ?? '' });
    expect(ids(above?.messages ?? [])).toEqual([
      'user-000001',
      'answer-000001',
      'user-000002',
      'answer-000002',
    ]);
    expect(above?.messages.at(-1)?.id).toBe(page?.olderCursor);
    // A hit that is not in this conversation shows the stored branch.
    expect(conversationPage(db, OWNER, CONVERSATION, { view: 'user-nowhere' })?.messages.at(-1)?.id).toBe(
      'answer-edited',
    );
    expect(stored()).toEqual(before);
  });

  it('refuses a cursor that is not on the branch, and another owner’s conversation is not found', () => {
    seed(3);
    expect(() => conversationPage(db, OWNER, CONVERSATION, { through: 'user-nowhere' })).toThrow(
      ValidationError,
    );
    expect(conversationPage(db, 'owner-b', CONVERSATION)).toBeUndefined();
    expect(getPathIds(db, 'owner-b', CONVERSATION)).toBeUndefined();
  });
});

describe('the pages the browser holds', () => {
  const m = (id: string): ChatUIMessage => ({ id, role: 'user', parts: [] });

  it('prepends an older page, leaving out what it repeats', () => {
    const held = [m('c'), m('d')];
    expect(ids(prependOlderPage(held, { messages: [m('a'), m('b'), m('c')], olderCursor: null }))).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
  });

  it('a re-read newest page replaces the tail and keeps the older messages loaded above it', () => {
    const held = [m('a'), m('b'), m('c'), m('d')];
    const merged = mergeNewestPage(held, 'root', { messages: [m('c'), m('d'), m('e')], olderCursor: 'b' });
    expect(ids(merged.messages)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(merged.olderCursor).toBe('root');
    // A page that does not join (the branch changed elsewhere) replaces everything.
    const other = mergeNewestPage(held, 'root', { messages: [m('x'), m('y')], olderCursor: 'w' });
    expect(ids(other.messages)).toEqual(['x', 'y']);
    expect(other.olderCursor).toBe('w');
  });
});
