import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { activateMessage, latestLeafUnder, siblingsOnPath } from '@/db/queries/branches';
import { getThread, saveUserTurn, startRegeneration } from '@/db/queries/messages';
import { conversations, messages } from '@/db/schema';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { freshDb } from './fixture';

const OWNER = 'owner-a';
const OTHER = 'owner-b';
let db: Db;
let cleanup: () => void;

beforeEach(() => {
  ({ db, cleanup } = freshDb({ owners: [OWNER, OTHER], prefix: 'glm-chat-branches-' }));
});
afterEach(() => cleanup());

let counter = 0;
const nextId = (prefix: string) => `${prefix}-${String(++counter).padStart(8, '0')}`;

/** A question and its (finished) answer; returns both ids. */
function turn(
  conversationId: string,
  text: string,
  parentId?: string | null,
  ownerId = OWNER,
): { user: string; answer: string } {
  const userId = nextId('user');
  const answer = nextId('answer');
  saveUserTurn(db, {
    ownerId,
    conversationId,
    userMessage: { id: userId, role: 'user', parts: [{ type: 'text', text }] },
    parentId,
    assistantMessageId: answer,
    assistantMetadata: {},
    title: text,
  });
  db.update(messages).set({ status: 'complete' }).where(eq(messages.id, answer)).run();
  return { user: userId, answer };
}

function regenerate(conversationId: string, messageId: string): string {
  const answer = nextId('answer');
  startRegeneration(db, {
    ownerId: OWNER,
    conversationId,
    messageId,
    assistantMessageId: answer,
    assistantMetadata: {},
  });
  db.update(messages).set({ status: 'complete' }).where(eq(messages.id, answer)).run();
  return answer;
}

const threadIds = (conversationId: string) => getThread(db, OWNER, conversationId)?.map((m) => m.id);

describe('the message tree', () => {
  it('an edit (same parent) is a sibling; the active branch follows it and only it is the thread', () => {
    const c = 'conversation-1';
    const first = turn(c, 'first');
    const second = turn(c, 'second');
    const edited = turn(c, 'second, edited', first.answer);
    expect(threadIds(c)).toEqual([first.user, first.answer, edited.user, edited.answer]);
    const siblings = siblingsOnPath(db, OWNER, c, threadIds(c) ?? []);
    expect(siblings).toEqual({ [edited.user]: [second.user, edited.user] });
  });

  it('activateMessage moves to the most recently made leaf under the chosen version', () => {
    const c = 'conversation-2';
    const first = turn(c, 'first');
    const second = turn(c, 'second');
    const third = turn(c, 'third');
    const edited = turn(c, 'second, edited', first.answer);
    // Back to the first version of the second question: its latest path runs to the third answer.
    expect(activateMessage(db, OWNER, c, second.user)).toBe(third.answer);
    expect(threadIds(c)).toEqual([
      first.user,
      first.answer,
      second.user,
      second.answer,
      third.user,
      third.answer,
    ]);
    expect(activateMessage(db, OWNER, c, edited.user)).toBe(edited.answer);
    // Two answers under one question: the newer one wins.
    const again = regenerate(c, edited.answer);
    expect(activateMessage(db, OWNER, c, edited.user)).toBe(again);
    expect(latestLeafUnder(db, c, first.user)).toBe(again);
    // A leaf activates itself.
    expect(activateMessage(db, OWNER, c, edited.answer)).toBe(edited.answer);
    expect(threadIds(c)?.at(-1)).toBe(edited.answer);
  });

  it('regenerating twice gives three sibling answers in the order they were made', () => {
    const c = 'conversation-3';
    const first = turn(c, 'question');
    const second = regenerate(c, first.answer);
    const third = regenerate(c, second);
    expect(siblingsOnPath(db, OWNER, c, [first.user, third])).toEqual({
      [third]: [first.answer, second, third],
    });
  });

  it('versions made in the same millisecond (or after the clock stepped back) still come in order', () => {
    const c = 'conversation-10';
    const clock = vi.spyOn(Date, 'now').mockReturnValue(1_000_000);
    try {
      const first = turn(c, 'question');
      const second = regenerate(c, first.answer);
      clock.mockReturnValue(999_000);
      const third = regenerate(c, second);
      const edited = turn(c, 'question, edited', null);
      expect(siblingsOnPath(db, OWNER, c, [third, edited.user])).toEqual({
        [third]: [first.answer, second, third],
        [edited.user]: [first.user, edited.user],
      });
      expect(activateMessage(db, OWNER, c, first.user)).toBe(third);
    } finally {
      clock.mockRestore();
    }
  });

  it('another owner, or a message of another conversation, is not found and nothing moves', () => {
    const c = 'conversation-4';
    const d = 'conversation-5';
    const mine = turn(c, 'mine');
    const elsewhere = turn(d, 'elsewhere');
    expect(() => activateMessage(db, OTHER, c, mine.user)).toThrow(NotFoundError);
    expect(() => activateMessage(db, OWNER, c, elsewhere.user)).toThrow(NotFoundError);
    expect(siblingsOnPath(db, OTHER, c, [mine.user])).toEqual({});
    const row = db.select().from(conversations).where(eq(conversations.id, c)).get();
    expect(row?.activeLeafId).toBe(mine.answer);
  });

  it('a new message cannot be attached under a message of another conversation, a question, or nothing', () => {
    const c = 'conversation-6';
    const d = 'conversation-7';
    const mine = turn(c, 'mine');
    const elsewhere = turn(d, 'elsewhere');
    const count = () => db.select().from(messages).all().length;
    const before = count();
    expect(() => turn(c, 'sneaky', elsewhere.answer)).toThrow(NotFoundError);
    expect(() => turn(c, 'after a question', mine.user)).toThrow(ValidationError);
    expect(() => turn(c, 'dangling', 'answer-does-not-exist')).toThrow(NotFoundError);
    // A new conversation can only start at the root.
    expect(() => turn('conversation-8', 'new with parent', mine.answer)).toThrow(NotFoundError);
    expect(count()).toBe(before);
    expect(
      db.select().from(conversations).where(eq(conversations.id, 'conversation-8')).get(),
    ).toBeUndefined();
    // null: a new first message, a sibling of the first question.
    const root = turn(c, 'a new first question', null);
    expect(siblingsOnPath(db, OWNER, c, [root.user])).toEqual({ [root.user]: [mine.user, root.user] });
  });

  it('an answer still being written is not a parent', () => {
    const c = 'conversation-9';
    const first = turn(c, 'first');
    db.update(messages).set({ status: 'streaming' }).where(eq(messages.id, first.answer)).run();
    expect(() => turn(c, 'too early', first.answer)).toThrow(ValidationError);
  });
});
