import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, migrationsFolder, openDatabase, runMigrations } from '@/db/client';
import { getThread, saveUserTurn } from '@/db/queries/messages';
import { createAuth } from '@/lib/auth/server';
import { parseConfig } from '@/lib/config';
import { checkMigrations } from '@/lib/health/readiness';

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

const journal = JSON.parse(
  fs.readFileSync(path.join(migrationsFolder(), 'meta', '_journal.json'), 'utf8'),
) as {
  entries: JournalEntry[];
};
const INIT = journal.entries.find((e) => e.tag === '0000_init');

let dir: string;
let db: Db;

/** A database as the app left it before accounts: only 0000_init applied, by drizzle's own migrator. */
function databaseBeforeAccounts(): Db {
  if (!INIT) throw new Error('0000_init is not in the journal');
  const oldMigrations = path.join(dir, 'drizzle');
  fs.mkdirSync(path.join(oldMigrations, 'meta'), { recursive: true });
  fs.copyFileSync(path.join(migrationsFolder(), '0000_init.sql'), path.join(oldMigrations, '0000_init.sql'));
  fs.writeFileSync(
    path.join(oldMigrations, 'meta', '_journal.json'),
    JSON.stringify({ ...journal, entries: [INIT] }),
  );
  const opened = openDatabase(path.join(dir, 'app.db'));
  migrate(opened, { migrationsFolder: oldMigrations });
  return opened;
}

const rows = (sql: string) => db.$client.prepare(sql).all();

/** Conversations and messages owned by 'local', with a branched thread, inserted as the old app did. */
function insertLocalData(): void {
  const conversation = db.$client.prepare(
    `insert into conversations (id, owner_id, title, pinned, settings, active_leaf_id, created_at, updated_at)
     values (?, 'local', ?, ?, ?, ?, ?, ?)`,
  );
  const message = db.$client.prepare(
    `insert into messages (id, conversation_id, parent_id, role, parts, metadata, status, content, created_at, updated_at)
     values (?, ?, ?, ?, ?, '{}', ?, ?, ?, ?)`,
  );
  const part = (text: string) => JSON.stringify([{ type: 'text', text }]);
  conversation.run('conv-1', 'First chat', 1, '{"temperature":0.7}', 'm4', 1000, 2000);
  message.run('m1', 'conv-1', null, 'user', part('hello'), 'complete', 'hello', 1001, 1001);
  message.run('m2', 'conv-1', 'm1', 'assistant', part('hi there'), 'complete', 'hi there', 1002, 1002);
  message.run('m3', 'conv-1', 'm1', 'assistant', part('regenerated'), 'stopped', 'regenerated', 1003, 1003);
  message.run('m4', 'conv-1', 'm3', 'user', part('thanks'), 'complete', 'thanks', 1004, 1004);
  conversation.run('conv-2', 'Second chat', 0, '{}', null, 3000, 3000);
  message.run('m5', 'conv-2', null, 'user', part('another'), 'complete', 'another', 3001, 3001);
  message.run('m6', 'conv-2', 'm5', 'assistant', part(''), 'streaming', '', 3002, 3002);
}

const snapshot = () => ({
  conversations: rows('select * from conversations order by id'),
  messages: rows('select * from messages order by pk'),
});

/**
 * The rows of `after` cut down to the columns `before` had: later migrations may add columns (with
 * null or default values); what must not change is every value that was there.
 */
const asBefore = (after: ReturnType<typeof snapshot>, before: ReturnType<typeof snapshot>) => {
  const cut = (rowsAfter: unknown[], rowsBefore: unknown[]) => {
    const keys = Object.keys((rowsBefore[0] ?? {}) as Record<string, unknown>);
    return rowsAfter.map((r) =>
      Object.fromEntries(Object.entries(r as Record<string, unknown>).filter(([k]) => keys.includes(k))),
    );
  };
  return {
    conversations: cut(after.conversations, before.conversations),
    messages: cut(after.messages, before.messages),
  };
};

const withoutOwner = (s: ReturnType<typeof snapshot>) => ({
  conversations: s.conversations.map((c) => ({ ...(c as Record<string, unknown>), owner_id: undefined })),
  messages: s.messages,
});

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glm-chat-migration-'));
  db = databaseBeforeAccounts();
});

afterEach(() => {
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the accounts migration on a database made before accounts', () => {
  it('starts from what drizzle recorded for 0000 alone', () => {
    const sql = fs.readFileSync(path.join(migrationsFolder(), '0000_init.sql'), 'utf8');
    expect(rows('select hash, created_at from __drizzle_migrations')).toEqual([
      { hash: createHash('sha256').update(sql).digest('hex'), created_at: INIT?.when },
    ]);
    expect(rows("select name from sqlite_master where type = 'table' and name = 'user'")).toEqual([]);
  });

  it('keeps every conversation and message, with a placeholder local owner and sound foreign keys', () => {
    insertLocalData();
    const before = snapshot();
    runMigrations(db);

    expect(asBefore(snapshot(), before)).toEqual(before);
    expect(before.conversations).toHaveLength(2);
    expect(before.messages).toHaveLength(6);
    expect(db.$client.pragma('foreign_key_check')).toEqual([]);
    expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(rows('select id, email, role from user')).toEqual([
      { id: 'local', email: 'local@local.invalid', role: 'admin' },
    ]);
    expect(
      rows("select `table`, `from`, `to`, on_delete from pragma_foreign_key_list('conversations')"),
    ).toEqual([{ table: 'user', from: 'owner_id', to: 'id', on_delete: 'CASCADE' }]);
    expect(rows('select count(*) as n from __drizzle_migrations')).toEqual([{ n: journal.entries.length }]);
    expect(getThread(db, 'local', 'conv-1')?.map((m) => m.id)).toEqual(['m1', 'm3', 'm4']);
  });

  it('lets the first account adopt them; the placeholder goes in password mode', async () => {
    insertLocalData();
    runMigrations(db);
    const before = snapshot();
    const auth = createAuth(db, parseConfig({ GLM_PROVIDER: 'simulator', APP_URL: 'http://localhost:3000' }));
    const result = await auth.api.signUpEmail({
      body: { name: 'Owner', email: 'owner@example.com', password: 'correct horse battery' },
      headers: new Headers({ origin: 'http://localhost:3000' }),
    });
    const ownerId = result.user.id;

    expect(rows('select distinct owner_id from conversations')).toEqual([{ owner_id: ownerId }]);
    expect(withoutOwner(snapshot())).toEqual(withoutOwner(before));
    expect(rows('select id, role from user')).toEqual([{ id: ownerId, role: 'admin' }]);
    expect(getThread(db, ownerId, 'conv-1')?.map((m) => m.id)).toEqual(['m1', 'm3', 'm4']);
    expect(getThread(db, 'local', 'conv-1')).toBeUndefined();
    expect(db.$client.pragma('foreign_key_check')).toEqual([]);
  });

  it('in AUTH_MODE=none the local owner keeps the data and no account can take it', async () => {
    insertLocalData();
    runMigrations(db);
    const auth = createAuth(
      db,
      parseConfig({ GLM_PROVIDER: 'simulator', APP_URL: 'http://localhost:3000', AUTH_MODE: 'none' }),
    );
    await expect(
      auth.api.signUpEmail({
        body: { name: 'Owner', email: 'owner@example.com', password: 'correct horse battery' },
        headers: new Headers({ origin: 'http://localhost:3000' }),
      }),
    ).rejects.toThrow('single-user mode');
    expect(rows('select distinct owner_id from conversations')).toEqual([{ owner_id: 'local' }]);
    expect(rows("select id, role from user where id = 'local'")).toEqual([{ id: 'local', role: 'admin' }]);
    saveUserTurn(db, {
      ownerId: 'local',
      conversationId: 'conv-3',
      userMessage: { id: 'm7', role: 'user', parts: [{ type: 'text', text: 'single-user again' }] },
      assistantMessageId: 'm8',
      assistantMetadata: {},
      title: 'Third',
    });
    expect(getThread(db, 'local', 'conv-3')?.map((m) => m.id)).toEqual(['m7', 'm8']);
  });

  it('is a no-op when run again', () => {
    insertLocalData();
    runMigrations(db);
    const schema = () => rows('select type, name, sql from sqlite_master order by type, name');
    const state = () => ({
      schema: schema(),
      data: snapshot(),
      users: rows('select * from user'),
      applied: rows('select * from __drizzle_migrations order by id'),
    });
    const before = state();
    runMigrations(db);
    runMigrations(db);
    expect(state()).toEqual(before);
  });
});

/**
 * Upgrades in general (not only 0001): the oldest committed migration set, with data in it, brought to
 * the current one the way the app does at boot, then restarted. Whatever migrations are added later,
 * every row of every table the old database had must still be there, with the columns it still has.
 */
describe('upgrading a database from the oldest migration set to the current one', () => {
  const tableNames = (of: Db) =>
    (
      of.$client
        .prepare(
          "select name from sqlite_master where type = 'table' and name not like '\\_\\_%' escape '\\' and name not like 'sqlite_%'",
        )
        .all() as { name: string }[]
    ).map((t) => t.name);
  const columns = (of: Db, table: string) =>
    (of.$client.prepare(`select name from pragma_table_info('${table}')`).all() as { name: string }[]).map(
      (c) => c.name,
    );

  it('applies every later migration once, keeps every row, and readiness then agrees', () => {
    insertLocalData();
    const oldTables = tableNames(db);
    const before = Object.fromEntries(oldTables.map((t) => [t, rows(`select * from "${t}" order by rowid`)]));
    const oldColumns = Object.fromEntries(oldTables.map((t) => [t, columns(db, t)]));
    expect(oldTables.length).toBeGreaterThan(0);
    expect(checkMigrations(db.$client, migrationsFolder())).toMatchObject({
      ok: false,
      pending: journal.entries.slice(1).map((e) => e.tag),
    });

    runMigrations(db);

    for (const table of oldTables) {
      // Compared on the columns that were there before and still are (later migrations add some).
      const kept = columns(db, table).filter((c) => oldColumns[table]?.includes(c));
      const project = (row: unknown) =>
        Object.fromEntries(Object.entries(row as Record<string, unknown>).filter(([c]) => kept.includes(c)));
      const after = rows(`select * from "${table}" order by rowid`).map(project);
      expect(after, table).toEqual((before[table] ?? []).map(project));
    }
    expect(checkMigrations(db.$client, migrationsFolder())).toMatchObject({
      ok: true,
      pending: [],
      applied: journal.entries.length,
      latest: journal.entries.at(-1)?.tag,
    });
    expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('changes nothing when the upgraded app restarts (the file reopened and migrated again)', () => {
    insertLocalData();
    runMigrations(db);
    const state = (of: Db) => ({
      schema: of.$client.prepare('select type, name, sql from sqlite_master order by type, name').all(),
      data: Object.fromEntries(
        tableNames(of).map((t) => [t, of.$client.prepare(`select * from "${t}" order by rowid`).all()]),
      ),
      applied: of.$client.prepare('select * from __drizzle_migrations order by id').all(),
    });
    const before = state(db);
    db.$client.close();
    db = openDatabase(path.join(dir, 'app.db'));
    runMigrations(db);
    expect(state(db)).toEqual(before);
  });
});

describe('the migrations on a fresh database', () => {
  it('make no placeholder owner, and leave foreign keys on', () => {
    const fresh = openDatabase(path.join(dir, 'fresh.db'));
    try {
      runMigrations(fresh);
      expect(fresh.$client.prepare('select * from user').all()).toEqual([]);
      expect(fresh.$client.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(fresh.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      fresh.$client.close();
    }
  });
});
