// `npm run bench [-- B1 B4 …]`: every benchmark (or the ones named) against the production build and
// the GLM simulator on real sockets. Prints one table and writes bench/results/<time>.json and
// bench/results/latest.json. See bench/README.md for what each one measures and why.
import os from 'node:os';
import { ensureBuild, machine, ports, printTable, startApp, startSimulator, writeReport } from './lib.mjs';

const ALL = ['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7'];
const modules = {
  B1: './b1-ttft.mjs',
  B2: './b2-concurrency.mjs',
  B3: './b3-throughput.mjs',
  B4: './b4-long-thread.mjs',
  B5: './b5-streaming-render.mjs',
  B6: './b6-search.mjs',
  B7: './b7-footprint.mjs',
};

const asked = process.argv.slice(2).map((a) => a.toUpperCase());
const unknown = asked.filter((a) => !ALL.includes(a));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(', ')}: choose from ${ALL.join(' ')}`);
  process.exit(2);
}
const selected = asked.length > 0 ? ALL.filter((b) => asked.includes(b)) : ALL;

const startedAt = new Date();
const before = machine();
console.log(
  `GLM Chat benchmarks ${selected.join(' ')} — ${before.cores} cores (${before.cpu}), load average ${before.loadAverage.join(' ')}, Node ${before.node}`,
);
const built = ensureBuild();

const simulator = await startSimulator({ port: ports.simulator });
let shared;
const context = {
  simulatorUrl: simulator.url,
  /** One app for the streaming benchmarks (fresh database), started on first use. */
  async sharedApp() {
    shared ??= await startApp({ port: ports.app, simulatorUrl: simulator.url });
    return shared;
  },
};

const results = [];
try {
  for (const bench of selected) {
    const mod = await import(modules[bench]);
    const t0 = performance.now();
    process.stdout.write(`${bench} ${mod.title} … `);
    let result;
    try {
      const needsApp = ['B1', 'B2', 'B3'].includes(bench);
      result = await mod.run({ ...context, app: needsApp ? await context.sharedApp() : undefined });
    } catch (error) {
      result = { error: error instanceof Error ? error.message : String(error) };
      if (process.env.BENCH_DEBUG) console.error(error);
    }
    const seconds = (performance.now() - t0) / 1000;
    console.log(
      result.skipped ? `skipped (${result.skipped})` : result.error ? 'error' : `${seconds.toFixed(1)} s`,
    );
    results.push({
      id: bench,
      title: mod.title,
      budget: mod.budget,
      seconds,
      loadAverage: os.loadavg(),
      ...result,
    });
  }
} finally {
  await shared?.stop();
  await simulator.stop();
}

const after = machine();
const report = {
  startedAt: startedAt.toISOString(),
  finishedAt: new Date().toISOString(),
  machine: { ...before, loadAverageBefore: before.loadAverage, loadAverageAfter: after.loadAverage },
  builtForThisRun: built,
  results,
};
console.log('');
console.log(
  `${report.finishedAt} — ${before.cores} cores, load average ${before.loadAverage.join(' ')} before, ${after.loadAverage.join(' ')} after`,
);
console.log(printTable(results));
const file = writeReport(report);
console.log(`\nwritten to ${file} and bench/results/latest.json`);
const missed = results.some((r) => r.error || r.rows?.some((x) => x.pass === false));
process.exitCode = missed ? 1 : 0;
