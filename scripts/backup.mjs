// Online backup of the SQLite database, safe while the app runs: SQLite's backup API (better-sqlite3's
// db.backup()) copies a consistent snapshot page by page, and the app goes on reading and writing.
//
//   npm run backup                      → <database folder>/backups/glm-chat-YYYYMMDD-HHMMSS.db
//   npm run backup -- /path/out.db
//   docker exec glm-chat node scripts/backup.mjs [/data/backups/out.db]
//
// The copy is written beside its final name and renamed when complete, switched to a single file
// (journal_mode=DELETE) and checked with PRAGMA integrity_check; the command fails if it is not "ok".
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

const root = path.resolve(import.meta.dirname, '..');
const envFile = path.join(root, '.env');
if (fs.existsSync(envFile)) process.loadEnvFile(envFile);

const fail = (message) => {
  console.error(`backup: ${message}`);
  process.exit(1);
};

const source = path.resolve(root, process.env.DATABASE_PATH?.trim() || './data/glm-chat.db');
if (process.env.DATABASE_PATH?.trim() === ':memory:')
  fail('DATABASE_PATH is :memory:, there is nothing to back up');
if (!fs.existsSync(source)) fail(`no database at ${source} (set DATABASE_PATH)`);

const args = process.argv.slice(2).filter((a) => a !== '--');
if (args.length > 1 || args[0]?.startsWith('-')) fail('usage: backup.mjs [/path/to/backup.db]');
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
const target = path.resolve(args[0] ?? path.join(path.dirname(source), 'backups', `glm-chat-${stamp}.db`));
if (target === source) fail('the backup cannot overwrite the database itself');
if (fs.existsSync(target)) fail(`${target} already exists`);
fs.mkdirSync(path.dirname(target), { recursive: true });

const partial = `${target}.partial`;
fs.rmSync(partial, { force: true });
const started = performance.now();
const db = new Database(source, { fileMustExist: true });
try {
  db.pragma('busy_timeout = 5000');
  // All pages in one step, inside one read transaction: in WAL mode the app's writers are not blocked
  // by it, and a copy made in small steps would restart after every write the app makes between them
  // (and might never finish on a busy database).
  const { totalPages } = await db.backup(partial, { progress: () => 0x7fffffff });
  const copy = new Database(partial);
  try {
    copy.pragma('journal_mode = DELETE');
    const integrity = copy.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`integrity_check of the copy said: ${integrity}`);
  } finally {
    copy.close();
  }
  fs.renameSync(partial, target);
  const bytes = fs.statSync(target).size;
  const ms = Math.round(performance.now() - started);
  console.log(
    `backup: ${source} → ${target} (${totalPages} pages, ${(bytes / 1e6).toFixed(1)} MB, integrity ok, ${ms} ms)`,
  );
} catch (error) {
  fs.rmSync(partial, { force: true });
  fail(error instanceof Error ? error.message : String(error));
} finally {
  db.close();
}
