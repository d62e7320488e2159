// Shared pieces of the benchmarks: the build check, the simulator and the production app on real
// sockets, SSE stream timing, percentiles, process memory, and the result rows.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { SERVER_ENV, SERVER_NODE_FLAGS } from '../scripts/node-flags.mjs';

export const root = path.resolve(import.meta.dirname, '..');

/** Ports the benchmarks use (4850–4869 / 3850–3869 by default; BENCH_PORT_BASE moves both). */
const base = Number(process.env.BENCH_PORT_BASE ?? 0);
export const ports = {
  simulator: 4850 + base,
  app: 3850 + base,
  coldApp: 3851 + base,
};

// ---------------------------------------------------------------- build

const SOURCES = [
  'app',
  'components',
  'lib',
  'db',
  'drizzle',
  'public',
  'messages',
  'i18n',
  'proxy.ts',
  'instrumentation.ts',
  'instrumentation-client.ts',
  'next.config.ts',
  'scripts/ascii-server-chunks.mjs',
  'package.json',
  'package-lock.json',
];

function newestMtime(entry) {
  let stat;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of fs.readdirSync(entry)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    if (/\.test\.tsx?$/.test(name) || name === '__tests__') continue;
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

/**
 * The benchmarks run against the production build. Builds (`npm run build`) when the standalone
 * server is missing or older than any source file; BENCH_SKIP_BUILD=1 uses whatever is there.
 */
export function ensureBuild() {
  const marker = path.join(root, '.next', 'standalone', 'server.js');
  const buildId = path.join(root, '.next', 'BUILD_ID');
  const builtAt = fs.existsSync(marker) && fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  const sourcesAt = Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
  if (builtAt > 0 && (builtAt >= sourcesAt || process.env.BENCH_SKIP_BUILD === '1')) return false;
  console.log(
    builtAt === 0 ? 'No production build: npm run build' : 'Sources changed since the build: npm run build',
  );
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status})`);
  return true;
}

// ---------------------------------------------------------------- processes

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(url, child, timeoutMs = 60_000, intervalMs = 100) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await sleep(intervalMs);
  }
  throw new Error(`${url} did not come up in ${timeoutMs} ms`);
}

export function tempDatabasePath(name) {
  return path.join(os.tmpdir(), `glm-chat-bench-${name}-${process.pid}.db`);
}

export function removeDatabase(file) {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
}

async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

export async function startSimulator({ port = ports.simulator, tokensPerSecond = 100 } = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'lib/glm/simulator/cli.ts'], {
    cwd: root,
    env: {
      ...process.env,
      SIMULATOR_PORT: String(port),
      SIMULATOR_FLAVOUR: 'zai',
      SIMULATOR_TOKENS_PER_SECOND: String(tokensPerSecond),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/__simulator/health`, child);
  return { url, child, stop: () => stopChild(child) };
}

/**
 * The V8 flags the app runs with: the production ones (scripts/node-flags.mjs, as `npm start` and
 * the Docker image use), or BENCH_NODE_FLAGS (space-separated; empty for none) to compare.
 */
export function serverNodeFlags() {
  const override = process.env.BENCH_NODE_FLAGS;
  return override === undefined ? SERVER_NODE_FLAGS : override.split(/\s+/).filter(Boolean);
}

/**
 * The environment variables the production server starts with (scripts/node-flags.mjs, as `npm start`
 * and the Docker image set them), or BENCH_SERVER_ENV (space-separated NAME=value; empty for none).
 */
export function serverEnv() {
  const override = process.env.BENCH_SERVER_ENV;
  if (override === undefined) return SERVER_ENV;
  return Object.fromEntries(
    override
      .split(/\s+/)
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );
}

/** Environment of a benchmark app: single-user, no per-user throttles, the simulator over HTTP. */
export function appEnv({ port, simulatorUrl, databasePath, env = {} }) {
  const inherited = { ...process.env };
  for (const name of Object.keys(SERVER_ENV)) delete inherited[name];
  return {
    ...inherited,
    ...serverEnv(),
    PORT: String(port),
    HOST: '127.0.0.1',
    GLM_PROVIDER: 'simulator',
    GLM_BASE_URL: `${simulatorUrl}/v1`,
    SIMULATOR_FLAVOUR: 'zai',
    // Single-user mode: the chat path without a session lookup (accounts add one SQLite read).
    AUTH_MODE: 'none',
    CHAT_RATE_LIMIT: '1000000',
    CHAT_MAX_STREAMS: '10000',
    DATABASE_PATH: databasePath,
    ...env,
  };
}

export async function startApp({
  port = ports.app,
  simulatorUrl,
  databasePath = tempDatabasePath(`app-${port}`),
  keepDatabase = false,
  env = {},
} = {}) {
  const startedAt = performance.now();
  const child = spawn(process.execPath, [...serverNodeFlags(), 'scripts/start.mjs'], {
    cwd: root,
    env: appEnv({ port, simulatorUrl, databasePath, env }),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/api/health`, child, 60_000, 10);
  const readyMs = performance.now() - startedAt;
  return {
    url,
    child,
    pid: child.pid,
    databasePath,
    readyMs,
    async stop() {
      await stopChild(child);
      if (!keepDatabase) removeDatabase(databasePath);
    },
  };
}

/** Resident memory of a process in MB (Linux /proc), or undefined. */
export function rssMb(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU time (user + system) a process has used so far, in ms (Linux /proc; 10 ms resolution). */
export function cpuMs(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line (11 and 12 after the name).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

/** Samples a process's RSS every `ms` until stopped; returns the peak. */
export function sampleRss(pid, ms = 100) {
  let peak = rssMb(pid) ?? 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb(pid) ?? 0);
  }, ms);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rssMb(pid) ?? 0);
    },
  };
}

// ---------------------------------------------------------------- streams

let counter = 0;
export const newId = (prefix = 'bench') =>
  `${prefix}${process.pid.toString(36)}${Date.now().toString(36)}${(counter++).toString(36)}`.padEnd(12, '0');

/** The request body the browser sends for a new message. */
export function chatBody(text, conversationId = newId('conv')) {
  return JSON.stringify({
    id: conversationId,
    trigger: 'submit-message',
    message: { id: newId('msg'), role: 'user', parts: [{ type: 'text', text }] },
  });
}

export function simulatorBody(text) {
  return JSON.stringify({
    model: 'glm-4.7-flash',
    stream: true,
    stream_options: { include_usage: true },
    thinking: { type: 'enabled' },
    messages: [{ role: 'user', content: text }],
  });
}

/**
 * How many tokens a delta's text is, by the simulator's own tokeniser (lib/glm/simulator/tokens.ts):
 * the simulator sends one token per delta, and a delta the app merged (lib/glm/coalesce.ts merges
 * deltas that arrived together) is a concatenation of whole tokens, which this counts back.
 */
const { countTokens } = await tsImport('../lib/glm/simulator/tokens.ts', import.meta.url);

/** The text deltas of one complete SSE line: an AI SDK `*-delta` part, or a GLM chunk's choice 0. */
function deltaTexts(kind, line) {
  if (!line.startsWith('data: {')) return [];
  let event;
  try {
    event = JSON.parse(line.slice(6));
  } catch {
    return [];
  }
  if (kind === 'app') {
    return event.type === 'text-delta' || event.type === 'reasoning-delta' ? [event.delta] : [];
  }
  const choice = event.choices?.find((c) => (c.index ?? 0) === 0);
  const delta = choice?.delta ?? {};
  return [delta.reasoning_content ?? delta.reasoning, delta.content].filter(
    (t) => typeof t === 'string' && t !== '',
  );
}

/**
 * POSTs and reads an SSE response, timing every token when its text arrives: each delta (an AI SDK
 * `*-delta` through the app, choice 0's text straight from the simulator) counts as many tokens as
 * its text holds, all timed at the read that brought it. Tokens that arrive in one read share its time.
 * Through the app, `conversationId` sends a follow-up into that conversation (default: a new one).
 */
export async function timeStream(kind, baseUrl, text, { origin, conversationId } = {}) {
  const url = kind === 'app' ? `${baseUrl}/api/chat` : `${baseUrl}/v1/chat/completions`;
  const body = kind === 'app' ? chatBody(text, conversationId) : simulatorBody(text);
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) },
    body,
  });
  if (!response.ok)
    throw new Error(`${url}: HTTP ${response.status} ${(await response.text()).slice(0, 200)}`);
  const decoder = new TextDecoder();
  const times = [];
  let carry = '';
  let errorSeen = false;
  for await (const chunk of response.body) {
    const now = performance.now() - started;
    // Events can be split across reads: keep the unfinished line for the next one.
    const textChunk = carry + decoder.decode(chunk, { stream: true });
    const cut = textChunk.lastIndexOf('\n');
    const complete = cut < 0 ? '' : textChunk.slice(0, cut);
    carry = cut < 0 ? textChunk : textChunk.slice(cut + 1);
    for (const line of complete.split('\n')) {
      for (const delta of deltaTexts(kind, line)) {
        const n = countTokens(delta);
        for (let i = 0; i < n; i++) times.push(now);
      }
    }
    if (kind === 'app' && complete.includes('"type":"error"')) errorSeen = true;
  }
  if (times.length === 0) throw new Error(`${url}: no token arrived`);
  if (errorSeen) throw new Error(`${url}: the stream carried an error part`);
  const gaps = [];
  for (let i = 1; i < times.length; i++) gaps.push(times[i] - times[i - 1]);
  return { ttft: times[0], total: times[times.length - 1], tokens: times.length, gaps, times };
}

/**
 * How late each token is against a steady pace from the stream's first token (token i is due at
 * first + i × interval): a stream that falls behind and then bursts shows here, where its gaps
 * (mostly zero inside a burst) would hide it.
 */
export function lateness(result, intervalMs) {
  return result.times.map((t, i) => t - result.ttft - i * intervalMs);
}

// ---------------------------------------------------------------- figures

export function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export const stats = (values) => ({
  p50: percentile(values, 50),
  p99: percentile(values, 99),
  n: values.length,
});

/**
 * One line of the results table. `value`/`p99` are the figures, `budget` a readable limit, `pass`
 * true/false, or null for an informational row.
 */
export function row(metric, { p50, p99, unit = 'ms', budget = '', pass = null, note = '' }) {
  return { metric, p50, p99, unit, budget, pass, note };
}

export function machine() {
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    loadAverage: os.loadavg().map((v) => Number(v.toFixed(2))),
    memoryGb: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
}

const fmt = (value, unit) => {
  if (value === undefined || value === null || Number.isNaN(value)) return '—';
  if (typeof value === 'string') return value;
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)}${unit ? ` ${unit}` : ''}`;
};

export function printTable(results) {
  const lines = [];
  const header = ['bench', 'metric', 'median', 'p99', 'budget', 'result'];
  const body = [];
  for (const result of results) {
    if (result.skipped) {
      body.push([result.id, result.title, '—', '—', result.budget ?? '', `skipped: ${result.skipped}`]);
      continue;
    }
    if (result.error) {
      body.push([result.id, result.title, '—', '—', result.budget ?? '', `ERROR: ${result.error}`]);
      continue;
    }
    for (const r of result.rows) {
      body.push([
        result.id,
        r.metric,
        fmt(r.p50, r.unit),
        fmt(r.p99, r.unit),
        r.budget,
        r.pass === null ? (r.note ?? '') : `${r.pass ? 'pass' : 'MISS'}${r.note ? ` (${r.note})` : ''}`,
      ]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => String(cells[i]).length)));
  const line = (cells) =>
    cells
      .map((c, i) => String(c).padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  lines.push(line(header));
  lines.push(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const cells of body) lines.push(line(cells));
  return lines.join('\n');
}

/** The suite's report: bench/results/<time>.json and bench/results/latest.json. */
export function writeReport(report) {
  const dir = path.join(root, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const stamp = report.finishedAt.replace(/[:.]/g, '-');
  const text = `${JSON.stringify(report, null, 2)}\n`;
  const file = path.join(dir, `${stamp}.json`);
  fs.writeFileSync(file, text);
  fs.writeFileSync(path.join(dir, 'latest.json'), text);
  return file;
}

/** A stand-alone script's figures: bench/results/<name>.json. */
export function writeResults(name, data) {
  fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
  const file = path.join(root, 'bench', 'results', `${name}.json`);
  fs.writeFileSync(
    file,
    `${JSON.stringify({ ...data, cores: os.cpus().length, node: process.version, at: new Date().toISOString() }, null, 2)}\n`,
  );
  return file;
}
