import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';

/**
 * Readiness: can this process serve a chat right now? Three checks, each timed:
 * - database: a real write (in a transaction that is rolled back) succeeds;
 * - migrations: every migration in drizzle/meta/_journal.json is recorded as applied, and the
 *   database was not migrated by a newer version of the app;
 * - upstream: the GLM backend answers a cheap GET of its models endpoint within a short timeout
 *   (the in-process simulator has no network and is reported as such).
 * Liveness (/api/health) stays separate: an upstream outage must not restart the container.
 */

export interface CheckResult {
  ok: boolean;
  /** How long the check took, in milliseconds. */
  ms: number;
  /** What went wrong, in words (only when not ok). */
  error?: string;
}

export interface MigrationsResult extends CheckResult {
  applied: number;
  expected: number;
  /** Tags in the journal not yet applied. */
  pending: string[];
  /** The newest migration this app knows. */
  latest: string | undefined;
}

export interface UpstreamResult extends CheckResult {
  /** What was checked: the upstream's origin, or "in-process simulator". */
  target: string;
  /** The HTTP status of the models request, when one came back. */
  status?: number;
}

export interface Readiness {
  ok: boolean;
  checks: { database: CheckResult; migrations: MigrationsResult; upstream: UpstreamResult };
}

export interface UpstreamTarget {
  /** True when the simulator answers inside this process (no socket to check). */
  inProcess: boolean;
  baseURL: string | undefined;
  apiKey: string | undefined;
}

export interface ReadinessDeps {
  sqlite: Database.Database;
  migrationsFolder: string;
  upstream: UpstreamTarget;
  fetch?: typeof fetch;
  timeoutMs?: number;
  now?: () => number;
}

const PROBE_TABLE = '__glm_chat_readiness_probe';
export const UPSTREAM_TIMEOUT_MS = 3000;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function timed<T extends object>(now: () => number, run: () => T): T & { ms: number } {
  const start = now();
  const result = run();
  return { ...result, ms: Math.round(now() - start) };
}

/** Takes the write lock, creates a table and inserts a row, then rolls it all back. */
export function checkDatabaseWritable(
  sqlite: Database.Database,
  now: () => number = performance.now.bind(performance),
): CheckResult {
  return timed(now, () => {
    try {
      sqlite.exec('BEGIN IMMEDIATE');
      try {
        sqlite.exec(`CREATE TABLE main.${PROBE_TABLE} (at INTEGER NOT NULL)`);
        sqlite.prepare(`INSERT INTO main.${PROBE_TABLE} (at) VALUES (?)`).run(Date.now());
      } finally {
        sqlite.exec('ROLLBACK');
      }
      return { ok: true };
    } catch (error) {
      return { ok: false, error: `the database is not writable: ${message(error)}` };
    }
  });
}

interface JournalEntry {
  tag: string;
  when: number;
}

/**
 * Compares drizzle's record of applied migrations with the journal shipped with the app. Drizzle
 * applies every journal entry newer than the newest `created_at` it recorded, so that is what
 * "pending" means here too.
 */
export function checkMigrations(
  sqlite: Database.Database,
  migrationsFolder: string,
  now: () => number = performance.now.bind(performance),
): MigrationsResult {
  return timed(now, () => {
    let entries: JournalEntry[];
    try {
      const journal = JSON.parse(
        fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8'),
      );
      entries = journal.entries;
    } catch (error) {
      return {
        ok: false,
        applied: 0,
        expected: 0,
        pending: [],
        latest: undefined,
        error: `cannot read the migrations journal: ${message(error)}`,
      };
    }
    const latest = entries.at(-1)?.tag;
    const expected = entries.length;
    let applied: { created_at: number }[] = [];
    try {
      applied = sqlite.prepare('SELECT created_at FROM __drizzle_migrations ORDER BY created_at').all() as {
        created_at: number;
      }[];
    } catch {
      // No migrations table: nothing applied yet.
    }
    const last = applied.reduce((max, row) => Math.max(max, Number(row.created_at)), -Infinity);
    const pending = entries.filter((e) => e.when > last).map((e) => e.tag);
    const newest = entries.reduce((max, e) => Math.max(max, e.when), -Infinity);
    const base = { applied: applied.length, expected, pending, latest };
    if (pending.length > 0) {
      return {
        ...base,
        ok: false,
        error: `${pending.length} migration(s) not applied: ${pending.join(', ')}`,
      };
    }
    if (last > newest) {
      return {
        ...base,
        ok: false,
        error: 'the database was migrated by a newer version of GLM Chat than this one',
      };
    }
    return { ...base, ok: true };
  });
}

/**
 * A cheap GET of the backend's models endpoint. Any HTTP answer but a 5xx or an auth refusal counts
 * as reachable (a server without a models list answers 404, and still serves chats).
 */
export async function checkUpstream(
  target: UpstreamTarget,
  options: { fetch?: typeof fetch; timeoutMs?: number; now?: () => number } = {},
): Promise<UpstreamResult> {
  const now = options.now ?? performance.now.bind(performance);
  const start = now();
  const elapsed = () => Math.round(now() - start);
  if (target.inProcess) return { ok: true, ms: 0, target: 'in-process simulator' };
  if (!target.baseURL) return { ok: false, ms: 0, target: 'none', error: 'no upstream base URL' };
  const url = `${target.baseURL.replace(/\/+$/, '')}/models`;
  // The answer is public: name the server, never the path (a Cloudflare URL holds the account id).
  const shown = `${new URL(url).origin}`;
  const timeoutMs = options.timeoutMs ?? UPSTREAM_TIMEOUT_MS;
  const doFetch = options.fetch ?? globalThis.fetch;
  try {
    const response = await doFetch(url, {
      method: 'GET',
      headers: target.apiKey ? { authorization: `Bearer ${target.apiKey}` } : {},
      signal: AbortSignal.timeout(timeoutMs),
      cache: 'no-store',
    });
    await response.body?.cancel().catch(() => undefined);
    const ms = elapsed();
    const { status } = response;
    if (status >= 500)
      return { ok: false, ms, target: shown, status, error: `the upstream answered ${status}` };
    if (status === 401 || status === 403) {
      return { ok: false, ms, target: shown, status, error: `the upstream refused the API key (${status})` };
    }
    return { ok: true, ms, target: shown, status };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return {
      ok: false,
      ms: elapsed(),
      target: shown,
      error: timedOut ? `no answer within ${timeoutMs} ms` : `unreachable: ${networkReason(error)}`,
    };
  }
}

/** fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND…) is in its cause. */
function networkReason(error: unknown): string {
  const cause =
    error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return message(error);
}

export async function checkReadiness(deps: ReadinessDeps): Promise<Readiness> {
  const now = deps.now ?? performance.now.bind(performance);
  const database = checkDatabaseWritable(deps.sqlite, now);
  const migrations = checkMigrations(deps.sqlite, deps.migrationsFolder, now);
  const upstream = await checkUpstream(deps.upstream, { fetch: deps.fetch, timeoutMs: deps.timeoutMs, now });
  return {
    ok: database.ok && migrations.ok && upstream.ok,
    checks: { database, migrations, upstream },
  };
}
