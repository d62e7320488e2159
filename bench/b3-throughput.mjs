// B3: one answer at 5,000 tokens/s. The app must keep up with the upstream: the last token should
// arrive about when it arrives straight from the simulator, with no growing backlog in between.
import { cpuMs, percentile, row, timeStream } from './lib.mjs';

export const id = 'B3';
export const title = 'one stream at 5,000 tokens/s';
export const budget = 'delivered at the upstream pace, no backlog';

const TOKENS = 10_000;
const PROMPT = `::rate 5000\n::plain\n::long ${TOKENS}\nFast.`;
const ROUNDS = Number(process.env.BENCH_B3_ROUNDS ?? 3);

export async function run({ simulatorUrl, app }) {
  await timeStream('app', app.url, '::rate 5000\n::plain\n::long 500\nWarm up.');
  const pairs = [];
  const cpu = [];
  for (let i = 0; i < ROUNDS; i++) {
    const direct = await timeStream('direct', simulatorUrl, PROMPT);
    const cpuBefore = cpuMs(app.pid);
    const viaApp = await timeStream('app', app.url, PROMPT);
    cpu.push(((cpuMs(app.pid) - cpuBefore) / viaApp.tokens) * 1000);
    pairs.push({ direct, viaApp });
  }
  const rate = (r) => ((r.tokens - 1) / (r.total - r.ttft)) * 1000;
  const directRates = pairs.map((p) => rate(p.direct));
  const appRates = pairs.map((p) => rate(p.viaApp));
  // Backlog: how far the app's n-th token is behind the simulator's n-th token (both from their
  // first token), along the stream; the budget is on the worst point and on the end.
  const lags = [];
  const endLags = [];
  for (const { direct, viaApp } of pairs) {
    const n = Math.min(direct.times.length, viaApp.times.length);
    for (let i = 0; i < n; i += 50) {
      lags.push(viaApp.times[i] - viaApp.ttft - (direct.times[i] - direct.ttft));
    }
    endLags.push(viaApp.times[n - 1] - viaApp.ttft - (direct.times[n - 1] - direct.ttft));
  }
  const tokensOk = pairs.every((p) => p.viaApp.tokens === p.direct.tokens);
  const worstRatio = Math.min(...appRates.map((r, i) => r / directRates[i]));
  return {
    rows: [
      row('tokens/s straight from the simulator', {
        p50: percentile(directRates, 50),
        p99: Math.min(...directRates),
        unit: '/s',
        note: `${TOKENS} tokens × ${ROUNDS}; p99 column = slowest run`,
      }),
      row('tokens/s through the app', {
        p50: percentile(appRates, 50),
        p99: Math.min(...appRates),
        unit: '/s',
        budget: '≥ 95 % of direct',
        pass: worstRatio >= 0.95 && tokensOk,
        note: tokensOk ? '' : 'token counts differ',
      }),
      row('app CPU per 1,000 tokens', {
        p50: percentile(cpu, 50),
        p99: Math.max(...cpu),
        note: 'whole app process, from /proc',
      }),
      row('app lag behind the upstream along the stream', {
        p50: percentile(lags, 50),
        p99: percentile(lags, 99),
        budget: 'p99 ≤ 100 ms',
        pass: percentile(lags, 99) <= 100,
      }),
      row('app lag at the last token', {
        p50: percentile(endLags, 50),
        p99: Math.max(...endLags),
        budget: '≤ 100 ms',
        pass: Math.max(...endLags) <= 100,
      }),
    ],
  };
}
