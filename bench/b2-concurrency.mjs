// B2: many answers at once, each at 50 tokens/s. For each level the same number of streams is read
// straight from the simulator, then through the app. Inter-chunk delay: how late each token arrives
// against the steady 20 ms pace from its stream's first token (gaps alone hide a stream that falls
// behind and then bursts); what the app adds = app p99 − direct p99 at the same concurrency. The
// app's resident memory is sampled throughout, its CPU time read from /proc.
import { cpuMs, lateness, row, sampleRss, stats, timeStream } from './lib.mjs';

export const id = 'B2';
export const title = 'concurrent streams at 50 tokens/s (100, 300, 500)';
export const budget = '500 streams: 0 errors, p99 inter-chunk delay added ≤ 50 ms, RSS ≤ 600 MB';

const LEVELS = (process.env.BENCH_B2_LEVELS ?? '100,300,500').split(',').map(Number);
// 150 tokens at 50 tokens/s: three seconds of streaming per answer.
const RATE = 50;
const PROMPT = `::rate ${RATE}\n::plain\n::long 150\nStream steadily.`;

async function level(n, simulatorUrl, app) {
  const settle = async (kind, url) => {
    const outcomes = await Promise.allSettled(Array.from({ length: n }, () => timeStream(kind, url, PROMPT)));
    const ok = outcomes.filter((o) => o.status === 'fulfilled').map((o) => o.value);
    const failed = outcomes.filter((o) => o.status === 'rejected');
    return { ok, errors: failed.length, firstError: failed[0]?.reason?.message };
  };
  const direct = await settle('direct', simulatorUrl);
  const rss = sampleRss(app.pid, 50);
  const cpuBefore = cpuMs(app.pid);
  const viaApp = await settle('app', app.url);
  const cpu = cpuMs(app.pid) - cpuBefore;
  const peakRss = rss.stop();
  const tokens = viaApp.ok.reduce((sum, r) => sum + r.tokens, 0);
  return { n, direct, viaApp, peakRss, cpuPer1k: (cpu / Math.max(1, tokens)) * 1000 };
}

export async function run({ simulatorUrl, app }) {
  const rows = [];
  for (const n of LEVELS) {
    const { direct, viaApp, peakRss, cpuPer1k } = await level(n, simulatorUrl, app);
    const dG = stats(direct.ok.flatMap((r) => lateness(r, 1000 / RATE)));
    const aG = stats(viaApp.ok.flatMap((r) => lateness(r, 1000 / RATE)));
    const added = aG.p99 - dG.p99;
    const gate = n === Math.max(...LEVELS);
    rows.push(
      row(`${n} streams: errors through the app`, {
        p50: viaApp.errors,
        p99: viaApp.errors,
        unit: '',
        budget: gate ? '0' : '',
        pass: gate ? viaApp.errors === 0 : null,
        note: viaApp.firstError
          ? viaApp.firstError.slice(0, 80)
          : direct.errors
            ? `${direct.errors} direct errors`
            : '',
      }),
    );
    rows.push(row(`${n} streams: token lateness direct`, dG));
    rows.push(row(`${n} streams: token lateness through the app`, aG));
    rows.push(
      row(`${n} streams: inter-chunk delay added`, {
        p50: aG.p50 - dG.p50,
        p99: added,
        budget: gate ? 'p99 ≤ 50 ms' : '',
        pass: gate ? added <= 50 : null,
      }),
    );
    rows.push(row(`${n} streams: TTFT through the app`, stats(viaApp.ok.map((r) => r.ttft))));
    rows.push(row(`${n} streams: app CPU per 1,000 tokens`, { p50: cpuPer1k, p99: undefined }));
    rows.push(
      row(`${n} streams: app peak RSS`, {
        p50: peakRss,
        p99: peakRss,
        unit: 'MB',
        budget: gate ? '≤ 600 MB' : '',
        pass: gate ? peakRss <= 600 : null,
      }),
    );
  }
  return { rows };
}
