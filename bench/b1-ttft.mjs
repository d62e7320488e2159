// B1: time to first token and the gaps between tokens, straight from the simulator vs. through the
// app, with 1 stream at a time and with 50 at once. Direct and app requests alternate (the machine
// is noisy, so both sides see the same moment); what the app adds is app − direct per percentile.
//
// Measured messages are follow-ups in conversations the warm-up started, as most messages in a chat
// are: the first message of a conversation also starts GLM's title for it once its answer ends, and
// a bench that sends the next message the instant an answer ends (no person does) would time that
// background call instead of the next message's own path. Each follow-up carries its conversation's
// history, so the app reads and converts more than for a first message, not less.
import { cpuMs, newId, row, stats, timeStream } from './lib.mjs';

export const id = 'B1';
export const title = 'time to first token and inter-token gaps (1 and 50 streams)';
export const budget = 'app adds ≤ 3 ms p50, ≤ 15 ms p99';

// Reasoning then a short markdown answer, 60 tokens at 200 tokens/s (a 5 ms gap between tokens).
const PROMPT = '::rate 200\n::reasoning 20\n::long 40\nExplain what a B-tree is.';
const SEQUENTIAL_RUNS = Number(process.env.BENCH_B1_RUNS ?? 40);
const CONCURRENT = 50;
const CONCURRENT_ROUNDS = Number(process.env.BENCH_B1_ROUNDS ?? 4);
const WARMUP = 5;

function compare(label, direct, app, rows) {
  const dT = stats(direct.flatMap((r) => r.ttft));
  const aT = stats(app.flatMap((r) => r.ttft));
  const dG = stats(direct.flatMap((r) => r.gaps));
  const aG = stats(app.flatMap((r) => r.gaps));
  rows.push(row(`${label}: TTFT direct`, { ...dT, note: `${dT.n} streams` }));
  rows.push(row(`${label}: TTFT through the app`, aT));
  const addT = { p50: aT.p50 - dT.p50, p99: aT.p99 - dT.p99 };
  rows.push(
    row(`${label}: TTFT added by the app`, {
      ...addT,
      budget: '≤ 3 / ≤ 15 ms',
      pass: addT.p50 <= 3 && addT.p99 <= 15,
    }),
  );
  rows.push(row(`${label}: token gap direct`, dG));
  rows.push(row(`${label}: token gap through the app`, aG));
  const addG = { p50: aG.p50 - dG.p50, p99: aG.p99 - dG.p99 };
  rows.push(
    row(`${label}: token gap added by the app`, {
      ...addG,
      budget: '≤ 3 / ≤ 15 ms',
      pass: addG.p50 <= 3 && addG.p99 <= 15,
    }),
  );
}

/** Conversations for follow-ups; used in turn, so none is asked twice at once. */
function conversationPool(size) {
  const ids = Array.from({ length: size }, () => newId('b1conv'));
  let next = 0;
  return { ids, take: () => ids[next++ % size] };
}

export async function run({ simulatorUrl, app }) {
  const direct = () => timeStream('direct', simulatorUrl, PROMPT);
  const sequential = conversationPool(WARMUP);
  const viaApp = (conversationId = sequential.take()) =>
    timeStream('app', app.url, PROMPT, { conversationId });
  // Starts the conversations (and their titles); the measured messages follow up in them.
  for (let i = 0; i < WARMUP; i++) {
    await direct();
    await viaApp();
  }
  const one = { direct: [], app: [] };
  // The app's CPU per message, load-independent unlike the times: its setup, 60 tokens and the
  // final write, over the sequential runs.
  const cpuBefore = cpuMs(app.pid);
  for (let i = 0; i < SEQUENTIAL_RUNS; i++) {
    // Alternate which side goes first, so neither always follows the other's garbage.
    if (i % 2 === 0) {
      one.direct.push(await direct());
      one.app.push(await viaApp());
    } else {
      one.app.push(await viaApp());
      one.direct.push(await direct());
    }
  }
  const cpuPerMessage = (cpuMs(app.pid) - cpuBefore) / SEQUENTIAL_RUNS;
  const many = { direct: [], app: [] };
  const batch = (fn) => Promise.all(Array.from({ length: CONCURRENT }, fn));
  // Two sets of 50 conversations, used in alternate rounds: two app rounds can follow each other,
  // and an answer is saved a moment after its last token reaches the client.
  const pools = [conversationPool(CONCURRENT), conversationPool(CONCURRENT)];
  let round = 0;
  const appBatch = () => {
    const pool = pools[round++ % 2];
    return batch(() => viaApp(pool.take()));
  };
  await appBatch(); // warm-up at this concurrency: starts both sets of conversations
  await appBatch();
  await batch(direct); // their titles are written meanwhile
  for (let i = 0; i < CONCURRENT_ROUNDS; i++) {
    if (i % 2 === 0) {
      many.direct.push(...(await batch(direct)));
      many.app.push(...(await appBatch()));
    } else {
      many.app.push(...(await appBatch()));
      many.direct.push(...(await batch(direct)));
    }
  }
  const rows = [];
  compare('1 stream', one.direct, one.app, rows);
  rows.push(
    row('1 stream: app CPU per message (setup, 60 tokens, save)', {
      p50: cpuPerMessage,
      p99: undefined,
      note: `${SEQUENTIAL_RUNS} messages`,
    }),
  );
  compare(`${CONCURRENT} streams`, many.direct, many.app, rows);
  return { rows };
}
