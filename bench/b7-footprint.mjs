// B7: the JavaScript a browser loads to open /c/{id} (every script the HTML references, gzipped as
// a server would send it), cold start to ready on an empty database (migrations included, measured
// from spawning the process to the first 200 of /api/health/ready), and resident memory when idle.
import zlib from 'node:zlib';
import {
  chatBody,
  percentile,
  ports,
  removeDatabase,
  row,
  rssMb,
  sleep,
  startApp,
  tempDatabasePath,
} from './lib.mjs';

export const id = 'B7';
export const title = 'first-load JS of /c/[id], cold start, idle memory';
export const budget = '≤ 200 KB gzip; ≤ 1.5 s; ≤ 150 MB';

const COLD_STARTS = Number(process.env.BENCH_B7_STARTS ?? 3);

async function coldStart(simulatorUrl, keep) {
  const databasePath = tempDatabasePath(`b7-${Date.now()}`);
  removeDatabase(databasePath);
  const t0 = performance.now();
  const app = await startApp({ port: ports.app + 7, simulatorUrl, databasePath });
  // Liveness answered; readiness (database, migrations, upstream) is what "ready" means.
  for (;;) {
    const response = await fetch(`${app.url}/api/health/ready`).catch(() => undefined);
    if (response?.ok) break;
    await sleep(5);
  }
  const readyMs = performance.now() - t0;
  const bootRss = rssMb(app.pid);
  if (keep) return { app, readyMs, bootRss };
  await app.stop();
  return { readyMs, bootRss };
}

async function firstLoadJs(appUrl, path) {
  const html = await (await fetch(`${appUrl}${path}`)).text();
  const sources = new Set();
  // A `nomodule` script (Next's legacy polyfills) is fetched only by browsers without ES modules
  // (before 2018); a current browser never downloads it. Counted apart, not in the first load.
  const legacy = new Set();
  for (const match of html.matchAll(/<script[^>]*\ssrc="([^"]+)"[^>]*>/g))
    (/\snomodule\b/i.test(match[0]) ? legacy : sources).add(match[1]);
  for (const match of html.matchAll(/<link[^>]*rel="preload"[^>]*as="script"[^>]*href="([^"]+)"/g))
    sources.add(match[1]);
  for (const match of html.matchAll(/<link[^>]*href="([^"]+)"[^>]*as="script"/g)) sources.add(match[1]);
  let raw = 0;
  let gzip = 0;
  const files = [];
  for (const src of sources) {
    const body = Buffer.from(await (await fetch(new URL(src, appUrl))).arrayBuffer());
    const size = zlib.gzipSync(body, { level: 9 }).length;
    raw += body.length;
    gzip += size;
    files.push({ src, raw: body.length, gzip: size });
  }
  files.sort((a, b) => b.gzip - a.gzip);
  let legacyGzip = 0;
  for (const src of legacy) {
    const body = Buffer.from(await (await fetch(new URL(src, appUrl))).arrayBuffer());
    legacyGzip += zlib.gzipSync(body, { level: 9 }).length;
  }
  return { raw, gzip, files, legacy: [...legacy], legacyGzip };
}

export async function run({ simulatorUrl }) {
  const starts = [];
  for (let i = 0; i < COLD_STARTS - 1; i++) starts.push(await coldStart(simulatorUrl, false));
  const last = await coldStart(simulatorUrl, true);
  starts.push(last);
  const { app } = last;
  try {
    // One conversation to open: a question and its answer, through the app.
    const conversationId = `benchb7${Date.now().toString(36)}`;
    const response = await fetch(`${app.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chatBody('::rate 0\nHello there', conversationId),
    });
    await response.text();
    const js = await firstLoadJs(app.url, `/c/${conversationId}`);
    await fetch(`${app.url}/`).then((r) => r.text());
    // Idle: a while after serving a chat and a page.
    await sleep(3000);
    const idleRss = rssMb(app.pid);
    const ready = starts.map((s) => s.readyMs);
    return {
      rows: [
        row('first-load JS of /c/[id] (gzip)', {
          p50: js.gzip / 1024,
          p99: js.gzip / 1024,
          unit: 'KB',
          budget: '≤ 200 KB',
          pass: js.gzip / 1024 <= 200,
          note: `${js.files.length} scripts, ${(js.raw / 1024).toFixed(0)} KB uncompressed; largest ${js.files[0] ? `${(js.files[0].gzip / 1024).toFixed(0)} KB` : '—'}; not counted: ${js.legacy.length} nomodule script(s), ${(js.legacyGzip / 1024).toFixed(0)} KB`,
        }),
        row('cold start to ready, empty database', {
          p50: percentile(ready, 50),
          p99: Math.max(...ready),
          budget: '≤ 1.5 s',
          pass: Math.max(...ready) <= 1500,
          note: `${COLD_STARTS} starts, p99 = slowest; spawn → /api/health/ready`,
        }),
        row('RSS after boot', {
          p50: percentile(
            starts.map((s) => s.bootRss),
            50,
          ),
          p99: Math.max(...starts.map((s) => s.bootRss)),
          unit: 'MB',
        }),
        row('idle RSS after a chat and two pages', {
          p50: idleRss,
          p99: idleRss,
          unit: 'MB',
          budget: '≤ 150 MB',
          pass: idleRss <= 150,
        }),
      ],
      files: js.files,
      legacyScripts: js.legacy,
    };
  } finally {
    await app.stop();
  }
}
