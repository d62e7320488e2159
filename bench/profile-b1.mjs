// Where B1's time to first token goes: a timestamping TCP proxy between the app and the simulator
// shows when the app's upstream request arrives and when the upstream's first token passes, against
// the moment the client sent its request. `node bench/profile-b1.mjs` (needs the production build).
import net from 'node:net';
import { chatBody, cpuMs, newId, ports, startApp, startSimulator } from './lib.mjs';

const RUNS = 45;
const WARMUP = 5;
const proxyPort = ports.simulator + 1;
const sim = await startSimulator({ port: ports.simulator });
let marks = {};
const proxy = net.createServer((client) => {
  const upstream = net.connect(ports.simulator, '127.0.0.1');
  // Without these the proxy itself adds Nagle's 40 ms to small writes.
  client.setNoDelay(true);
  upstream.setNoDelay(true);
  let watching = false;
  client.on('data', (data) => {
    if (data.includes('POST /v1/chat')) {
      marks.upstreamRequest = performance.now();
      watching = true;
    }
    upstream.write(data);
  });
  upstream.on('data', (data) => {
    if (watching && /"(reasoning_)?content":"./.test(data.toString())) {
      marks.upstreamToken = performance.now();
      watching = false;
    }
    client.write(data);
  });
  client.on('close', () => upstream.destroy());
  upstream.on('close', () => client.destroy());
  client.on('error', () => {});
  upstream.on('error', () => {});
});
await new Promise((resolve) => proxy.listen(proxyPort, '127.0.0.1', resolve));
const app = await startApp({ port: ports.app, simulatorUrl: `http://127.0.0.1:${proxyPort}` });
const rows = [];
// Follow-ups in the conversations the warm-up starts, as in B1 (see b1-ttft.mjs for why).
const conversations = Array.from({ length: WARMUP }, () => newId('b1conv'));
let cpuBefore = 0;
try {
  for (let i = 0; i < RUNS; i++) {
    if (i === WARMUP) cpuBefore = cpuMs(app.pid);
    marks = {};
    const t0 = performance.now();
    const response = await fetch(`${app.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chatBody('::rate 200\n::long 40\nHello', conversations[i % WARMUP]),
    });
    const headers = performance.now();
    const decoder = new TextDecoder();
    let token;
    for await (const chunk of response.body) {
      if (!token && /"type":"(reasoning|text)-delta"/.test(decoder.decode(chunk, { stream: true }))) {
        token = performance.now();
      }
    }
    if (i < WARMUP) continue;
    if (!token) throw new Error(`request ${i}: no token arrived`);
    rows.push({
      'upstream request sent': marks.upstreamRequest - t0,
      'response headers': headers - t0,
      'upstream first token': marks.upstreamToken - t0,
      'client first token': token - t0,
      'first token through the app': token - marks.upstreamToken,
    });
  }
  console.log(`app CPU per message: ${((cpuMs(app.pid) - cpuBefore) / (RUNS - WARMUP)).toFixed(1)} ms`);
} finally {
  await app.stop();
  await sim.stop();
  proxy.close();
}
console.log(`median of ${rows.length} requests, ms after the client sent its request:`);
for (const key of Object.keys(rows[0])) {
  const values = rows.map((r) => r[key]).sort((a, b) => a - b);
  console.log(`  ${key.padEnd(30)} ${values[Math.floor(values.length / 2)].toFixed(2)}`);
}
