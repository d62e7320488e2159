import type { SQL } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from '../schema-pg';

/**
 * PostgreSQL connections (DATABASE_URL=postgres://…): a node-postgres pool, drizzle over it with
 * db/schema-pg.ts, and raw-SQL rows for the dialect's own statements (search).
 */
export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

export interface PgPoolOptions {
  /** Connections in the pool (default 10). */
  max?: number;
  /** Name shown in pg_stat_activity. */
  applicationName?: string;
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;
let parsersSet = false;

/**
 * Counts, sums and ms times come back as JS numbers, as better-sqlite3 gives them, instead of
 * node-postgres' strings. Set on pg's global parsers because drizzle passes its own per-query
 * `types`, which fall back to the global ones. Every value the app stores fits in 2^53.
 */
export function setPgNumberParsers(): void {
  if (parsersSet) return;
  parsersSet = true;
  pg.types.setTypeParser(INT8_OID, (value) => Number(value));
  pg.types.setTypeParser(NUMERIC_OID, (value) => Number(value));
}

/** A pool on `url`; connects lazily, on the first query. */
export function createPgPool(url: string, options: PgPoolOptions = {}): pg.Pool {
  setPgNumberParsers();
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'glm-chat',
    // A query that cannot get a connection fails instead of queueing forever.
    connectionTimeoutMillis: 10_000,
  });
  // An idle connection that dies (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return pool;
}

/** Drizzle with the PostgreSQL schema over a pool (or one checked-out client). */
export function drizzlePg(pool: pg.Pool): PgDb {
  return drizzle({ client: pool, schema });
}

export function openPgDatabase(url: string, options: PgPoolOptions = {}): PgDb {
  return drizzlePg(createPgPool(url, options));
}

export async function closePgDatabase(db: PgDb): Promise<void> {
  await db.$client.end();
}

/** Something that runs a drizzle `sql` statement and gives its rows keyed by column alias. */
export interface SqlRows {
  rows<T extends object>(query: SQL): Promise<T[]>;
}

const dialect = new PgDialect();

/** `rows` on a pool (or a transaction's client): the statement compiled to `$n` parameters. */
export function pgRows(client: Pick<pg.Pool, 'query'>): SqlRows {
  return {
    rows: async <T extends object>(query: SQL) => {
      const built = dialect.sqlToQuery(query);
      const result = await client.query(built.sql, built.params);
      return result.rows as T[];
    },
  };
}

/** True for a postgres:// or postgresql:// URL (DATABASE_URL), which selects this dialect. */
export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//i.test(url);
}
