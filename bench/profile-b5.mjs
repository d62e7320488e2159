// Profiling aid for B5 (not a benchmark): streams the B5 answer (BENCH_B5_TOKENS, default 6,000)
// into Chromium with the CDP sampling profiler on, then prints the renderer's script / layout /
// style time and the JavaScript functions with the most self time. Usage (after a build):
//   BENCH_PORT_BASE=200 node bench/profile-b5.mjs
// TRACE=1 adds a Chromium trace: every task over LONG_MS (default 50) with what ran inside it, its
// thread time (CPU the main thread got: wall minus thread time is waiting for a core) and the
// sampled JavaScript in it; then counts of tasks by wall and by thread time. SAMPLE=0 leaves the
// sampling profiler off (its overhead lengthens tasks), SAMPLE_US sets its interval (default 200);
// ALLOC=1 prints where the renderer allocates (sampled heap profile, collected objects included).
// The whole B5 answer: BENCH_B5_TOKENS=20000.
import { heaviestInside, launchBrowser, newPage } from './browser.mjs';
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
  // ALLOC=1: where the renderer allocates (sampled, including objects already collected).
  const allocations = process.env.ALLOC === '1';
  if (allocations)
    await cdp.send('HeapProfiler.startSampling', {
      samplingInterval: 16384,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
  // SAMPLE=0: the trace alone (task durations without the sampling profiler's own overhead).
  const sampling = process.env.SAMPLE !== '0';
  if (sampling) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: Number(process.env.SAMPLE_US ?? 200) });
    await cdp.send('Profiler.start');
  }
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
  if (allocations) {
    const { profile: heap } = await cdp.send('HeapProfiler.stopSampling');
    const selfBytes = new Map();
    const inclusiveBytes = new Map();
    const walk = (node, stack) => {
      const f = node.callFrame;
      const k = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`;
      selfBytes.set(k, (selfBytes.get(k) ?? 0) + node.selfSize);
      const inner = stack.includes(k) ? stack : [...stack, k];
      let total = node.selfSize;
      for (const c of node.children) total += walk(c, inner);
      if (!stack.includes(k)) inclusiveBytes.set(k, (inclusiveBytes.get(k) ?? 0) + total);
      return total;
    };
    const all = walk(heap.head, []);
    const mb = (b) => `${(b / 1e6).toFixed(1).padStart(7)} MB`;
    console.log(`allocated (sampled) while streaming: ${mb(all)}`);
    for (const [k, v] of [...selfBytes.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25))
      console.log(`${mb(v)} self  ${k}`);
    for (const [k, v] of [...inclusiveBytes.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40))
      console.log(`${mb(v)} incl  ${k}`);
  }
  // Long tasks at the very end (the answer's last render) are reported a moment later.
  await page.waitForTimeout(500);
  const { profile } = sampling
    ? await cdp.send('Profiler.stop')
    : { profile: { nodes: [], samples: [], timeDeltas: [], startTime: 0 } };
  // Samples by time (the profiler and the trace share the monotonic clock, in µs).
  const nodeById = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const sampleAt = [];
  {
    let t = profile.startTime;
    for (let i = 0; i < profile.samples.length; i++) {
      t += profile.timeDeltas[i] ?? 0;
      sampleAt.push(t);
    }
  }
  const frameLabel = (n) => {
    const f = n.callFrame;
    return `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`;
  };
  const samplesBetween = (from, to) => {
    const self = new Map();
    const inclusive = new Map();
    for (let i = 0; i < profile.samples.length; i++) {
      if (sampleAt[i] < from || sampleAt[i] > to) continue;
      const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      const leaf = frameLabel(nodeById.get(profile.samples[i]));
      self.set(leaf, (self.get(leaf) ?? 0) + ms);
      const seen = new Set();
      for (let id = profile.samples[i]; id !== undefined; id = parentOf.get(id)) {
        const k = frameLabel(nodeById.get(id));
        if (seen.has(k)) continue;
        seen.add(k);
        inclusive.set(k, (inclusive.get(k) ?? 0) + ms);
      }
    }
    return { self, inclusive };
  };
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
    // Tasks over LONG_MS (default 50; lower it to see the ones that nearly miss).
    const longMs = Number(process.env.LONG_MS ?? 50);
    const long = events.filter((e) => e.name === 'RunTask' && e.dur > longMs * 1000);
    for (const task of long) {
      const inside = events.filter(
        (e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur,
      );
      console.log(
        `long task ${(task.dur / 1000).toFixed(0)} ms (thread ran ${task.tdur === undefined ? '?' : (task.tdur / 1000).toFixed(0)} ms) at ${((task.ts - events[0].ts) / 1e6).toFixed(1)} s — ${heaviestInside(task, events)}`,
      );
      // The JavaScript inside it: the sampling profiler's samples in the task's time span.
      const { self, inclusive } = samplesBetween(task.ts, task.ts + task.dur);
      const show = (map, n) =>
        [...map.entries()]
          .sort((a, b) => b[1] - a[1])
          .slice(0, n)
          .map(([k, v]) => `${v.toFixed(1)} ${k}`)
          .join(' | ');
      for (const e of inside.filter((x) => x.name === 'Layout' && x.dur > 5000)) {
        const b = e.args?.beginData ?? {};
        console.log(
          `    layout ${(e.dur / 1000).toFixed(0)} ms: ${b.dirtyObjects} dirty of ${b.totalObjects} objects, partial ${b.partialLayout}`,
        );
      }
      if (sampling) console.log(`    self: ${show(self, 8)}`);
      if (sampling) console.log(`    inclusive: ${show(inclusive, 24)}`);
    }
    const hist = [16, 30, 40, 50].map(
      (ms) => `${events.filter((e) => e.name === 'RunTask' && e.dur > ms * 1000).length} over ${ms} ms`,
    );
    console.log(`tasks: ${hist.join(', ')}`);
    // Thread time (CPU the renderer's main thread really got): what a task costs whatever the load;
    // wall time minus it is time the OS gave the core to someone else.
    const cpu = events.filter((e) => e.name === 'RunTask' && e.tdur !== undefined).map((e) => e.tdur / 1000);
    const cpuHist = [16, 30, 40, 50].map((ms) => `${cpu.filter((d) => d > ms).length} over ${ms} ms`);
    console.log(`tasks by thread time: ${cpuHist.join(', ')}; longest ${Math.max(0, ...cpu).toFixed(1)} ms`);
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
  console.log(
    `long tasks (PerformanceObserver): ${tasks.map(([s, d]) => `${Math.round(d)} ms at ${((s - from) / 1000).toFixed(1)} s`).join(', ')}`,
  );
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
