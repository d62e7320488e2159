#!/usr/bin/env node
// Sidebar and search figures on a large database (10,000 conversations, 100,000 messages):
//   node bench/sidebar-search.mjs [db-path] [--port 3511] [--queries 50]
// Seeds the database with bench/seed-large.mjs when it does not exist, starts the production app
// on it (single-user mode), then measures over HTTP and in Chromium, and prints the figures:
// - sidebar API: first page (p50/p99 of 30), and paging 20 pages deep with the cursor
// - sidebar in Chromium: first contentful paint, first sidebar row, long tasks during load, and
//   scrolling 1,000+ rows (pages loaded as it goes): frame times and long tasks
// - search API: p50/p99 over ~50 queries (English common and rare words, Chinese and Japanese
//   phrases, 2-character CJK words, filters)
// Figures, not a pass/fail test. Build first (npm run build).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { percentile, root, serverNodeFlags, writeResults } from './lib.mjs';
import { seedLarge } from './seed-large.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const dbPath = path.resolve(
  args[0] && !args[0].startsWith('--') ? args[0] : path.join(os.tmpdir(), 'glm-chat-bench-large.db'),
);
const port = Number(option('port', 3511));
const base = `http://127.0.0.1:${port}`;

const QUERIES = [
  // English, common (many matches: newest first, one page)
  'the',
  'model',
  'database',
  'server request',
  'react component',
  'memory latency',
  'typescript',
  'conversation',
  'search index',
  'stream',
  'docker',
  'history',
  'weather',
  'picnic',
  'ocean',
  // English, rare
  'zanzibar',
  'quetzalcoatl',
  'fjordland',
  'xylophonist',
  'marmalade',
  'nonexistentword',
  // code
  'fib(n',
  'npm run build',
  'order by updated_at',
  'return a + b',
  // Chinese (3+ characters: trigram index) and 2 characters (LIKE)
  '长城的历史',
  '人工智能',
  '机器学习',
  '数据库索引',
  '北京烤鸭',
  '全文搜索',
  '分布式系统',
  '你好',
  '春节',
  '中文',
  '性能',
  // Japanese
  '東京の天気',
  '機械学習',
  'こんにちは',
  '全文検索',
  '富士山',
  'データベース',
  // mixed and filters
  'model 人工智能',
  'zanzibar 长城',
  'server&pinned=1',
  'the&archived=1',
  '长城的历史&pinned=1',
  'database&shared=1',
  'python&archived=1',
];

async function waitFor(url, child, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up`);
}

async function timed(url) {
  const start = performance.now();
  const response = await fetch(url);
  const body = await response.json();
  if (!response.ok) throw new Error(`${url}: ${response.status} ${JSON.stringify(body)}`);
  return { ms: performance.now() - start, body };
}

const round = (n) => Math.round(n * 10) / 10;
const stats = (values) => ({
  p50: round(percentile(values, 50)),
  p99: round(percentile(values, 99)),
  max: round(Math.max(...values)),
  n: values.length,
});

async function main() {
  if (!fs.existsSync(path.join(root, '.next', 'standalone', 'server.js')))
    throw new Error('Build first: npm run build');
  let seeded = null;
  if (!fs.existsSync(dbPath)) {
    console.log(`seeding ${dbPath} …`);
    seeded = seedLarge(dbPath, {
      conversations: Number(option('conversations', 10_000)),
      messages: Number(option('messages', 100_000)),
    });
    console.log(`seeded in ${seeded.seconds} s`);
  }
  const app = spawn(process.execPath, [...serverNodeFlags(), 'scripts/start.mjs'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      GLM_PROVIDER: 'simulator',
      AUTH_MODE: 'none',
      DATABASE_PATH: dbPath,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitFor(`${base}/api/health`, app);
    // Warm up: first requests compile routes and open the database.
    await timed(`${base}/api/conversations`);
    await timed(`${base}/api/search?q=warmup`);

    const firstPage = [];
    for (let i = 0; i < 30; i++) firstPage.push((await timed(`${base}/api/conversations`)).ms);
    const deep = [];
    let cursor = null;
    for (let i = 0; i < 20; i++) {
      const { ms, body } = await timed(`${base}/api/conversations${cursor ? `?cursor=${cursor}` : ''}`);
      deep.push(ms);
      cursor = body.nextCursor;
      if (!cursor) break;
    }

    const search = [];
    const perQuery = [];
    for (const raw of QUERIES) {
      const [q, ...filters] = raw.split('&');
      const url = `${base}/api/search?q=${encodeURIComponent(q)}${filters.length ? `&${filters.join('&')}` : ''}`;
      const { ms, body } = await timed(url);
      search.push(ms);
      perQuery.push({ query: raw, ms: round(ms), hits: body.hits.length });
    }

    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--disable-gpu'],
    });
    // A first visit warms the server (route code, caches) and is not measured.
    const warm = await browser.newPage();
    await warm.goto(`${base}/`, { waitUntil: 'load' });
    await warm.close();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window;
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries())
          w.__longTasks.push({ start: entry.startTime, duration: entry.duration });
      }).observe({ type: 'longtask', buffered: true });
      new MutationObserver(() => {
        if (w.__firstRow === undefined && document.querySelector('li[data-conversation-id]'))
          w.__firstRow = performance.now();
      }).observe(document, { childList: true, subtree: true });
    });
    const navStart = performance.now();
    await page.goto(`${base}/`, { waitUntil: 'load' });
    await page.waitForSelector('li[data-conversation-id]');
    const loadFigures = await page.evaluate(() => {
      const w = window;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
      const nav = performance.getEntriesByType('navigation')[0];
      return {
        fcp,
        ttfb: nav ? nav.responseStart : null,
        firstRow: w.__firstRow ?? null,
        longTasks: w.__longTasks.slice(),
      };
    });
    const loadWall = performance.now() - navStart;

    const scroll = await page.evaluate(async () => {
      const w = window;
      const scroller = document.querySelector('[data-testid="conversation-scroller"]');
      const list = document.querySelector('ul[data-count]');
      const before = w.__longTasks.length;
      const frames = [];
      const start = performance.now();
      let last = start;
      for (let step = 0; step < 400; step++) {
        scroller.scrollTop += 360;
        await new Promise((r) => requestAnimationFrame(() => r()));
        const now = performance.now();
        frames.push(now - last);
        last = now;
        if (
          Number(list?.getAttribute('data-count')) >= 1000 &&
          scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2
        )
          break;
      }
      const tasks = w.__longTasks.slice(before);
      return {
        ms: performance.now() - start,
        steps: frames.length,
        loaded: Number(document.querySelector('ul[data-count]')?.getAttribute('data-count')),
        rowsInDom: document.querySelectorAll('li[data-conversation-id]').length,
        frames,
        longTasks: tasks.length,
        longTaskMs: tasks.reduce((s, t) => s + t.duration, 0),
        longestTask: tasks.reduce((m, t) => Math.max(m, t.duration), 0),
      };
    });
    await browser.close();

    const results = {
      database: { path: dbPath, seeded },
      sidebarApi: { firstPageMs: stats(firstPage), pagingMs: stats(deep) },
      sidebarBrowser: {
        documentTtfbMs: loadFigures.ttfb === null ? null : round(loadFigures.ttfb),
        firstContentfulPaintMs: loadFigures.fcp === null ? null : round(loadFigures.fcp),
        firstRowMs: loadFigures.firstRow === null ? null : round(loadFigures.firstRow),
        loadWallMs: round(loadWall),
        longTasksDuringLoad: loadFigures.longTasks.length,
        longestLoadTaskMs: round(loadFigures.longTasks.reduce((m, t) => Math.max(m, t.duration), 0)),
        scroll: {
          rowsLoaded: scroll.loaded,
          rowsInDom: scroll.rowsInDom,
          steps: scroll.steps,
          ms: round(scroll.ms),
          frameMs: stats(scroll.frames),
          longTasks: scroll.longTasks,
          longTaskMs: round(scroll.longTaskMs),
          longestTaskMs: round(scroll.longestTask),
        },
      },
      searchApiMs: stats(search),
      searchQueries: perQuery,
    };
    const file = writeResults('sidebar-search', results);
    console.log(JSON.stringify({ ...results, searchQueries: undefined }, null, 2));
    console.log('slowest queries:', [...perQuery].sort((a, b) => b.ms - a.ms).slice(0, 8));
    console.log(`written to ${path.relative(root, file)}`);
  } finally {
    app.kill('SIGTERM');
    await new Promise((r) => (app.exitCode !== null ? r() : app.once('exit', r)));
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
