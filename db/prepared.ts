import type { Db } from './client';

/**
 * Queries on a chat turn's path (every send reads the conversation five times and writes four rows
 * before GLM is called) are prepared once per connection instead of built and compiled on every
 * call: building a query with Drizzle and compiling it in SQLite costs ~115 µs, running a prepared
 * one ~3 µs (bench B1). Values go in through `sql.placeholder(…)`, so a prepared query is the same
 * SQL for every caller and owner scoping stays in the query.
 *
 * Keyed by the Drizzle session, which a transaction shares with its database: a query prepared
 * outside a transaction runs inside one on the same connection (better-sqlite3 is synchronous).
 * A closed database's session is dropped with it (tests open many).
 */
const cache = new WeakMap<object, Map<string, unknown>>();

export function prepared<T>(db: Db, key: string, build: (db: Db) => T): T {
  const session = (db as unknown as { session: object }).session;
  let queries = cache.get(session);
  if (!queries) {
    queries = new Map();
    cache.set(session, queries);
  }
  let query = queries.get(key) as T | undefined;
  if (query === undefined) {
    query = build(db);
    queries.set(key, query);
  }
  return query;
}
