/**
 * The PostgreSQL twin of ./fixture.ts: a fresh database on the run's real test server
 * (pg-global-setup.ts), copied from the migrated template, with one better-auth user row per owner
 * id. `cleanup` closes the pool and drops the database.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { closePgDatabase, openPgDatabase, type PgDb } from '@/db/dialect/pg-client';
import { user } from '@/db/schema-pg';

/**
 * The ceiling for a PostgreSQL test and its hooks: each makes and drops a database on a server that
 * shares two cores with everything else (a test takes ~1 s on a quiet machine, up to ~15 s under load).
 */
export const PG_TEST_TIMEOUT = 60_000;

export interface FreshPgDb {
  db: PgDb;
  /** postgres://… of this database. */
  url: string;
  /** The database's name on the test server. */
  name: string;
  owners: readonly string[];
  /** Closes the pool and drops the database. */
  cleanup: () => Promise<void>;
}

export interface FreshPgDbOptions {
  /** Owner ids to insert as users (`name` = id, `email` = `${id}@example.test`). */
  owners?: readonly string[];
  /** false: an empty database, not copied from the migrated template (for migration tests). */
  migrate?: boolean;
}

/** Runs one statement on the server's `postgres` database (CREATE/DROP DATABASE). */
async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** The URL of a database named `name` on the test server. */
export function pgTestUrl(name: string): string {
  const url = new URL(inject('pgAdminUrl'));
  url.pathname = `/${name}`;
  return url.toString();
}

export async function addPgOwners(db: PgDb, owners: readonly string[]): Promise<void> {
  if (owners.length === 0) return;
  const now = new Date();
  await db
    .insert(user)
    .values(
      owners.map((id) => ({ id, name: id, email: `${id}@example.test`, createdAt: now, updatedAt: now })),
    );
}

/** A new, empty (or migrated) database; its name is unique across the run's workers. */
export async function createPgTestDatabase(migrate = true): Promise<{ name: string; url: string }> {
  const name = `t_${randomBytes(8).toString('hex')}`;
  await admin(
    migrate ? `create database ${name} template ${inject('pgTemplateDatabase')}` : `create database ${name}`,
  );
  return { name, url: pgTestUrl(name) };
}

export async function dropPgTestDatabase(name: string): Promise<void> {
  await admin(`drop database if exists ${name} with (force)`);
}

export async function freshPgDb(options: FreshPgDbOptions = {}): Promise<FreshPgDb> {
  const { owners = [], migrate = true } = options;
  const { name, url } = await createPgTestDatabase(migrate);
  const db = openPgDatabase(url, { max: 4, applicationName: 'glm-chat-test' });
  await addPgOwners(db, owners);
  return {
    db,
    url,
    name,
    owners,
    cleanup: async () => {
      await closePgDatabase(db);
      await dropPgTestDatabase(name);
    },
  };
}
