import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type AnyColumn, asc, count, getTableName, sql } from 'drizzle-orm';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as lite from '../schema';
import * as pgs from '../schema-pg';
import type { PgDb } from './pg-client';
import { runPgMigrations } from './pg-migrate';

/** A table in both dialects (same export name, same JS property names). */
export interface TablePair {
  /** The SQL name of the table. */
  name: string;
  from: SQLiteTable;
  to: PgTable;
  /** The column rows are read in order of: messages by pk, so parents come before their children. */
  order: AnyColumn;
}

const pair = (from: SQLiteTable, to: PgTable, order: AnyColumn): TablePair => ({
  name: getTableName(from),
  from,
  to,
  order,
});

/** Every table, parents before children (foreign keys). */
export const COPY_TABLES: readonly TablePair[] = [
  pair(lite.user, pgs.user, lite.user.id),
  pair(lite.session, pgs.session, lite.session.id),
  pair(lite.account, pgs.account, lite.account.id),
  pair(lite.verification, pgs.verification, lite.verification.id),
  pair(lite.invites, pgs.invites, lite.invites.id),
  pair(lite.appSettings, pgs.appSettings, lite.appSettings.key),
  pair(lite.conversations, pgs.conversations, lite.conversations.id),
  pair(lite.messages, pgs.messages, lite.messages.pk),
  pair(lite.shares, pgs.shares, lite.shares.id),
  pair(lite.usageEvents, pgs.usageEvents, lite.usageEvents.id),
  pair(lite.modelPresets, pgs.modelPresets, lite.modelPresets.id),
  pair(lite.modelDefaults, pgs.modelDefaults, lite.modelDefaults.ownerId),
];

/** Rows read and written per round trip (PostgreSQL takes at most 65,535 parameters per statement). */
const BATCH = 250;

export interface CopyReport {
  /** Rows per table (by its SQL name), the same on both sides. */
  rows: Record<string, number>;
  ms: number;
}

/** The copy refused or failed its check; nothing was written to PostgreSQL. */
export class CopyError extends Error {
  readonly code = 'db_copy_failed';
}

type Source = BetterSQLite3Database<typeof lite>;

/** The SQLite file must be at the current schema: the app migrates it at boot, the copy does not. */
function assertCurrent(client: Database.Database, file: string): void {
  const journal = JSON.parse(
    fs.readFileSync(path.join(process.cwd(), 'drizzle', 'meta', '_journal.json'), 'utf8'),
  ) as { entries: unknown[] };
  let applied = 0;
  try {
    applied = (client.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n;
  } catch {
    applied = 0;
  }
  if (applied !== journal.entries.length)
    throw new CopyError(
      `${file} has ${applied} of ${journal.entries.length} migrations applied: start this version of the app on it once (it migrates at boot), stop it, then copy.`,
    );
}

async function assertEmpty(tx: Pick<PgDb, 'select'>): Promise<void> {
  for (const { to, name } of COPY_TABLES) {
    const [{ n }] = await tx.select({ n: count() }).from(to);
    if (n > 0)
      throw new CopyError(
        `The PostgreSQL database is not empty (table "${name}" has ${n} rows). Copy into a new, empty database.`,
      );
  }
}

/**
 * Copies every table of the SQLite database into an empty PostgreSQL one, in one transaction:
 * ids, times and JSON as they are, messages.pk kept (and its identity moved past the largest), then
 * the row counts compared. The search indexes (pg_trgm) are built as the rows go in.
 * The PostgreSQL database is migrated first; anything in it other than an empty schema is refused.
 * The SQLite file is opened read-only and must be at the current schema.
 */
export async function copySqliteToPostgres(file: string, target: PgDb): Promise<CopyReport> {
  const started = Date.now();
  if (!fs.existsSync(file)) throw new CopyError(`No SQLite database at ${file}.`);
  const client = new Database(file, { readonly: true, fileMustExist: true });
  try {
    assertCurrent(client, file);
    await runPgMigrations(target.$client);
    const rows = await copyTables(drizzle({ client, schema: lite }), target);
    await target.execute(sql`analyze`);
    return { rows, ms: Date.now() - started };
  } finally {
    client.close();
  }
}

async function copyTables(source: Source, target: PgDb): Promise<Record<string, number>> {
  const rows: Record<string, number> = {};
  await target.transaction(async (tx) => {
    await assertEmpty(tx);
    for (const { from, to, name, order } of COPY_TABLES) {
      let copied = 0;
      for (let offset = 0; ; offset += BATCH) {
        const batch = source.select().from(from).orderBy(asc(order)).limit(BATCH).offset(offset).all();
        if (batch.length === 0) break;
        await tx.insert(to).values(batch);
        copied += batch.length;
        if (batch.length < BATCH) break;
      }
      const [{ n: expected }] = source.select({ n: count() }).from(from).all();
      const [{ n: actual }] = await tx.select({ n: count() }).from(to);
      if (actual !== expected || copied !== expected)
        throw new CopyError(
          `Table "${name}": ${expected} rows in SQLite, ${actual} copied. Nothing was kept.`,
        );
      rows[name] = actual;
    }
    // New messages continue after the copied keys.
    await tx.execute(
      sql`select setval(pg_get_serial_sequence('messages', 'pk'), coalesce(max(pk), 1), max(pk) is not null) from messages`,
    );
  });
  return rows;
}
