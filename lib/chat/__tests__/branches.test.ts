import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '@/db/__tests__/fixture';
import type { Db } from '@/db/client';
import { saveUserTurn } from '@/db/queries/messages';
import { conversations, messages } from '@/db/schema';
import { activeStreams } from '@/lib/chat/active-streams';
import { conversationView, switchBranch } from '@/lib/chat/branches';
import { ConflictError, NotFoundError } from '@/lib/errors';

const OWNER = 'owner-a';
let db: Db;
let cleanup: () => void;

beforeEach(() => {
  ({ db, cleanup } = freshDb({ owners: [OWNER], prefix: 'glm-chat-switch-' }));
});
afterEach(() => cleanup());

function ask(
  conversationId: string,
  userId: string,
  answerId: string,
  text: string,
  parentId?: string | null,
) {
  saveUserTurn(db, {
    ownerId: OWNER,
    conversationId,
    userMessage: { id: userId, role: 'user', parts: [{ type: 'text', text }] },
    parentId,
    assistantMessageId: answerId,
    assistantMetadata: {},
    title: text,
  });
  db.update(messages).set({ status: 'complete' }).where(eq(messages.id, answerId)).run();
}

describe('switching versions', () => {
  it('answers the new path and its versions, and stores it', () => {
    ask('conversation-a', 'user-000001', 'answer-00001', 'one');
    ask('conversation-a', 'user-000002', 'answer-00002', 'two');
    ask('conversation-a', 'user-000003', 'answer-00003', 'two, edited', 'answer-00001');
    const view = switchBranch(db, OWNER, 'conversation-a', 'user-000002');
    expect(view.messages.map((m) => m.id)).toEqual([
      'user-000001',
      'answer-00001',
      'user-000002',
      'answer-00002',
    ]);
    expect(view.siblings).toEqual({ 'user-000002': ['user-000002', 'user-000003'] });
    expect(conversationView(db, OWNER, 'conversation-a')).toEqual(view);
    expect(db.select().from(conversations).get()?.activeLeafId).toBe('answer-00002');
    expect(() => switchBranch(db, 'someone-else', 'conversation-a', 'user-000003')).toThrow(NotFoundError);
  });

  it('is refused while an answer is being written in the conversation', () => {
    ask('conversation-b', 'user-000011', 'answer-00011', 'one');
    ask('conversation-b', 'user-000012', 'answer-00012', 'one, edited', null);
    const registry = activeStreams();
    registry.add({
      conversationId: 'conversation-b',
      ownerId: OWNER,
      messageId: 'answer-00012',
      startedAt: Date.now(),
      abort: () => {},
      subscribe: () => undefined,
      subscribeSse: () => undefined,
      done: Promise.resolve(),
    });
    try {
      expect(() => switchBranch(db, OWNER, 'conversation-b', 'user-000011')).toThrow(ConflictError);
      expect(db.select().from(conversations).get()?.activeLeafId).toBe('answer-00012');
    } finally {
      registry.remove('conversation-b', 'answer-00012');
    }
    expect(switchBranch(db, OWNER, 'conversation-b', 'user-000011').messages.at(-1)?.id).toBe('answer-00011');
  });
});
