/**
 * PostgreSQL search (db/pg/search.ts) on the run's real PostgreSQL server, with the cases of the
 * SQLite search tests (sidebar-search.test.ts). Rows are written with drizzle on db/schema-pg.ts.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type PgDb, pgRows } from '@/db/dialect/pg-client';
import { type PgSearchOptions, searchPostgres } from '@/db/dialect/pg-search';
import { MATCH_END, MATCH_START } from '@/db/queries/search-markers';
import { conversations, messages, shares } from '@/db/schema-pg';
import { freshPgDb, PG_TEST_TIMEOUT } from './pg-fixture';

let db: PgDb;
let cleanup: () => Promise<void>;
let counter = 0;
let clock = 1_000_000;
/** A moment 10 ms after the last one: writes are ordered as the app's are. */
const tick = () => {
  clock += 10;
  return clock;
};

const text = (t: string) => [{ type: 'text' as const, text: t }];
const pad = (n: number) => n.toString().padStart(4, '0');

/** A conversation with one question and one finished answer, each write a moment after the last. */
async function chat(ownerId: string, question: string, answer: string, title = question) {
  counter++;
  const id = `conv-${pad(counter)}`;
  const answerId = `ans-${pad(counter)}`;
  const at = tick();
  await db.insert(conversations).values({ id, ownerId, title, createdAt: at, updatedAt: at + 1 });
  await db.insert(messages).values([
    {
      id: `usr-${pad(counter)}`,
      conversationId: id,
      role: 'user',
      parts: text(question),
      content: question,
      createdAt: at,
    },
    {
      id: answerId,
      conversationId: id,
      parentId: `usr-${pad(counter)}`,
      role: 'assistant',
      parts: text(answer),
      content: answer,
      createdAt: at + 1,
    },
  ]);
  await db.update(conversations).set({ activeLeafId: answerId }).where(eq(conversations.id, id));
  return { id, answerId };
}

const update = (ownerId: string, id: string, values: Partial<typeof conversations.$inferInsert>) =>
  db
    .update(conversations)
    .set({ ...values, updatedAt: tick() })
    .where(and(eq(conversations.ownerId, ownerId), eq(conversations.id, id)));

const search = (ownerId: string, query: string, options?: PgSearchOptions) =>
  searchPostgres(pgRows(db.$client), ownerId, query, options);

const plain = (snippet: string) => snippet.replaceAll(MATCH_START, '[').replaceAll(MATCH_END, ']');

beforeEach(async () => {
  ({ db, cleanup } = await freshPgDb({ owners: ['alice', 'bob'] }));
}, PG_TEST_TIMEOUT);
afterEach(() => cleanup(), PG_TEST_TIMEOUT);

describe('full-text search on PostgreSQL', { timeout: PG_TEST_TIMEOUT }, () => {
  it('finds an English word in an answer, with the match marked', async () => {
    const { id, answerId } = await chat('alice', 'Tell me about birds', 'The albatross glides for hours.');
    const hit = (await search('alice', 'albatross')).hits.find((h) => h.messageId === answerId);
    expect(hit?.conversationId).toBe(id);
    expect(hit?.role).toBe('assistant');
    expect(plain(hit?.snippet ?? '')).toContain('[albatross]');
  });

  it('matches case-insensitively and marks the text as written', async () => {
    const { answerId } = await chat('alice', 'q', 'The Albatross glides.');
    const hit = (await search('alice', 'ALBATROSS')).hits.find((h) => h.messageId === answerId);
    expect(plain(hit?.snippet ?? '')).toContain('[Albatross]');
  });

  it('finds Chinese and Japanese phrases of 3+ characters and 1–2 character words like 你好', async () => {
    await chat('alice', '请介绍一下长城的历史', '长城是中国古代的军事防御工程。');
    await chat('alice', '東京の天気はどうですか', '今日の東京は晴れです。');
    await chat('alice', '你好', '你好！有什么可以帮你的吗？');
    expect((await search('alice', '军事防御')).hits.length).toBeGreaterThan(0);
    expect((await search('alice', '東京は晴れ')).hits.length).toBeGreaterThan(0);
    const hello = await search('alice', '你好');
    expect(hello.hits.some((h) => h.messageId !== null && plain(h.snippet).includes('[你好]'))).toBe(true);
    const wall = await search('alice', '城');
    expect(wall.hits.some((h) => h.messageId !== null && plain(h.snippet).includes('长[城]'))).toBe(true);
    expect((await search('alice', '한국어')).hits).toEqual([]);
  });

  it('finds Korean words, one and two syllables too', async () => {
    await chat('alice', '한국어 공부', '서울은 한국의 수도입니다.');
    expect((await search('alice', '한국의 수도')).hits.length).toBeGreaterThan(0);
    expect((await search('alice', '서울')).hits.length).toBeGreaterThan(0);
    expect((await search('alice', '울')).hits.length).toBeGreaterThan(0);
  });

  it('treats query syntax as text, never as an error', async () => {
    await chat('alice', 'quotes "and" stars*', 'NEAR(a b) AND OR NOT col:value');
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
      await expect(search('alice', q)).resolves.toBeDefined();
    }
    expect((await search('alice', 'col:value')).hits.length).toBeGreaterThan(0);
    expect((await search('alice', 'NEAR(a')).hits.length).toBeGreaterThan(0);
    expect((await search('alice', '"and"')).hits.length).toBeGreaterThan(0);
    expect((await search('alice', 'stars*')).hits.length).toBeGreaterThan(0);
    expect((await search('alice', '%')).hits).toEqual([]);
    expect((await search('alice', '_')).hits).toEqual([]);
    expect((await search('alice', 'AND OR')).hits.length).toBeGreaterThan(0);
    expect((await search('alice', 'OR XYZZY')).hits).toEqual([]);
  });

  it('needs every term, anywhere in the message', async () => {
    const { answerId } = await chat('alice', 'q', 'red apples and green pears');
    expect((await search('alice', 'pears red')).hits.map((h) => h.messageId)).toEqual([answerId]);
    expect((await search('alice', 'pears blue')).hits).toEqual([]);
  });

  it('only searches the owner’s conversations, and never deleted ones', async () => {
    const mine = await chat('alice', 'secret zeppelin plans', 'ok');
    await chat('bob', 'bob has zeppelin plans too', 'ok');
    expect((await search('bob', 'zeppelin')).hits.every((h) => h.conversationId !== mine.id)).toBe(true);
    expect((await search('alice', 'zeppelin')).hits.map((h) => h.conversationId)).toContain(mine.id);
    await update('alice', mine.id, { deletedAt: Date.now() });
    expect((await search('alice', 'zeppelin')).hits).toEqual([]);
  });

  it('forgets messages deleted with their conversation', async () => {
    const gone = await chat('alice', 'ephemeral marmalade', 'ok');
    await db.delete(conversations).where(eq(conversations.id, gone.id));
    expect((await search('alice', 'marmalade')).hits).toEqual([]);
    expect((await search('alice', 'ma')).hits).toEqual([]);
  });

  it('finds titles, after a rename too', async () => {
    const { id } = await chat('alice', 'q', 'a', 'Original heading');
    await update('alice', id, { title: 'Quarterly budget review' });
    const hits = (await search('alice', 'budget')).hits;
    expect(hits[0]).toMatchObject({ conversationId: id, messageId: null, role: null });
    expect(plain(hits[0].snippet)).toBe('Quarterly [budget] review');
    expect((await search('alice', 'Original')).hits).toEqual([]);
  });

  it('pages results newest first and narrows by pinned and archived', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push((await chat('alice', `walrus number ${i}`, 'ok', `t${i}`)).id);
    const first = await search('alice', 'walrus', { limit: 10 });
    expect(first.hits).toHaveLength(10);
    expect(first.hits[0].conversationId).toBe(ids[24]);
    const second = await search('alice', 'walrus', { limit: 10, cursor: first.nextCursor });
    expect(second.hits[0].conversationId).toBe(ids[14]);
    const third = await search('alice', 'walrus', { limit: 10, cursor: second.nextCursor });
    expect(third.hits).toHaveLength(5);
    expect(third.nextCursor).toBeNull();

    await update('alice', ids[3], { pinned: true });
    await update('alice', ids[4], { archived: true });
    const pinned = await search('alice', 'walrus', { filters: { pinned: true } });
    expect(pinned.hits.map((h) => h.conversationId)).toEqual([ids[3]]);
    const archived = await search('alice', 'walrus', { filters: { archived: true } });
    expect(archived.hits.map((h) => h.conversationId)).toEqual([ids[4]]);
  });

  it('finds matches on every branch, not only the active one', async () => {
    const { id, answerId } = await chat('alice', 'q', 'first answer about otters');
    await db.insert(messages).values({
      id: 'ans-regen',
      conversationId: id,
      parentId: `usr-${answerId.slice(4)}`,
      role: 'assistant',
      parts: text('second answer about beavers'),
      content: 'second answer about beavers',
    });
    await update('alice', id, { activeLeafId: 'ans-regen' });
    expect((await search('alice', 'otters')).hits.map((h) => h.messageId)).toEqual([answerId]);
    expect((await search('alice', 'beavers')).hits.map((h) => h.messageId)).toEqual(['ans-regen']);
  });

  it('narrows to conversations with a live shared link', async () => {
    const shared = await chat('alice', 'shared question', 'shared answer');
    const expired = await chat('alice', 'shared but expired', 'x');
    await chat('alice', 'shared never', 'x');
    const link = (id: string, conversationId: string, leafMessageId: string, expiresAt: number | null) =>
      db.insert(shares).values({
        id,
        token: `tok-${id}`,
        tokenHash: `hash-${id}`,
        conversationId,
        ownerId: 'alice',
        leafMessageId,
        options: { reasoning: true, tools: true, indexable: false, expiry: 'never' },
        expiresAt,
      });
    await link('s1', shared.id, shared.answerId, null);
    await link('s2', expired.id, expired.answerId, Date.now() - 1000);
    const hits = (await search('alice', 'shared', { filters: { shared: true } })).hits;
    expect(new Set(hits.map((h) => h.conversationId))).toEqual(new Set([shared.id]));
  });

  it('uses the trigram indexes for terms of 3+ characters', async () => {
    await chat('alice', 'q', 'indexed words');
    const client = await db.$client.connect();
    try {
      await client.query('begin');
      await client.query('set local enable_seqscan = off');
      const plan = await client.query<{ 'QUERY PLAN': string }>(
        `explain select pk from messages where content ilike '%长城是%'`,
      );
      const titlePlan = await client.query<{ 'QUERY PLAN': string }>(
        `explain select id from conversations where title ilike '%budget%'`,
      );
      await client.query('rollback');
      expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('messages_content_trgm_idx');
      expect(titlePlan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('conversations_title_trgm_idx');
    } finally {
      client.release();
    }
  });

  it('cuts long messages to a window around the first match', async () => {
    const long = `${'lorem ipsum '.repeat(200)}needle here${' dolor sit'.repeat(200)}`;
    await chat('alice', 'q', long);
    const hit = (await search('alice', 'needle')).hits.find((h) => h.messageId !== null);
    const snippet = plain(hit?.snippet ?? '');
    expect(snippet).toContain('[needle] here');
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet.length).toBeLessThan(120);
  });

  it('reads back times and JSON as the SQLite schema gives them', async () => {
    const { id } = await chat('alice', 'q', 'a');
    const [row] = await db.select().from(conversations).where(eq(conversations.id, id));
    expect(typeof row.updatedAt).toBe('number');
    expect(row.settings).toEqual({});
    expect(row.pinned).toBe(false);
    const [count] = (await db.execute<{ n: number }>(sql`select count(*) as n from messages`)).rows;
    expect(count.n).toBe(2);
  });
});
