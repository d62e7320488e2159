/** scripts/backup.mjs: an online backup taken while the app's connection keeps writing. */

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { freshDb } from './fixture';

const script = path.resolve(__dirname, '..', '..', 'scripts', 'backup.mjs');

let dir: string;
let db: Db;
let cleanup: () => void;

beforeEach(() => {
  ({ db, dir, cleanup } = freshDb({ prefix: 'glm-chat-backup-', fileName: 'glm-chat.db' }));
});
afterEach(() => cleanup());

function runBackup(...args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], {
      env: { ...process.env, DATABASE_PATH: path.join(dir, 'glm-chat.db') },
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('close', (code) => resolve({ code, out }));
  });
}

const insertConversation = () => {
  const statement = db.$client.prepare(
    `insert into conversations (id, owner_id, title, pinned, settings, created_at, updated_at)
     values (?, 'local', ?, 0, '{}', ?, ?)`,
  );
  return (n: number) => statement.run(`conv-${String(n).padStart(8, '0')}`, 'x'.repeat(2000), n, n);
};

const count = (sqlite: Database.Database) =>
  (sqlite.prepare('select count(*) as n from conversations').get() as { n: number }).n;

describe('npm run backup', () => {
  it('copies a consistent database while the app writes, and the copy passes integrity_check', async () => {
    db.$client
      .prepare(
        "insert into user (id, name, email, email_verified, role, created_at, updated_at) values ('local', 'Local', 'local@local.invalid', 1, 'admin', 0, 0)",
      )
      .run();
    const insert = insertConversation();
    let n = 0;
    db.$client.transaction(() => {
      for (; n < 10_000; n++) insert(n);
    })();
    const before = n;

    // The app goes on writing, one small transaction at a time, for as long as the backup runs.
    let writing = true;
    const writer = (async () => {
      while (writing) {
        insert(n++);
        await new Promise((r) => setImmediate(r));
      }
    })();
    const target = path.join(dir, 'backups', 'copy.db');
    const result = await runBackup('--', target);
    writing = false;
    await writer;

    expect(result.out).toMatch(/integrity ok/);
    expect(result.code).toBe(0);
    expect(n).toBeGreaterThan(before);
    expect(fs.existsSync(`${target}.partial`)).toBe(false);

    const copy = new Database(target, { readonly: true, fileMustExist: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('foreign_key_check')).toEqual([]);
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      const copied = count(copy);
      expect(copied).toBeGreaterThanOrEqual(before);
      expect(copied).toBeLessThanOrEqual(n);
      // A snapshot: the rows it has are exactly the first `copied` ones.
      expect(copy.prepare('select max(created_at) as m from conversations').get()).toEqual({ m: copied - 1 });
      expect(copy.prepare('select count(*) as n from __drizzle_migrations').get()).toEqual(
        db.$client.prepare('select count(*) as n from __drizzle_migrations').get(),
      );
    } finally {
      copy.close();
    }
    // The app's own database is untouched and still takes writes.
    insert(n++);
    expect(count(db.$client)).toBe(n);
    expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('names the copy by date under backups/ by default, and never overwrites a file', async () => {
    const first = await runBackup();
    expect(first.code).toBe(0);
    const made = fs.readdirSync(path.join(dir, 'backups'));
    expect(made).toHaveLength(1);
    expect(made[0]).toMatch(/^glm-chat-\d{8}-\d{6}\.db$/);

    const again = await runBackup(path.join(dir, 'backups', made[0] as string));
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/already exists/);
  });

  it('fails in words when there is no database', async () => {
    const result = await new Promise<{ code: number | null; err: string }>((resolve) => {
      const child = spawn(process.execPath, [script, path.join(dir, 'out.db')], {
        env: { ...process.env, DATABASE_PATH: path.join(dir, 'missing.db') },
      });
      let err = '';
      child.stderr.on('data', (d) => {
        err += d;
      });
      child.on('close', (code) => resolve({ code, err }));
    });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/no database at/);
  });
});
