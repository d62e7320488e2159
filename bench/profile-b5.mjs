// Profiling aid for B5 (not a benchmark): streams the B5 answer (BENCH_B5_TOKENS, default 6,000)
// into Chromium with the CDP sampling profiler on, then prints the renderer's script / layout /
// style time and the JavaScript functions with the most self time. Usage (after a build):
//   BENCH_PORT_BASE=200 node bench/profile-b5.mjs
import { launchBrowser, newPage } from './browser.mjs';
import { ports, startApp, startSimulator } from './lib.mjs';

const TOKENS = Number(process.env.BENCH_B5_TOKENS ?? 6000);
const PROMPT = `::plain\n::rate 500\n::long ${TOKENS}\n::code-blocks ${Math.round((40 * TOKENS) / 20000)}\nWrite a long answer with code.`;

const simulator = await startSimulator({ port: ports.simulator });
const app = await startApp({ port: ports.app + 5, simulatorUrl: simulator.url });
const browser = await launchBrowser();
try {
  const { page } = await newPage(browser);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  await page.goto(`${app.url}/`);
  await page.getByRole('textbox', { name: 'Message' }).fill(PROMPT);
  await page.getByRole('button', { name: 'Send' }).click();
  await page
    .locator('article[data-role="assistant"][data-status="streaming"]')
    .waitFor({ state: 'attached', timeout: 30_000 });
  const tracing = process.env.TRACE === '1';
  if (tracing)
    await browser.startTracing(page, {
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing'],
    });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const metrics = async () =>
    Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const mutations = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const seen = [];
        const o = new MutationObserver((records) => {
          const targets = new Set(
            records.map((r) => {
              const t = r.target.nodeType === 1 ? r.target : r.target.parentElement;
              return `${r.type}:${t?.tagName}.${String(t?.className).slice(0, 40)}${r.attributeName ? `@${r.attributeName}` : ''}`;
            }),
          );
          seen.push([Math.round(performance.now()), [...targets].slice(0, 4).join(' | ')]);
        });
        o.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        setTimeout(() => {
          o.disconnect();
          resolve(seen);
        }, 1000);
      }),
  );
  console.log(`mutation batches in 1 s: ${mutations.length}`);
  for (const m of mutations.slice(0, 25)) console.log(m.join(' '));
  const m0 = await metrics();
  console.log(
    'animations:',
    await page.evaluate(() =>
      document
        .getAnimations()
        .map(
          (a) =>
            `${a.animationName ?? a.constructor.name} on ${a.effect?.target?.tagName}.${String(a.effect?.target?.className).slice(0, 80)}`,
        ),
    ),
  );
  const from = await page.evaluate(() => performance.now());
  await page
    .locator('article[data-role="assistant"]:not([data-status="streaming"])')
    .waitFor({ state: 'attached', timeout: 120_000 });
  const m1 = await metrics();
  const { profile } = await cdp.send('Profiler.stop');
  if (tracing) {
    const { traceEvents } = JSON.parse((await browser.stopTracing()).toString());
    const main = traceEvents.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
    const events = traceEvents
      .filter((e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid && e.dur)
      .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    // Time of each event name directly under a top-level task (RunTask).
    const byName = new Map();
    let task = null;
    for (const e of events) {
      if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') {
        task = e;
        continue;
      }
      if (!task || e.ts >= task.ts + task.dur) continue;
      if (task.child && e.ts < task.child.ts + task.child.dur) continue;
      task.child = e;
      byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000);
    }
    const long = events.filter((e) => e.name === 'RunTask' && e.dur > 50_000);
    for (const task of long) {
      const inside = events.filter(
        (e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur,
      );
      const byName = new Map();
      for (const e of inside) {
        const d = e.args?.data ?? {};
        const label =
          e.name === 'EvaluateScript' || e.name === 'v8.compile' || e.name === 'FunctionCall'
            ? `${e.name} ${d.functionName ?? ''} ${String(d.url ?? '')
                .split('/')
                .pop()}`
            : e.name;
        byName.set(label, Math.max(byName.get(label) ?? 0, e.dur / 1000));
      }
      const top = [...byName.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
      console.log(
        `long task ${(task.dur / 1000).toFixed(0)} ms — ${top.map(([k, v]) => `${k} ${v.toFixed(0)}`).join('; ')}`,
      );
    }
    const count = (n) => events.filter((e) => e.name === n).length;
    console.log(
      `frames: ${count('Commit')} commits, ${count('Paint')} paints, ${count('Layout')} layouts, ${count('TimerFire')} timers, ${count('FireAnimationFrame')} rAF, ${count('v8.callFunction')} callFunction`,
    );
    const timers = new Map();
    for (const e of events.filter(
      (x) => x.name === 'FunctionCall' && x.args?.data?.functionName !== undefined,
    )) {
      const d = e.args.data;
      const k = `${d.functionName || '(anon)'} ${String(d.url).split('/').pop()}:${d.lineNumber}`;
      timers.set(k, (timers.get(k) ?? 0) + e.dur / 1000);
    }
    console.log('JS entry points (FunctionCall):');
    for (const [k, v] of [...timers.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12))
      console.log(`${v.toFixed(0).padStart(7)} ms  ${k}`);
    console.log('main-thread time by top-level event:');
    for (const [k, v] of [...byName.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20))
      console.log(`${v.toFixed(0).padStart(7)} ms  ${k}`);
  }
  const wall = m1.Timestamp - m0.Timestamp;
  const pct = (k) => `${(((m1[k] - m0[k]) / wall) * 100).toFixed(1)} %`;
  console.log(
    `wall ${wall.toFixed(1)} s; task ${pct('TaskDuration')}, script ${pct('ScriptDuration')}, layout ${pct('LayoutDuration')}, style ${pct('RecalcStyleDuration')}`,
  );
  const tasks = await page.evaluate((t) => (window.__longTasks ?? []).filter(([s]) => s >= t), from);
  console.log(`long tasks: ${tasks.map(([, d]) => Math.round(d)).join(' ')}`);
  // Self time per function (samples × interval).
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const n = byId.get(profile.samples[i]);
    const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`profile ${total.toFixed(0)} ms sampled`);
  for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40))
    console.log(`${v.toFixed(0).padStart(7)} ms  ${k}`);
  // Inclusive time per function: a sample counts once for every distinct function on its stack.
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n) => {
    const f = n.callFrame;
    return `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`;
  };
  const inclusive = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const seen = new Set();
    for (let id = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const k = label(byId.get(id));
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + (dt[i] ?? 0) / 1000);
    }
  }
  console.log('inclusive:');
  for (const [k, v] of [...inclusive.entries()].sort((a, b) => b[1] - a[1]).slice(0, 60))
    console.log(`${v.toFixed(0).padStart(7)} ms  ${k}`);
} finally {
  await browser.close();
  await app.stop();
  await simulator.stop?.();
}
