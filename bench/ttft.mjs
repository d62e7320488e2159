// Time to first token: straight from the simulator vs. through the app (same prompt, same machine,
// alternating, after warm-up). The difference is what the app adds.
import { randomUUID } from 'node:crypto';
import { percentile, startStack, writeResults } from './lib.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const WARMUP = 5;
const PROMPT = 'Explain what a B-tree is.';

/** ms until the first byte of a reasoning or text delta arrives. */
async function firstToken(url, body, marker) {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
  const decoder = new TextDecoder();
  let seen = '';
  let ttft;
  for await (const chunk of response.body) {
    seen += decoder.decode(chunk, { stream: true });
    if (ttft === undefined && marker.test(seen)) ttft = performance.now() - started;
  }
  if (ttft === undefined) throw new Error(`${url}: no token in ${seen.slice(0, 200)}`);
  return ttft;
}

const direct = (simulatorUrl) =>
  firstToken(
    `${simulatorUrl}/v1/chat/completions`,
    JSON.stringify({
      model: 'glm-4.7-flash',
      stream: true,
      stream_options: { include_usage: true },
      thinking: { type: 'enabled' },
      messages: [{ role: 'user', content: PROMPT }],
    }),
    /"(reasoning_content|reasoning|content)":"[^"]/,
  );

const throughApp = (appUrl) =>
  firstToken(
    `${appUrl}/api/chat`,
    JSON.stringify({
      id: randomUUID(),
      message: { id: randomUUID(), role: 'user', parts: [{ type: 'text', text: PROMPT }] },
    }),
    /"type":"(reasoning|text)-delta"/,
  );

const stack = await startStack();
try {
  const samples = { direct: [], app: [] };
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const d = await direct(stack.simulatorUrl);
    const a = await throughApp(stack.appUrl);
    if (i >= WARMUP) {
      samples.direct.push(d);
      samples.app.push(a);
    }
  }
  const added = samples.app.map((a, i) => a - samples.direct[i]);
  const row = (name, values) =>
    `${name.padEnd(28)} p50 ${percentile(values, 50).toFixed(2).padStart(7)} ms   p99 ${percentile(values, 99)
      .toFixed(2)
      .padStart(7)} ms`;
  console.log(`time to first token, ${RUNS} runs each (after ${WARMUP} warm-up), sequential`);
  console.log(row('straight from the simulator', samples.direct));
  console.log(row('through the app', samples.app));
  console.log(row('added by the app', added));
  const file = writeResults('ttft', {
    runs: RUNS,
    directMs: { p50: percentile(samples.direct, 50), p99: percentile(samples.direct, 99) },
    appMs: { p50: percentile(samples.app, 50), p99: percentile(samples.app, 99) },
    addedMs: { p50: percentile(added, 50), p99: percentile(added, 99) },
  });
  console.log(`written to ${file}`);
} finally {
  await stack.stop();
}
