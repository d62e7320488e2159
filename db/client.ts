import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { getConfig } from '@/lib/config';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

interface DbHolder {
  path: string;
  db: Db;
}

// One connection per process, kept on globalThis so route bundles and dev reloads share it.
const holder = globalThis as unknown as { __glmChatDb?: DbHolder };

/** Where the committed migrations live: beside the app in dev, tests and the standalone build. */
export function migrationsFolder(): string {
  return path.join(process.cwd(), 'drizzle');
}

export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  return drizzle({ client: sqlite, schema });
}

/**
 * Applies pending migrations. Foreign keys are switched off around it: drizzle-kit rebuilds tables
 * with DROP TABLE inside the migrator's transaction, where the PRAGMA would be a no-op and
 * ON DELETE CASCADE would silently empty child tables.
 */
export function runMigrations(db: Db): void {
  const sqlite = db.$client;
  sqlite.pragma('foreign_keys = OFF');
  try {
    migrate(db, { migrationsFolder: migrationsFolder() });
    const violations = sqlite.pragma('foreign_key_check') as unknown[];
    if (violations.length > 0)
      throw new Error(`foreign key violations after migration: ${violations.length}`);
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
}

/** The process's database, opened (and migrated) on first use, never at import time. */
export function getDb(): Db {
  const file = getConfig().databasePath;
  if (holder.__glmChatDb?.path !== file) {
    holder.__glmChatDb?.db.$client.close();
    const db = openDatabase(file);
    runMigrations(db);
    holder.__glmChatDb = { path: file, db };
  }
  return holder.__glmChatDb.db;
}

export function closeDb(): void {
  holder.__glmChatDb?.db.$client.close();
  holder.__glmChatDb = undefined;
}
