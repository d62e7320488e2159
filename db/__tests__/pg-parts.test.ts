/** The PostgreSQL pieces of the shared handle (db/dialect/pg-parts.ts), against SQLite's spelling. */
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pgRows } from '@/db/dialect/pg-client';
import { pgDialectSql, pgHealth, pgTxRows } from '@/db/dialect/pg-parts';
import { conversations } from '@/db/schema-pg';
import { type FreshPgDb, freshPgDb, PG_TEST_TIMEOUT } from './pg-fixture';

let fresh: FreshPgDb;
beforeEach(async () => {
  fresh = await freshPgDb({ owners: ['alice'] });
}, PG_TEST_TIMEOUT);
afterEach(() => fresh.cleanup(), PG_TEST_TIMEOUT);

describe('PostgreSQL dialect pieces', { timeout: PG_TEST_TIMEOUT }, () => {
  it('localDay gives the calendar day SQLite gives, for times and offsets on both sides of midnight', async () => {
    await fresh.db.insert(conversations).values({ id: 'c0', ownerId: 'alice' });
    const sqlite = new Database(':memory:');
    try {
      const cases = [
        [0, 0],
        [1_765_151_999_999, 0],
        [1_765_152_000_000, 0],
        [1_765_152_000_000, -60],
        [1_765_130_400_000, 600],
        [1_765_130_400_000, -330],
      ] as const;
      for (const [ms, offset] of cases) {
        const expected = (
          sqlite.prepare(`select date(? / 1000 + ?, 'unixepoch') as day`).get(ms, offset * 60) as {
            day: string;
          }
        ).day;
        await fresh.db.update(conversations).set({ createdAt: ms });
        const [row] = await pgRows(fresh.db.$client).rows<{ day: string }>(
          sql`select ${pgDialectSql.localDay(conversations.createdAt, offset)} as day from ${conversations}`,
        );
        expect(row.day, `${ms} ${offset}`).toBe(expected);
      }
    } finally {
      sqlite.close();
    }
  });

  it('jsonWithString sets one string key and keeps the others', async () => {
    await fresh.db
      .insert(conversations)
      .values({ id: 'c1', ownerId: 'alice', settings: { a: 1, model: 'x' } });
    await fresh.db
      .update(conversations)
      .set({ settings: pgDialectSql.jsonWithString(conversations.settings, 'model', 'glm-4.7-flash') });
    const [row] = await fresh.db.select().from(conversations);
    expect(row.settings).toEqual({ a: 1, model: 'glm-4.7-flash' });
  });

  it('rows inside a transaction see its writes; a rollback leaves nothing', async () => {
    await expect(
      fresh.db.transaction(async (tx) => {
        await tx.insert(conversations).values({ id: 'c2', ownerId: 'alice' });
        const seen = await pgTxRows(tx).rows<{ id: string }>(sql`select id from conversations`);
        expect(seen.map((r) => r.id)).toEqual(['c2']);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await fresh.db.select().from(conversations)).toEqual([]);
  });

  it('readiness: ping, a write probe that leaves nothing, the applied migrations', async () => {
    const health = pgHealth(fresh.db.$client);
    await health.ping();
    await health.probeWrite();
    const { rows } = await fresh.db.$client.query(`select to_regclass('__glm_chat_readiness_probe') as t`);
    expect(rows[0].t).toBeNull();
    const applied = await health.appliedMigrations();
    expect(applied.length).toBeGreaterThanOrEqual(2);
    expect([...applied].sort((a, b) => a - b)).toEqual(applied);
  });
});
