import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { activateMessage } from '@/db/queries/branches';
import {
  getConversation,
  listConversationPage,
  purgeDeletedConversations,
  restoreConversation,
  setGeneratedTitle,
  softDeleteConversation,
  updateConversation,
} from '@/db/queries/conversations';
import { finishAssistantMessage, getThread, saveUserTurn, startRegeneration } from '@/db/queries/messages';
import { MATCH_END, MATCH_START, searchConversations } from '@/db/queries/search';
import { createShare, findLiveShare, listShares } from '@/db/queries/shares';
import { freshDb } from './fixture';

let db: Db;
let cleanup: () => void;
let counter = 0;

const text = (t: string) => [{ type: 'text' as const, text: t }];

/** A conversation with one question and one finished answer, through the app's own write path. */
function chat(
  ownerId: string,
  question: string,
  answer: string,
  title = question,
): { id: string; answerId: string } {
  counter++;
  const id = `conv-${counter.toString().padStart(4, '0')}`;
  const answerId = `ans-${counter.toString().padStart(4, '0')}`;
  saveUserTurn(db, {
    ownerId,
    conversationId: id,
    userMessage: { id: `usr-${counter.toString().padStart(4, '0')}`, role: 'user', parts: text(question) },
    assistantMessageId: answerId,
    assistantMetadata: {},
    title,
  });
  finishAssistantMessage(db, answerId, text(answer), {}, 'complete');
  return { id, answerId };
}

const plain = (snippet: string) => snippet.replaceAll(MATCH_START, '[').replaceAll(MATCH_END, ']');

beforeEach(() => {
  ({ db, cleanup } = freshDb({ owners: ['alice', 'bob'], prefix: 'glm-chat-search-', fileName: 'app.db' }));
});
afterEach(() => cleanup());

describe('full-text search', () => {
  it('finds an English word in an answer, with the match marked, through the insert and update triggers', () => {
    const { id, answerId } = chat('alice', 'Tell me about birds', 'The albatross glides for hours.');
    const page = searchConversations(db, 'alice', 'albatross');
    const hit = page.hits.find((h) => h.messageId === answerId);
    expect(hit?.conversationId).toBe(id);
    expect(plain(hit?.snippet ?? '')).toContain('[albatross]');
  });

  it('finds Chinese and Japanese phrases of 3+ characters and 2-character words like 你好', () => {
    chat('alice', '请介绍一下长城的历史', '长城是中国古代的军事防御工程。');
    chat('alice', '東京の天気はどうですか', '今日の東京は晴れです。');
    chat('alice', '你好', '你好！有什么可以帮你的吗？');
    expect(searchConversations(db, 'alice', '军事防御').hits.length).toBeGreaterThan(0);
    expect(searchConversations(db, 'alice', '東京は晴れ').hits.length).toBeGreaterThan(0);
    const hello = searchConversations(db, 'alice', '你好');
    expect(hello.hits.some((h) => h.messageId !== null && plain(h.snippet).includes('[你好]'))).toBe(true);
    expect(searchConversations(db, 'alice', '한국어').hits).toEqual([]);
  });

  it('treats FTS syntax in the query as text, never as an error', () => {
    chat('alice', 'quotes "and" stars*', 'NEAR(a b) AND OR NOT col:value');
    for (const q of [
      '"',
      '*',
      'NEAR(',
      'a OR',
      'col:value',
      "'; drop table messages; --",
      '%',
      '_',
      '\\',
      '(',
    ]) {
      expect(() => searchConversations(db, 'alice', q)).not.toThrow();
    }
    expect(searchConversations(db, 'alice', 'col:value').hits.length).toBeGreaterThan(0);
    expect(searchConversations(db, 'alice', '%').hits).toEqual([]);
  });

  it('only searches the owner’s conversations, and never deleted ones', () => {
    const mine = chat('alice', 'secret zeppelin plans', 'ok');
    chat('bob', 'bob has zeppelin plans too', 'ok');
    expect(searchConversations(db, 'bob', 'zeppelin').hits.every((h) => h.conversationId !== mine.id)).toBe(
      true,
    );
    expect(searchConversations(db, 'alice', 'zeppelin').hits.map((h) => h.conversationId)).toContain(mine.id);
    softDeleteConversation(db, 'alice', mine.id);
    expect(searchConversations(db, 'alice', 'zeppelin').hits).toEqual([]);
  });

  it('keeps the index current when messages are deleted with their conversation', () => {
    const gone = chat('alice', 'ephemeral marmalade', 'ok');
    softDeleteConversation(db, 'alice', gone.id, 1);
    expect(purgeDeletedConversations(db, 2)).toBe(1);
    const rows = db.$client
      .prepare(`select rowid from messages_fts where messages_fts match '"marmalade"'`)
      .all();
    expect(rows).toEqual([]);
    const titles = db.$client
      .prepare(`select * from conversation_titles_fts where conversation_titles_fts match '"marmalade"'`)
      .all();
    expect(titles).toEqual([]);
  });

  it('finds titles, after a rename too', () => {
    const { id } = chat('alice', 'q', 'a', 'Original heading');
    updateConversation(db, 'alice', id, { title: 'Quarterly budget review' });
    const hits = searchConversations(db, 'alice', 'budget').hits;
    expect(hits[0]).toMatchObject({ conversationId: id, messageId: null });
    expect(searchConversations(db, 'alice', 'Original').hits).toEqual([]);
  });

  it('pages results newest first and narrows by pinned and archived', () => {
    const ids = Array.from({ length: 25 }, (_, i) => chat('alice', `walrus number ${i}`, 'ok', `t${i}`).id);
    const first = searchConversations(db, 'alice', 'walrus', { limit: 10 });
    expect(first.hits).toHaveLength(10);
    expect(first.hits[0].conversationId).toBe(ids[24]);
    const second = searchConversations(db, 'alice', 'walrus', { limit: 10, cursor: first.nextCursor });
    expect(second.hits[0].conversationId).toBe(ids[14]);
    const third = searchConversations(db, 'alice', 'walrus', { limit: 10, cursor: second.nextCursor });
    expect(third.hits).toHaveLength(5);
    expect(third.nextCursor).toBeNull();

    updateConversation(db, 'alice', ids[3], { pinned: true });
    updateConversation(db, 'alice', ids[4], { archived: true });
    expect(
      searchConversations(db, 'alice', 'walrus', { filters: { pinned: true } }).hits.map(
        (h) => h.conversationId,
      ),
    ).toEqual([ids[3]]);
    expect(
      searchConversations(db, 'alice', 'walrus', { filters: { archived: true } }).hits.map(
        (h) => h.conversationId,
      ),
    ).toEqual([ids[4]]);
  });
});

describe('sidebar pages and organisation', () => {
  it('pages with a keyset cursor: pinned first, then newest, no row twice or missed', () => {
    const ids: string[] = [];
    for (let i = 0; i < 23; i++) ids.push(chat('alice', `q${i}`, 'a').id);
    chat('bob', 'not alice', 'a');
    // Same updated_at for many rows: the id breaks ties.
    db.$client.prepare(`update conversations set updated_at = 1000 where owner_id = 'alice'`).run();
    updateConversation(db, 'alice', ids[5], { pinned: true });
    const seen: string[] = [];
    let cursor = null;
    do {
      const page = listConversationPage(db, 'alice', { cursor, limit: 7 });
      seen.push(...page.conversations.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
    expect(seen[0]).toBe(ids[5]);
    expect(seen.slice(1)).toEqual(ids.filter((id) => id !== ids[5]).reverse());
  });

  it('archived conversations leave the list for the archived view', () => {
    const { id } = chat('alice', 'q', 'a');
    updateConversation(db, 'alice', id, { archived: true });
    expect(listConversationPage(db, 'alice').conversations.map((c) => c.id)).not.toContain(id);
    expect(listConversationPage(db, 'alice', { archived: true }).conversations.map((c) => c.id)).toEqual([
      id,
    ]);
  });

  it('a deleted conversation is gone everywhere until restored; another owner cannot touch it', () => {
    const { id } = chat('alice', 'q', 'a');
    expect(softDeleteConversation(db, 'bob', id)).toBe(false);
    expect(softDeleteConversation(db, 'alice', id)).toBe(true);
    expect(getConversation(db, 'alice', id)).toBeUndefined();
    expect(getThread(db, 'alice', id)).toBeUndefined();
    expect(listConversationPage(db, 'alice').conversations).toEqual([]);
    expect(restoreConversation(db, 'bob', id)).toBeUndefined();
    expect(restoreConversation(db, 'alice', id)?.id).toBe(id);
    expect(getThread(db, 'alice', id)).toHaveLength(2);
  });

  it('a deleted conversation’s shared link is dead at once and off the Shared links list', () => {
    const { id } = chat('alice', 'shared question', 'shared answer');
    createShare(db, {
      id: 'share-0001',
      token: 'tok',
      tokenHash: 'hash-0001',
      ownerId: 'alice',
      conversationId: id,
      options: { reasoning: true, tools: true, indexable: false, expiry: 'never' },
      expiresAt: null,
      now: Date.now(),
    });
    expect(findLiveShare(db, 'hash-0001')?.conversationId).toBe(id);
    expect(
      searchConversations(db, 'alice', 'shared', { filters: { shared: true } }).hits.length,
    ).toBeGreaterThan(0);
    softDeleteConversation(db, 'alice', id);
    expect(findLiveShare(db, 'hash-0001')).toBeUndefined();
    expect(listShares(db, 'alice')).toEqual([]);
    restoreConversation(db, 'alice', id);
    expect(findLiveShare(db, 'hash-0001')?.conversationId).toBe(id);
  });

  it('a generated title never replaces a rename', () => {
    const first = chat('alice', 'q', 'a');
    expect(setGeneratedTitle(db, 'alice', first.id, 'Generated')).toBe(true);
    expect(getConversation(db, 'alice', first.id)?.titleSource).toBe('generated');
    const second = chat('alice', 'q', 'a');
    updateConversation(db, 'alice', second.id, { title: 'Mine' });
    expect(setGeneratedTitle(db, 'alice', second.id, 'Generated')).toBe(false);
    expect(getConversation(db, 'alice', second.id)?.title).toBe('Mine');
    expect(setGeneratedTitle(db, 'bob', first.id, 'x')).toBe(false);
  });
});

describe('activateMessage', () => {
  it('makes the newest leaf under the message the active branch, owner-scoped', () => {
    const { id, answerId } = chat('alice', 'q', 'first answer');
    startRegeneration(db, {
      ownerId: 'alice',
      conversationId: id,
      messageId: answerId,
      assistantMessageId: 'ans-regen-1',
      assistantMetadata: {},
    });
    finishAssistantMessage(db, 'ans-regen-1', text('second answer'), {}, 'complete');
    expect(getThread(db, 'alice', id)?.at(-1)?.id).toBe('ans-regen-1');
    expect(activateMessage(db, 'alice', id, answerId)).toBe(answerId);
    expect(getThread(db, 'alice', id)?.at(-1)?.id).toBe(answerId);
    // From the question, the newest leaf below it wins.
    const question = getThread(db, 'alice', id)?.[0]?.id ?? '';
    expect(activateMessage(db, 'alice', id, question)).toBe('ans-regen-1');
    expect(() => activateMessage(db, 'bob', id, answerId)).toThrow(/not found/i);
    expect(() => activateMessage(db, 'alice', id, 'nope-nope')).toThrow(/not found/i);
  });
});
