/**
 * The database tests share: a fresh SQLite file in its own temporary folder (never `:memory:`,
 * never a mock), opened by the app's own `openDatabase` (same pragmas) and migrated by the app's own
 * `runMigrations`, with one better-auth user row per owner id so conversations can reference them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Db, openDatabase, runMigrations } from '@/db/client';
import { user } from '@/db/schema';

export interface FreshDbOptions {
  /** Owner ids to insert as users (`name` = id, `email` = `${id}@example.test`). */
  owners?: readonly string[];
  /** false leaves the file unmigrated (for tests of the migrations themselves). Default true. */
  migrate?: boolean;
  /** The temporary folder's name prefix, to tell leftovers apart. */
  prefix?: string;
  /** The database file's name inside that folder. */
  fileName?: string;
}

export interface FreshDb {
  db: Db;
  /** The temporary folder holding the file; removed by `cleanup`. */
  dir: string;
  file: string;
  owners: readonly string[];
  /** Closes the connection and removes the folder. */
  cleanup: () => void;
}

/** Inserts a better-auth user row for each owner id. */
export function addOwners(db: Db, owners: readonly string[]): void {
  const now = new Date();
  for (const id of owners)
    db.insert(user)
      .values({ id, name: id, email: `${id}@example.test`, createdAt: now, updatedAt: now })
      .run();
}

export function freshDb(options: FreshDbOptions = {}): FreshDb {
  const { owners = [], migrate = true, prefix = 'glm-chat-test-', fileName = 'test.db' } = options;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const file = path.join(dir, fileName);
  const db = openDatabase(file);
  if (migrate) runMigrations(db);
  addOwners(db, owners);
  return {
    db,
    dir,
    file,
    owners,
    cleanup: () => {
      db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
