import type { AnyColumn, SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { type PgDb, pgRows, type SqlRows } from './pg-client';
import { pgAppliedMigrations, pgMigrationsFolder } from './pg-migrate';

/**
 * The PostgreSQL pieces of the shared database handle (db/dialect/types.ts `Db`): the SQL fragments
 * spelled differently than on SQLite, raw rows in a transaction and the readiness checks. The handle
 * itself (db/dialect/pg.ts) puts them together with the drizzle instance and the tables.
 */

/** The SQL fragments whose spelling differs per dialect, giving the same values as SQLite's. */
export const pgDialectSql = {
  /** As SQLite's `date(ms / 1000 + offset * 60, 'unixepoch')`: integer seconds, then the UTC day. */
  localDay: (ms: AnyColumn, offsetMinutes: number): SQL<string> =>
    sql<string>`to_char(to_timestamp(${ms} / 1000 + ${offsetMinutes * 60}) at time zone 'UTC', 'YYYY-MM-DD')`,
  /** As SQLite's `json_set(column, '$.key', value)` with a string value. */
  jsonWithString: (column: AnyColumn, key: string, value: string): SQL =>
    sql`jsonb_set(${column}, ${`{${key}}`}::text[], to_jsonb(${value}::text))`,
};

type PgTx = Parameters<Parameters<PgDb['transaction']>[0]>[0];

/** Raw rows on a transaction's connection (drizzle's `execute` inside the transaction). */
export function pgTxRows(tx: Pick<PgTx, 'execute'>): SqlRows {
  return {
    rows: async <T extends object>(query: SQL) => (await tx.execute(query)).rows as T[],
  };
}

export { pgRows };

const PROBE_TABLE = '__glm_chat_readiness_probe';

/** What readiness asks of the database, on PostgreSQL. */
export function pgHealth(pool: pg.Pool) {
  return {
    migrationsFolder: pgMigrationsFolder(),
    ping: async (): Promise<void> => {
      await pool.query('select 1');
    },
    /** Creates a table and writes a row in a transaction, then rolls it back (fails on a read-only standby). */
    probeWrite: async (): Promise<void> => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query(`create table ${PROBE_TABLE} (at bigint not null)`);
        await client.query(`insert into ${PROBE_TABLE} (at) values ($1)`, [Date.now()]);
      } finally {
        await client.query('rollback').catch(() => undefined);
        client.release();
      }
    },
    appliedMigrations: () => pgAppliedMigrations(pool),
  };
}
