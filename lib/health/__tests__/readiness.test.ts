/** Readiness: a real SQLite file, the committed migrations, and a fake upstream fetch. */

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '@/db/__tests__/fixture';
import { type Db, migrationsFolder, runMigrations } from '@/db/client';
import {
  checkDatabaseWritable,
  checkMigrations,
  checkReadiness,
  checkUpstream,
} from '@/lib/health/readiness';

/** Every committed migration, oldest first, as the journal lists them. */
const JOURNAL_TAGS = (
  JSON.parse(fs.readFileSync(path.join(process.cwd(), 'drizzle', 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  }
).entries.map((e) => e.tag);

let dir: string;
let db: Db;
let cleanup: () => void;

beforeEach(() => {
  ({ db, dir, cleanup } = freshDb({ migrate: false, prefix: 'glm-chat-ready-', fileName: 'app.db' }));
});
afterEach(() => cleanup());

const tables = () =>
  db.$client.prepare("select name from sqlite_master where type = 'table' order by name").all();

/** A migrations folder holding the committed journal plus one migration this database has never seen. */
function folderWithAnUnappliedMigration(): string {
  const folder = path.join(dir, 'drizzle');
  fs.cpSync(migrationsFolder(), folder, { recursive: true });
  const journalFile = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8'));
  const last = journal.entries.at(-1);
  journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1000, tag: '9999_future' });
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

const respond = (status: number) => (async () => new Response('{}', { status })) as unknown as typeof fetch;

describe('database writable', () => {
  it('writes in a transaction and rolls it back, leaving nothing behind', () => {
    runMigrations(db);
    const before = tables();
    const result = checkDatabaseWritable(db.$client);
    expect(result).toMatchObject({ ok: true });
    expect(result.ms).toBeGreaterThanOrEqual(0);
    expect(tables()).toEqual(before);
    expect(db.$client.inTransaction).toBe(false);
  });

  it('fails, in words, on a database opened read-only', () => {
    runMigrations(db);
    const readonly = new Database(path.join(dir, 'app.db'), { readonly: true });
    try {
      const result = checkDatabaseWritable(readonly);
      expect(result.ok).toBe(false);
      expect(result.error).toMatch(/not writable/);
      expect(readonly.inTransaction).toBe(false);
    } finally {
      readonly.close();
    }
  });
});

describe('migrations applied', () => {
  it('reports every journal entry pending on an empty database', () => {
    const result = checkMigrations(db.$client, migrationsFolder());
    expect(result.ok).toBe(false);
    expect(result.applied).toBe(0);
    expect(result.pending).toEqual(JOURNAL_TAGS);
    expect(result.error).toMatch(new RegExp(`${JOURNAL_TAGS.length} migration\\(s\\) not applied`));
  });

  it('is ok once runMigrations has run, naming the latest', () => {
    runMigrations(db);
    const result = checkMigrations(db.$client, migrationsFolder());
    expect(result).toMatchObject({ ok: true, pending: [], latest: JOURNAL_TAGS.at(-1) });
    expect(result.applied).toBe(result.expected);
  });

  it('names a migration the app ships but the database lacks', () => {
    runMigrations(db);
    const result = checkMigrations(db.$client, folderWithAnUnappliedMigration());
    expect(result).toMatchObject({ ok: false, pending: ['9999_future'], latest: '9999_future' });
  });

  it('refuses a database migrated by a newer app', () => {
    runMigrations(db);
    db.$client
      .prepare("insert into __drizzle_migrations (hash, created_at) values ('newer', ?)")
      .run(Date.now() * 2);
    const result = checkMigrations(db.$client, migrationsFolder());
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/newer version/);
  });

  it('fails when the journal is missing', () => {
    const result = checkMigrations(db.$client, path.join(dir, 'nowhere'));
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/journal/);
  });
});

describe('upstream reachable', () => {
  const target = { inProcess: false, baseURL: 'http://10.0.0.5:8000/v1/', apiKey: 'sk-test' };

  it('GETs the models endpoint with the key, and reports the latency and the origin only', async () => {
    const seen: { url: string; auth: string | null }[] = [];
    let clock = 100;
    const result = await checkUpstream(target, {
      fetch: (async (url: string, init: RequestInit) => {
        seen.push({ url, auth: new Headers(init.headers).get('authorization') });
        clock += 42;
        return new Response('{"data":[]}', { status: 200 });
      }) as unknown as typeof fetch,
      now: () => clock,
    });
    expect(seen).toEqual([{ url: 'http://10.0.0.5:8000/v1/models', auth: 'Bearer sk-test' }]);
    expect(result).toEqual({ ok: true, ms: 42, target: 'http://10.0.0.5:8000', status: 200 });
  });

  it('counts a 404 (no models list) as reachable, a 5xx or a refused key as not', async () => {
    expect(await checkUpstream(target, { fetch: respond(404) })).toMatchObject({ ok: true, status: 404 });
    expect(await checkUpstream(target, { fetch: respond(502) })).toMatchObject({
      ok: false,
      status: 502,
      error: 'the upstream answered 502',
    });
    expect(await checkUpstream(target, { fetch: respond(401) })).toMatchObject({
      ok: false,
      error: 'the upstream refused the API key (401)',
    });
  });

  it('gives up after the timeout', async () => {
    const hang = ((_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      })) as unknown as typeof fetch;
    const result = await checkUpstream(target, { fetch: hang, timeoutMs: 50 });
    expect(result).toMatchObject({ ok: false, error: 'no answer within 50 ms' });
  });

  it('names the network error', async () => {
    const refused = (async () => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
      });
    }) as unknown as typeof fetch;
    expect(await checkUpstream(target, { fetch: refused })).toMatchObject({
      ok: false,
      error: 'unreachable: ECONNREFUSED',
    });
  });

  it('reports the in-process simulator as such, without a request', async () => {
    const result = await checkUpstream(
      { inProcess: true, baseURL: undefined, apiKey: undefined },
      {
        fetch: () => {
          throw new Error('no request expected');
        },
      },
    );
    expect(result).toEqual({ ok: true, ms: 0, target: 'in-process simulator' });
  });
});

describe('readiness', () => {
  it('is ok when all three checks pass', async () => {
    runMigrations(db);
    const readiness = await checkReadiness({
      sqlite: db.$client,
      migrationsFolder: migrationsFolder(),
      upstream: { inProcess: true, baseURL: undefined, apiKey: undefined },
    });
    expect(readiness.ok).toBe(true);
    expect(Object.keys(readiness.checks)).toEqual(['database', 'migrations', 'upstream']);
  });

  it('is not ok when one fails, and says which', async () => {
    runMigrations(db);
    const readiness = await checkReadiness({
      sqlite: db.$client,
      migrationsFolder: migrationsFolder(),
      upstream: { inProcess: false, baseURL: 'http://127.0.0.1:9/v1', apiKey: undefined },
      fetch: respond(503),
    });
    expect(readiness.ok).toBe(false);
    expect(readiness.checks.database.ok).toBe(true);
    expect(readiness.checks.migrations.ok).toBe(true);
    expect(readiness.checks.upstream).toMatchObject({ ok: false, status: 503 });
  });
});
