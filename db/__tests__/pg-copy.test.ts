/**
 * `npm run db:copy`: a real SQLite file copied into a real, empty PostgreSQL database
 * (db/pg/copy.ts), every table compared row by row afterwards.
 */
import Database from 'better-sqlite3';
import { asc } from 'drizzle-orm';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { closePgDatabase, openPgDatabase, type PgDb, pgRows } from '@/db/dialect/pg-client';
import { COPY_TABLES, copySqliteToPostgres } from '@/db/dialect/pg-copy';
import { searchPostgres } from '@/db/dialect/pg-search';
import * as sqliteSchema from '@/db/schema';
import * as pgSchema from '@/db/schema-pg';
import { freshDb } from './fixture';
import { createPgTestDatabase, dropPgTestDatabase, PG_TEST_TIMEOUT } from './pg-fixture';

let sqlite: { file: string; cleanup: () => void };
let target: PgDb;
let targetName: string;

const text = (t: string) => [{ type: 'text' as const, text: t }];

/** An install with a row in every table, written through drizzle on the SQLite schema. */
function seed(): void {
  const client = new Database(sqlite.file);
  const db = drizzle({ client, schema: sqliteSchema });
  try {
    seedRows(db);
  } finally {
    client.close();
  }
}

function seedRows(db: BetterSQLite3Database<typeof sqliteSchema>): void {
  const at = new Date(1_765_000_000_123);
  db.insert(sqliteSchema.session)
    .values({ id: 's1', expiresAt: at, token: 'tok', createdAt: at, updatedAt: at, userId: 'alice' })
    .run();
  db.insert(sqliteSchema.account)
    .values({
      id: 'a1',
      accountId: 'alice',
      providerId: 'credential',
      userId: 'alice',
      password: 'h',
      createdAt: at,
      updatedAt: at,
    })
    .run();
  db.insert(sqliteSchema.verification)
    .values({ id: 'v1', identifier: 'x', value: 'y', expiresAt: at, createdAt: null, updatedAt: null })
    .run();
  db.insert(sqliteSchema.invites)
    .values({
      id: 'i1',
      tokenHash: 'ih',
      createdBy: 'alice',
      createdAt: 5,
      expiresAt: 6,
      usedAt: null,
      usedBy: 'bob',
    })
    .run();
  db.insert(sqliteSchema.appSettings).values({ key: 'auth_secret', value: 'shh' }).run();
  db.insert(sqliteSchema.conversations)
    .values([
      {
        id: 'c1',
        ownerId: 'alice',
        title: '长城的历史',
        pinned: true,
        settings: { temperature: 0.7 },
        createdAt: 10,
        updatedAt: 20,
      },
      {
        id: 'c2',
        ownerId: 'bob',
        title: 'Budget',
        archived: true,
        context: null,
        createdAt: 11,
        updatedAt: 21,
        deletedAt: 30,
      },
    ])
    .run();
  db.insert(sqliteSchema.messages)
    .values([
      {
        id: 'm1',
        conversationId: 'c1',
        role: 'user',
        parts: text('你好'),
        content: '你好',
        createdAt: 12,
        updatedAt: 12,
      },
      {
        id: 'm2',
        conversationId: 'c1',
        parentId: 'm1',
        role: 'assistant',
        parts: text('长城是中国古代的军事防御工程。'),
        metadata: { model: 'glm-4.7-flash' },
        content: '长城是中国古代的军事防御工程。',
        status: 'stopped',
        createdAt: 13,
        updatedAt: 14,
      },
      {
        id: 'm3',
        conversationId: 'c2',
        role: 'user',
        parts: text('q'),
        content: 'q',
        createdAt: 15,
        updatedAt: 15,
      },
    ])
    .run();
  db.update(sqliteSchema.conversations).set({ activeLeafId: 'm2' }).run();
  db.insert(sqliteSchema.shares)
    .values({
      id: 'sh1',
      token: 't',
      tokenHash: 'th',
      conversationId: 'c1',
      ownerId: 'alice',
      leafMessageId: 'm2',
      options: { reasoning: false, tools: true, indexable: false, expiry: '7d' },
      createdAt: 16,
      updatedAt: 16,
      expiresAt: 99,
      viewCount: 3,
    })
    .run();
  db.insert(sqliteSchema.usageEvents)
    .values({
      id: 'u1',
      ownerId: 'alice',
      conversationId: 'c1',
      messageId: 'm2',
      kind: 'answer',
      inputTokens: 100,
      outputTokens: 50,
      inputPico: 3_000_000_000,
      cachedInputPico: 0,
      outputPico: 10,
      createdAt: 17,
    })
    .run();
  db.insert(sqliteSchema.modelPresets)
    .values({
      id: 'p1',
      ownerId: 'alice',
      name: 'Precise',
      settings: { temperature: 0 },
      isDefault: true,
      createdAt: 1,
      updatedAt: 2,
    })
    .run();
  db.insert(sqliteSchema.modelDefaults)
    .values({ ownerId: 'alice', settings: { temperature: 0 }, updatedAt: 3 })
    .run();
}

function orderBy(table: SQLiteTable | PgTable) {
  const columns = table as unknown as Record<string, Parameters<typeof asc>[0]>;
  return asc(columns.pk ?? columns.id ?? columns.key ?? columns.ownerId);
}

beforeEach(async () => {
  sqlite = freshDb({ owners: ['alice', 'bob'], prefix: 'glm-chat-copy-', fileName: 'app.db' });
  const created = await createPgTestDatabase(false);
  targetName = created.name;
  target = openPgDatabase(created.url, { max: 2 });
}, PG_TEST_TIMEOUT);
afterEach(async () => {
  sqlite.cleanup();
  await closePgDatabase(target);
  await dropPgTestDatabase(targetName);
}, PG_TEST_TIMEOUT);

describe('db:copy from SQLite to PostgreSQL', { timeout: PG_TEST_TIMEOUT }, () => {
  it('copies every table with ids, times and JSON kept, and the counts match', async () => {
    seed();
    const report = await copySqliteToPostgres(sqlite.file, target);
    const client = new Database(sqlite.file, { readonly: true });
    onTestFinished(() => {
      client.close();
    });
    const reader = drizzle({ client, schema: sqliteSchema });
    for (const { name, from, to } of COPY_TABLES) {
      const before = reader.select().from(from).orderBy(orderBy(from)).all();
      const after = await target.select().from(to).orderBy(orderBy(to));
      expect(before.length, name).toBeGreaterThan(0);
      expect(after, name).toEqual(before);
      expect(report.rows[name]).toBe(before.length);
    }
  });

  it('leaves search working and new messages numbered after the copied ones', async () => {
    seed();
    await copySqliteToPostgres(sqlite.file, target);
    const hits = await searchPostgres(pgRows(target.$client), 'alice', '长城');
    expect(hits.hits.map((h) => h.messageId)).toEqual([null, 'm2']);
    expect((await searchPostgres(pgRows(target.$client), 'bob', 'q')).hits).toEqual([]); // deleted stays deleted
    const [fresh] = await target
      .insert(pgSchema.messages)
      .values({
        id: 'm4',
        conversationId: 'c1',
        parentId: 'm2',
        role: 'user',
        parts: text('x'),
        content: 'x',
      })
      .returning({ pk: pgSchema.messages.pk });
    expect(fresh.pk).toBe(4);
  });

  it('refuses a database that already holds rows, and writes nothing', async () => {
    seed();
    await copySqliteToPostgres(sqlite.file, target);
    await expect(copySqliteToPostgres(sqlite.file, target)).rejects.toThrow(/not empty/);
    expect(await target.select().from(pgSchema.conversations)).toHaveLength(2);
  });

  it('copies an empty install', async () => {
    const report = await copySqliteToPostgres(sqlite.file, target);
    expect(report.rows.user).toBe(2);
    expect(report.rows.messages).toBe(0);
  });
});
