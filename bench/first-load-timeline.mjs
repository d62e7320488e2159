// `node bench/first-load-timeline.mjs` (after a build; BENCH_PORT_BASE as for the suite): which
// scripts Chromium really fetches to open /c/{id} (a stored question and an answer with a code
// block), when (ms from navigation), and their gzipped size; split at the load event. B7 counts what
// the HTML references; this shows that a browser fetches exactly that by `load`, and what the page
// fetches later (the chat runtime, the markdown renderer, the settings dialog, Shiki). Not part of
// `npm run bench`.
import zlib from 'node:zlib';
import { launchBrowser, newPage } from './browser.mjs';
import { chatBody, ports, startApp, startSimulator } from './lib.mjs';

const simulator = await startSimulator({ port: ports.simulator });
const app = await startApp({ port: ports.app + 6, simulatorUrl: simulator.url });
const browser = await launchBrowser();
try {
  const id = `timeline${Date.now().toString(36)}`;
  await (
    await fetch(`${app.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chatBody('::rate 0\n::code-blocks 1\nHello there', id),
    })
  ).text();
  const { page } = await newPage(browser);
  const seen = [];
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${r.url().replace(app.url, '')}`);
  });
  let t0 = 0;
  page.on('response', async (r) => {
    if (r.request().resourceType() !== 'script') return;
    const at = Date.now() - t0;
    const body = await r.body().catch(() => Buffer.alloc(0));
    seen.push({ at, url: r.url().replace(app.url, ''), gzip: zlib.gzipSync(body, { level: 9 }).length });
  });
  t0 = Date.now();
  await page.goto(`${app.url}/c/${id}`, { waitUntil: 'load' });
  const loadAt = Date.now() - t0;
  await page.waitForTimeout(4000);
  seen.sort((a, b) => a.at - b.at);
  let before = 0;
  let after = 0;
  for (const s of seen) {
    if (s.at <= loadAt) before += s.gzip;
    else after += s.gzip;
    console.log(String(s.at).padStart(6), 'ms', (s.gzip / 1024).toFixed(1).padStart(6), 'KB', s.url);
  }
  console.log(
    `load event at ${loadAt} ms; scripts by then ${(before / 1024).toFixed(1)} KB, after ${(after / 1024).toFixed(1)} KB`,
  );
  const codeBlocks = await page.locator('[data-streamdown="code-block"]').count();
  console.log('code blocks on page', codeBlocks);
  console.log(errors.length ? `console errors:\n${errors.join('\n')}` : 'no console errors');
} finally {
  await browser.close();
  await app.stop();
  await simulator.stop?.();
}
process.exit(0);
