/** The PostgreSQL handle (db/dialect/pg-handle.ts): migrated on open, transactions, rows, search. */
import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openPgHandle, type PgHandle } from '@/db/dialect/pg-handle';
import pgJournal from '../../drizzle/pg/meta/_journal.json';
import { createPgTestDatabase, dropPgTestDatabase, PG_TEST_TIMEOUT } from './pg-fixture';

let handle: PgHandle | undefined;
let name: string | undefined;
afterEach(async () => {
  await handle?.close();
  if (name) await dropPgTestDatabase(name);
  handle = undefined;
  name = undefined;
}, PG_TEST_TIMEOUT);

async function open(): Promise<PgHandle> {
  const created = await createPgTestDatabase(false);
  name = created.name;
  handle = await openPgHandle(created.url, { max: 3 });
  return handle;
}

describe('the PostgreSQL handle', { timeout: PG_TEST_TIMEOUT }, () => {
  it('migrates an empty database when opened, and searches through the dialect', async () => {
    const db = await open();
    const now = new Date();
    const { user, conversations, messages } = db.tables;
    await db.orm
      .insert(user)
      .values({ id: 'alice', name: 'a', email: 'a@x.test', createdAt: now, updatedAt: now });
    await db.orm.insert(conversations).values({ id: 'c1', ownerId: 'alice', title: '长城' });
    await db.orm
      .insert(messages)
      .values({ id: 'm1', conversationId: 'c1', role: 'user', parts: [], content: '军事防御工程' });
    const page = await db.search('alice', '防御');
    expect(page.hits.map((h) => h.messageId)).toEqual(['m1']);
    // Every migration of the journal, once.
    expect(await db.health.appliedMigrations()).toHaveLength(pgJournal.entries.length);
  });

  it('commits a transaction, rolls one back, and a nested one joins the outer', async () => {
    const db = await open();
    const now = new Date();
    const { user } = db.tables;
    await db.transaction(async (tx) => {
      await tx.orm
        .insert(user)
        .values({ id: 'u1', name: 'a', email: 'u1@x.test', createdAt: now, updatedAt: now });
      await tx.transaction(async (inner) => {
        expect(inner).toBe(tx);
        await inner.orm.update(user).set({ name: 'b' }).where(eq(user.id, 'u1'));
      });
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.orm
          .insert(user)
          .values({ id: 'u2', name: 'a', email: 'u2@x.test', createdAt: now, updatedAt: now });
        expect(await tx.rows<{ n: number }>(sql`select count(*) as n from "user"`)).toEqual([{ n: 2 }]);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await db.orm.select({ id: user.id, name: user.name }).from(user)).toEqual([
      { id: 'u1', name: 'b' },
    ]);
  });
});
