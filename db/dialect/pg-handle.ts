import type { SQL } from 'drizzle-orm';
import type { SearchPage } from '../queries/search';
import * as pgs from '../schema-pg';
import { createPgPool, drizzlePg, type PgDb, type PgPoolOptions, pgRows } from './pg-client';
import { runPgMigrations } from './pg-migrate';
import { pgDialectSql, pgHealth, pgTxRows } from './pg-parts';
import { type PgSearchOptions, searchPostgres } from './pg-search';

type PgTx = Parameters<Parameters<PgDb['transaction']>[0]>[0];

/** The PostgreSQL tables, by the names db/dialect/types.ts `Tables` picks. */
export const pgTables = {
  user: pgs.user,
  session: pgs.session,
  account: pgs.account,
  verification: pgs.verification,
  invites: pgs.invites,
  appSettings: pgs.appSettings,
  conversations: pgs.conversations,
  messages: pgs.messages,
  shares: pgs.shares,
  usageEvents: pgs.usageEvents,
  modelPresets: pgs.modelPresets,
  modelDefaults: pgs.modelDefaults,
};

/**
 * The shared database handle on PostgreSQL, shaped as db/dialect/types.ts `Db` (its `orm` is
 * drizzle's PostgreSQL database, or the open transaction). db/dialect/pg.ts casts it to `Db`.
 */
export interface PgHandle {
  readonly dialect: 'postgres';
  readonly orm: PgDb | PgTx;
  readonly tables: typeof pgTables;
  readonly sql: typeof pgDialectSql;
  /** One transaction; a transaction inside it joins it (as on SQLite). */
  transaction<T>(fn: (tx: PgHandle) => Promise<T>): Promise<T>;
  rows<T extends object>(query: SQL): Promise<T[]>;
  search(ownerId: string, query: string, options?: PgSearchOptions): Promise<SearchPage>;
  readonly health: ReturnType<typeof pgHealth>;
  close(): Promise<void>;
}

function handleOn(db: PgDb, orm: PgDb | PgTx, inTransaction: boolean): PgHandle {
  const rows = inTransaction ? pgTxRows(orm) : pgRows(db.$client);
  const handle: PgHandle = {
    dialect: 'postgres',
    orm,
    tables: pgTables,
    sql: pgDialectSql,
    transaction: (fn) => (inTransaction ? fn(handle) : db.transaction((tx) => fn(handleOn(db, tx, true)))),
    rows: (query) => rows.rows(query),
    search: (ownerId, query, options) => searchPostgres(rows, ownerId, query, options),
    health: pgHealth(db.$client),
    close: () => db.$client.end(),
  };
  return handle;
}

/** Opens a pool on `url`, applies pending migrations (under the advisory lock), returns the handle. */
export async function openPgHandle(url: string, options: PgPoolOptions = {}): Promise<PgHandle> {
  const pool = createPgPool(url, options);
  try {
    await runPgMigrations(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const db = drizzlePg(pool);
  return handleOn(db, db, false);
}
