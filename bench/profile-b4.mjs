// Profiling aid for B4's first load (not a benchmark): opens a seeded 1,000-message conversation in
// Chromium with tracing on and prints each long task of the load with what it spent its time on.
//   BENCH_PORT_BASE=200 node bench/profile-b4.mjs
import { heaviestInside, launchBrowser, newPage } from './browser.mjs';
import { ports, startApp, startSimulator } from './lib.mjs';
import { migratedDatabase, seedConversation } from './seed.mjs';

const simulator = await startSimulator({ port: ports.simulator });
const port = ports.app + 4;
const databasePath = await migratedDatabase('b4-profile', { port, simulatorUrl: simulator.url });
const conversationId = seedConversation(databasePath, { messages: 1000 });
const app = await startApp({ port, simulatorUrl: simulator.url, databasePath });
const browser = await launchBrowser();
try {
  await fetch(`${app.url}/c/${conversationId}`).then((r) => r.text());
  for (let run = 0; run < 2; run++) {
    const { context, page } = await newPage(browser);
    await browser.startTracing(page, {
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute'],
    });
    await page.goto(`${app.url}/c/${conversationId}`, { waitUntil: 'load' });
    await page.waitForTimeout(1500);
    const { traceEvents } = JSON.parse((await browser.stopTracing()).toString());
    // The renderer main thread that did the most work (navigation can switch renderer processes).
    const mains = traceEvents.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
    const busy = (m) =>
      traceEvents
        .filter((e) => e.ph === 'X' && e.pid === m.pid && e.tid === m.tid)
        .reduce((t, e) => t + (e.dur ?? 0), 0);
    const main = mains.sort((a, b) => busy(b) - busy(a))[0];
    const events = traceEvents
      .filter((e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid && e.dur)
      .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    const tasks = events.filter((e) => e.name === 'RunTask' && e.dur > 50_000);
    const t0 = events[0].ts;
    console.log(`run ${run}: ${tasks.length} long tasks`);
    for (const task of tasks) {
      console.log(
        `  task at ${((task.ts - t0) / 1000).toFixed(0)} ms: ${(task.dur / 1000).toFixed(0)} ms — ${heaviestInside(task, events)}`,
      );
    }
    await context.close();
  }
} finally {
  await browser.close();
  await app.stop();
}
