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
