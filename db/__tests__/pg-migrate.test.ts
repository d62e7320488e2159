/** The PostgreSQL migrator (db/pg/migrate.ts) on the run's real server: replicas that boot together. */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { closePgDatabase, openPgDatabase, type PgDb } from '@/db/dialect/pg-client';
import { MIGRATION_LOCK_KEY, pgMigrationsFolder, runPgMigrations } from '@/db/dialect/pg-migrate';
import { createPgTestDatabase, dropPgTestDatabase, PG_TEST_TIMEOUT } from './pg-fixture';

const journal = JSON.parse(
  fs.readFileSync(path.join(pgMigrationsFolder(), 'meta', '_journal.json'), 'utf8'),
) as {
  entries: unknown[];
};

const opened: PgDb[] = [];
const created: string[] = [];

async function emptyDatabase(): Promise<string> {
  const { name, url } = await createPgTestDatabase(false);
  created.push(name);
  return url;
}

function open(url: string): PgDb {
  const db = openPgDatabase(url, { max: 2, applicationName: 'glm-chat-migrate-test' });
  opened.push(db);
  return db;
}

async function appliedMigrations(db: PgDb): Promise<number> {
  const { rows } = await db.$client.query<{ n: number }>(
    'select count(*)::int as n from drizzle.__drizzle_migrations',
  );
  return rows[0].n;
}

async function tables(db: PgDb): Promise<string[]> {
  const { rows } = await db.$client.query<{ name: string }>(
    `select table_name as name from information_schema.tables where table_schema = 'public' order by 1`,
  );
  return rows.map((r) => r.name);
}

/** Polls until `check` holds, up to a generous ceiling. */
async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map(closePgDatabase));
  await Promise.all(created.splice(0).map(dropPgTestDatabase));
}, PG_TEST_TIMEOUT);

describe('PostgreSQL migrations at boot', { timeout: PG_TEST_TIMEOUT }, () => {
  it('two replicas migrating an empty database at once apply each migration once', async () => {
    const url = await emptyDatabase();
    const [a, b] = [open(url), open(url)];
    await Promise.all([runPgMigrations(a.$client), runPgMigrations(b.$client)]);
    expect(await appliedMigrations(a)).toBe(journal.entries.length);
    expect(await tables(a)).toEqual(
      expect.arrayContaining([
        'user',
        'session',
        'account',
        'verification',
        'conversations',
        'messages',
        'shares',
      ]),
    );
    const { rows } = await a.$client.query(`select extname from pg_extension where extname = 'pg_trgm'`);
    expect(rows).toHaveLength(1);
  });

  it('a replica waits while another holds the migration lock, then finds nothing left to do', async () => {
    const url = await emptyDatabase();
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      const db = open(url);
      let done = false;
      const migrating = runPgMigrations(db.$client).then(() => {
        done = true;
      });
      await waitFor(async () => {
        const { rows } = await holder.query(
          `select 1 from pg_locks where locktype = 'advisory' and not granted and database =
             (select oid from pg_database where datname = current_database())`,
        );
        return rows.length === 1;
      }, 'the second migrator to queue on the lock');
      expect(done).toBe(false);
      expect(await tables(db)).toEqual([]);
      await holder.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
      await migrating;
      expect(await appliedMigrations(db)).toBe(journal.entries.length);
      await runPgMigrations(db.$client);
      expect(await appliedMigrations(db)).toBe(journal.entries.length);
    } finally {
      await holder.end();
    }
  });
});
