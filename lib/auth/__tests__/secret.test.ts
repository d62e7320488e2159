import { afterEach, describe, expect, it } from 'vitest';
import { type FreshDb, freshDb } from '@/db/__tests__/fixture';
import { appSettings } from '@/db/schema';
import { resolveAuthSecret } from '../secret';
import { makeAuth, signUp, whoIs } from './helpers';

const opened: FreshDb[] = [];
const fresh = () => {
  const t = freshDb({ prefix: 'glm-chat-secret-' });
  opened.push(t);
  return t.db;
};

afterEach(() => {
  for (const t of opened.splice(0)) t.cleanup();
});

describe('the auth secret', () => {
  it('without BETTER_AUTH_SECRET is made once per database, kept, and reused', () => {
    const db = fresh();
    const first = resolveAuthSecret(db, undefined);
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(resolveAuthSecret(db, undefined)).toBe(first);
    expect(db.select().from(appSettings).all()).toEqual([{ key: 'auth_secret', value: first }]);
    expect(resolveAuthSecret(fresh(), undefined)).not.toBe(first);
  });

  it('is the same for every createAuth on one database: a session made by one is valid in the next', async () => {
    const db = fresh();
    const before = makeAuth(db);
    const owner = await signUp(before, 'owner@example.com');
    expect(owner.status).toBe(200);
    const afterRestart = makeAuth(db);
    expect(await whoIs(afterRestart, owner.cookie)).toEqual({ id: owner.userId, role: 'admin' });
    expect(db.select().from(appSettings).all()).toHaveLength(1);
  });

  it('differs between databases: a cookie signed for one is refused by another', async () => {
    const one = fresh();
    const two = fresh();
    const owner = await signUp(makeAuth(one), 'owner@example.com');
    // Copy the session row to the other database: only the signature should tell them apart.
    for (const table of ['user', 'session'] as const) {
      const rows = one.$client.prepare(`select * from "${table}"`).all() as Record<string, unknown>[];
      for (const row of rows) {
        const columns = Object.keys(row);
        two.$client
          .prepare(
            `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})`,
          )
          .run(...Object.values(row));
      }
    }
    expect(await whoIs(makeAuth(two), owner.cookie)).toBeNull();
    expect(await whoIs(makeAuth(one), owner.cookie)).not.toBeNull();
    expect(resolveAuthSecret(one, undefined)).not.toBe(resolveAuthSecret(two, undefined));
  });

  it('is BETTER_AUTH_SECRET when set, and then nothing is stored', () => {
    const db = fresh();
    const configured = 'a-configured-secret-of-at-least-32-chars';
    expect(resolveAuthSecret(db, configured)).toBe(configured);
    expect(db.select().from(appSettings).all()).toEqual([]);
  });
});
