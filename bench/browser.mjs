// Debian's Chromium through Playwright, with the flags the e2e suite uses, and a long-task recorder
// (PerformanceObserver, buffered from the start of every page).
import { chromium } from '@playwright/test';

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--disable-gpu', '--disable-quic'],
  });
}

/** Installed before any page script: every long task (> 50 ms) as [start, duration] in ms. */
export function recordLongTasks() {
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push([entry.startTime, entry.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no long task API: the benchmark reports nothing rather than zero
    window.__longTasks = null;
  }
}

export async function newPage(browser, { width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  await page.addInitScript(recordLongTasks);
  return { context, page };
}

/** The events of a Chromium trace that ran inside `task`, heaviest first, labelled for a report. */
export function heaviestInside(task, events, count = 8) {
  const byName = new Map();
  for (const e of events) {
    if (e === task || e.ts < task.ts || e.ts + e.dur > task.ts + task.dur) continue;
    const d = e.args?.data ?? {};
    const label = ['EvaluateScript', 'v8.compile', 'FunctionCall'].includes(e.name)
      ? [
          e.name,
          d.functionName,
          String(d.url ?? '')
            .split('/')
            .pop(),
        ]
          .filter(Boolean)
          .join(' ')
      : e.name;
    byName.set(label, Math.max(byName.get(label) ?? 0, e.dur / 1000));
  }
  return [...byName.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([label, ms]) => `${label} ${ms.toFixed(0)}`)
    .join('; ');
}
