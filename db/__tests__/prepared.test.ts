import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { openDatabase, runMigrations } from '@/db/client';
import { getConversation } from '@/db/queries/conversations';
import { checkpointAssistantMessage, getThread, saveUserTurn } from '@/db/queries/messages';
import { addOwners, type FreshDb, freshDb } from './fixture';

// The chat turn's queries are prepared once per connection (db/prepared.ts). What a caller must
// still see: owner scoping with every owner, the statements taking part in transactions, and JSON
// columns written the way Drizzle writes them.
const OWNER = 'owner-a';
const OTHER = 'owner-b';
let fixture: FreshDb;
let db: Db;

beforeEach(() => {
  fixture = freshDb({ owners: [OWNER, OTHER], prefix: 'glm-chat-prepared-' });
  db = fixture.db;
});

afterEach(() => fixture.cleanup());

function send(conversationId: string, text: string, ownerId = OWNER) {
  const id = `msg-${Math.random().toString(36).slice(2)}`;
  const answerId = `${id}-answer`;
  saveUserTurn(db, {
    ownerId,
    conversationId,
    userMessage: { id, role: 'user', parts: [{ type: 'text', text }] },
    assistantMessageId: answerId,
    assistantMetadata: { createdAt: Date.now(), status: 'streaming' },
    title: text,
  });
  return { id, answerId };
}

describe('prepared chat-turn queries', () => {
  it('stay scoped to the owner each call is for', () => {
    send('conv-a', 'mine');
    send('conv-b', 'theirs', OTHER);
    expect(getConversation(db, OWNER, 'conv-a')?.title).toBe('mine');
    expect(getConversation(db, OTHER, 'conv-a')).toBeUndefined();
    expect(getConversation(db, OTHER, 'conv-b')?.title).toBe('theirs');
    expect(getConversation(db, OWNER, 'conv-b')).toBeUndefined();
    expect(getThread(db, OTHER, 'conv-a')).toBeUndefined();
  });

  it('take part in the transaction they run in: a failed send leaves nothing behind', () => {
    const { id } = send('conv-a', 'first');
    // Same message id again: the transaction has already run the prepared reads when it throws.
    expect(() =>
      saveUserTurn(db, {
        ownerId: OWNER,
        conversationId: 'conv-new',
        userMessage: { id, role: 'user', parts: [{ type: 'text', text: 'again' }] },
        assistantMessageId: 'answer-2',
        assistantMetadata: { createdAt: Date.now(), status: 'streaming' },
        title: 'again',
      }),
    ).toThrow(/already sent/);
    expect(getConversation(db, OWNER, 'conv-new')).toBeUndefined();
    expect(getThread(db, OWNER, 'conv-a')?.map((m) => m.role)).toEqual(['user', 'assistant']);
  });

  it('write JSON columns that read back as they were given, on every call', () => {
    const { answerId } = send('conv-a', 'question');
    for (const text of ['one', 'two "quoted" \\ and 中文']) {
      checkpointAssistantMessage(db, answerId, [{ type: 'text', text, state: 'streaming' }], {
        createdAt: 1,
        status: 'streaming',
      });
      const answer = getThread(db, OWNER, 'conv-a')?.find((m) => m.id === answerId);
      expect(answer?.parts).toEqual([{ type: 'text', text, state: 'streaming' }]);
      expect(answer?.metadata).toMatchObject({ createdAt: 1 });
    }
  });

  it('prepare per connection: a second database gets its own statements', () => {
    send('conv-a', 'in the first');
    const other = openDatabase(path.join(fixture.dir, 'other.db'));
    try {
      runMigrations(other);
      addOwners(other, [OWNER]);
      expect(getConversation(other, OWNER, 'conv-a')).toBeUndefined();
      expect(getConversation(db, OWNER, 'conv-a')?.title).toBe('in the first');
    } finally {
      other.$client.close();
    }
  });
});
