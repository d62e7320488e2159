// A throw-away PostgreSQL server for tests: initdb into a temporary folder, start on a free port of
// 127.0.0.1, hand out database URLs, stop and remove everything afterwards.
//
// The server runs under a guardian process (this file with `--guard`): it owns the postgres child
// and the folder, and tears both down when its stdin closes — when the test process calls stop(),
// exits, or is killed (even with SIGKILL) — or when it gets SIGINT/SIGTERM. No orphan servers.
//
// As root, the server runs as the `postgres` OS user (PostgreSQL refuses root); otherwise as the
// current user. Nothing is installed here: missing binaries end with the install command.
//
//   node scripts/pg-test-server.mjs                 prints DATABASE_URL=…, runs until Ctrl-C
//   node scripts/pg-test-server.mjs -- <command…>   runs the command with DATABASE_URL set, then stops
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

export const PG_INSTALL_COMMAND = 'apt-get install -y postgresql';
const VERSIONS = [17, 16, 15];
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const PORT_ATTEMPTS = 5;

/** The folder holding initdb and postgres (PG_BIN overrides), or an Error naming the install command. */
export function findPgBin() {
  const candidates = process.env.PG_BIN
    ? [process.env.PG_BIN]
    : VERSIONS.map((v) => `/usr/lib/postgresql/${v}/bin`);
  const found = candidates.find(
    (dir) => fs.existsSync(path.join(dir, 'postgres')) && fs.existsSync(path.join(dir, 'initdb')),
  );
  if (found) return found;
  throw new Error(
    `PostgreSQL 15+ is not installed (looked in ${candidates.join(', ')}). Install it with \`${PG_INSTALL_COMMAND}\` (as root), or set PG_BIN to the folder holding initdb and postgres.`,
  );
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** uid/gid to run the server as: the `postgres` user when we are root, else ourselves. */
function serverIdentity() {
  if (process.getuid?.() !== 0) return {};
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/** Starts postgres and resolves once it accepts connections; rejects with its log otherwise. */
function startPostgres(bin, dataDir, port, identity) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.join(bin, 'postgres'),
      [
        '-D',
        dataDir,
        '-p',
        String(port),
        '-h',
        '127.0.0.1',
        '-k',
        dataDir,
        // A test server: durability off, small footprint.
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
        '-c',
        'shared_buffers=32MB',
        '-c',
        'max_connections=200',
      ],
      { ...identity, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let log = '';
    let ready = false;
    const timer = setTimeout(() => {
      child.kill('SIGQUIT');
      reject(new Error(`PostgreSQL did not start within ${START_TIMEOUT_MS} ms:\n${log}`));
    }, START_TIMEOUT_MS);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      if (log.length < 20_000) log += chunk;
      if (!ready && log.includes('database system is ready to accept connections')) {
        ready = true;
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!ready)
        reject(
          Object.assign(new Error(`PostgreSQL exited (${code ?? signal}) before it was ready:\n${log}`), {
            log,
          }),
        );
    });
  });
}

function waitForExit(child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function initdb(bin, dataDir, identity) {
  execFileSync(
    path.join(bin, 'initdb'),
    ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync'],
    { ...identity, stdio: ['ignore', 'ignore', 'pipe'] },
  );
}

/**
 * A freshly initdb'd, never started data folder, kept in node_modules/.cache per PostgreSQL build and
 * OS user (made in a staging folder and renamed into place, so a half-made one is never used).
 */
function initdbCache(bin, identity) {
  const version = execFileSync(path.join(bin, 'postgres'), ['-V'], { encoding: 'utf8' }).trim();
  const key = `${version.replace(/[^A-Za-z0-9.]+/g, '-')}-uid${identity.uid ?? process.getuid?.() ?? 0}`;
  const root = path.join(import.meta.dirname, '..', 'node_modules', '.cache', 'glm-chat-pg');
  const cache = path.join(root, key);
  if (fs.existsSync(path.join(cache, 'PG_VERSION'))) return cache;
  fs.mkdirSync(root, { recursive: true });
  const staging = fs.mkdtempSync(path.join(root, 'staging-'));
  try {
    if (identity.uid !== undefined) fs.chownSync(staging, identity.uid, identity.gid);
    initdb(bin, staging, identity);
    try {
      fs.renameSync(staging, cache);
    } catch (error) {
      if (!fs.existsSync(path.join(cache, 'PG_VERSION'))) throw error; // else another run made it first
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return cache;
}

/** The guardian: runs one server, prints its port as a JSON line, tears down when told or orphaned. */
async function guard() {
  const bin = findPgBin();
  const identity = serverIdentity();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'glm-chat-pg-'));
  let server;
  let stopping = false;
  const teardown = async (code) => {
    if (stopping) return;
    stopping = true;
    if (server) {
      server.kill('SIGINT'); // fast shutdown: ends sessions, no checkpoint wait
      await waitForExit(server, STOP_TIMEOUT_MS);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(code);
  };
  process.stdin.on('end', () => void teardown(0));
  process.stdin.on('close', () => void teardown(0));
  process.stdin.resume();
  process.on('SIGINT', () => void teardown(0));
  process.on('SIGTERM', () => void teardown(0));
  try {
    if (identity.uid !== undefined) fs.chownSync(dataDir, identity.uid, identity.gid);
    // A copy of a cached initdb: ~0.5 s instead of 5–15 s of initdb on a busy machine.
    execFileSync('cp', ['-a', `${initdbCache(bin, identity)}/.`, dataDir]);
    for (let attempt = 1; !server; attempt++) {
      const port = await freePort();
      try {
        server = await startPostgres(bin, dataDir, port, identity);
        process.stdout.write(`${JSON.stringify({ port })}\n`);
      } catch (error) {
        // Another process took the port between the probe and the bind: try another one.
        const taken = /could not bind|already in use/i.test(String(error?.log ?? ''));
        if (!taken || attempt >= PORT_ATTEMPTS) throw error;
      }
    }
    server.once('exit', (code) => {
      if (!stopping) {
        process.stderr.write(`PostgreSQL test server exited unexpectedly (${code}).\n`);
        void teardown(1);
      }
    });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    await teardown(1);
  }
}

/**
 * Starts a test server. Resolves with its URLs; `stop()` shuts it down and removes its folder.
 * @returns {Promise<import('./pg-test-server.d.mts').PgTestServer>}
 */
export async function startPgTestServer() {
  findPgBin(); // fail here, with the install command, rather than inside the guardian
  const guardian = spawn(process.execPath, [import.meta.filename, '--guard'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let errors = '';
  guardian.stderr.setEncoding('utf8');
  guardian.stderr.on('data', (chunk) => {
    if (errors.length < 20_000) errors += chunk;
  });
  const port = await new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: guardian.stdout });
    lines.once('line', (line) => resolve(JSON.parse(line).port));
    guardian.once('exit', (code) => reject(new Error(`PostgreSQL test server failed (${code}):\n${errors}`)));
  });
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const psql = (sqlText) =>
    execFileSync(
      path.join(findPgBin(), 'psql'),
      ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url(), '-c', sqlText],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
  return {
    port,
    url,
    createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      psql(`create database ${name}`);
      return url(name);
    },
    stop() {
      if (guardian.exitCode !== null) return Promise.resolve();
      const exited = new Promise((resolve) => guardian.once('exit', resolve));
      guardian.stdin.end();
      return exited;
    },
  };
}

async function main(argv) {
  if (argv[0] === '--guard') return guard();
  const server = await startPgTestServer().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
  const stop = () => server.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const dash = argv.indexOf('--');
  const databaseUrl = server.createDatabase('glm_chat');
  if (dash === -1) {
    console.log(`DATABASE_URL=${databaseUrl}`);
    return;
  }
  const [command, ...args] = argv.slice(dash + 1);
  const child = spawn(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  child.once('exit', async (code, signal) => {
    await server.stop();
    process.exit(code ?? (signal ? 1 : 0));
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename)
  await main(process.argv.slice(2));
