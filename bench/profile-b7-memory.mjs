// Where B7's idle memory goes: the same work as B7 (boot, one chat answer, /c/{id}, /, 3 s idle),
// then the server's /proc/<pid>/smaps_rollup and smaps (file-backed vs anonymous), V8's heap
// statistics per space, and the server chunks Node loaded with the bytes V8 needs to keep their
// source (one byte per character, two when a chunk holds one character above U+00FF).
// `node bench/profile-b7-memory.mjs [--runs N] [--idle MS] [--snapshot]` (needs the production
// build). The probe (bench/b7-memory-probe.cjs) is preloaded here only; BENCH_NODE_FLAGS compares flags.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SERVER_NODE_FLAGS } from '../scripts/node-flags.mjs';
import { chatBody, ports, rssMb, sleep, startApp, startSimulator } from './lib.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '1' },
    idle: { type: 'string', default: '3000' },
    snapshot: { type: 'boolean', default: false },
    gc: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
  },
});
const probe = path.join(import.meta.dirname, 'b7-memory-probe.cjs');
const flags = process.env.BENCH_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? SERVER_NODE_FLAGS;
const mb = (bytes) => Math.round((bytes / 1048576) * 10) / 10;

function smaps(pid) {
  const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(rollup)?.[1] ?? 0) / 1024;
  // Per mapping: resident kB by what backs it.
  const byBacking = new Map();
  let current = '[anon]';
  const anon = [];
  const large = [];
  let lastHeader = '';
  for (const line of fs.readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) {
      lastHeader = line;
      current = header[1] || '[anon]';
      if (current.includes('node_modules')) current = `${current.replace(/.*node_modules\//, '')}`;
      continue;
    }
    const rss = /^Rss:\s+(\d+)/.exec(line);
    if (rss) byBacking.set(current, (byBacking.get(current) ?? 0) + Number(rss[1]) / 1024);
    if (rss && current === '[anon]') anon.push(Number(rss[1]) / 1024);
    if (rss && current === '[anon]' && Number(rss[1]) > 4096)
      large.push(
        `${lastHeader.split(' ').slice(0, 2).join(' ')} rss ${(Number(rss[1]) / 1024).toFixed(1)} MB`,
      );
  }
  const top = [...byBacking].sort((a, b) => b[1] - a[1]).slice(0, 8);
  return {
    rss: field('Rss'),
    anonymous: field('Anonymous'),
    file: field('Rss') - field('Anonymous'),
    top: top.map(([name, size]) => `${name} ${size.toFixed(1)}`),
    anon: anon.sort((a, b) => b - a),
    large,
    threads: fs
      .readdirSync(`/proc/${pid}/task`)
      .map((t) => fs.readFileSync(`/proc/${pid}/task/${t}/comm`, 'utf8').trim()),
  };
}

async function probeOf(pid) {
  const out = path.join(os.tmpdir(), `b7-probe-${pid}.json`);
  fs.rmSync(out, { force: true });
  process.kill(pid, 'SIGWINCH');
  for (let i = 0; i < 200 && !fs.existsSync(out); i++) await sleep(10);
  await sleep(50);
  return JSON.parse(fs.readFileSync(out, 'utf8'));
}

const sim = await startSimulator({ port: ports.simulator });
const summary = [];
try {
  for (let run = 0; run < Number(values.runs); run++) {
    const databasePath = path.join(os.tmpdir(), `b7-memory-${process.pid}-${run}.db`);
    const previous = process.env.BENCH_NODE_FLAGS;
    const extra = [
      ...(values.snapshot ? ['--heapsnapshot-signal=SIGUSR2'] : []),
      ...(values.gc ? ['--expose-gc'] : []),
    ];
    process.env.BENCH_NODE_FLAGS = [...flags, ...extra, '--require', probe].join(' ');
    const app = await startApp({ port: ports.app + 7, simulatorUrl: sim.url, databasePath });
    if (previous === undefined) delete process.env.BENCH_NODE_FLAGS;
    else process.env.BENCH_NODE_FLAGS = previous;
    try {
      for (;;) {
        const response = await fetch(`${app.url}/api/health/ready`).catch(() => undefined);
        if (response?.ok) break;
        await sleep(5);
      }
      const bootRss = rssMb(app.pid);
      const conversationId = `profb7${Date.now().toString(36)}`;
      const response = await fetch(`${app.url}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: chatBody('::rate 0\nHello there', conversationId),
      });
      await response.text();
      // As B7 does: the page, then every script it references (served by the same server).
      const html = await (await fetch(`${app.url}/c/${conversationId}`)).text();
      const scripts = new Set(
        [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"|<link[^>]*href="([^"]+)"[^>]*as="script"/g)].map(
          (m) => m[1] ?? m[2],
        ),
      );
      for (const src of scripts) await (await fetch(new URL(src, app.url))).arrayBuffer();
      await (await fetch(`${app.url}/`)).text();
      await sleep(Number(values.idle));
      const idleRss = rssMb(app.pid);
      const memory = smaps(app.pid);
      const p = await probeOf(app.pid).catch(() => undefined);
      let afterGc;
      if (values.gc) {
        process.kill(app.pid, 'SIGTTIN');
        await sleep(1000);
        afterGc = { rss: rssMb(app.pid), ...(await probeOf(app.pid)) };
      }
      summary.push({ bootRss, idleRss, ...memory, probe: p, afterGc });
      if (values.snapshot) {
        process.kill(app.pid, 'SIGUSR2');
        await sleep(4000);
        console.log('heap snapshot written in', path.join(process.cwd(), '.next/standalone'));
      }
    } finally {
      await app.stop();
      fs.rmSync(databasePath, { force: true });
    }
  }
} finally {
  await sim.stop();
}

for (const [i, s] of summary.entries()) {
  console.log(
    `run ${i + 1}: RSS after boot ${s.bootRss.toFixed(1)} MB, idle ${s.idleRss.toFixed(1)} MB (anonymous ${s.anonymous.toFixed(1)}, file-backed ${s.file.toFixed(1)})`,
  );
  if (s.afterGc)
    console.log(
      `  after a full GC: RSS ${s.afterGc.rss.toFixed(1)} MB, V8 heap used ${mb(s.afterGc.heap.used_heap_size)} MB, committed ${mb(s.afterGc.heap.total_physical_size)} MB`,
    );
  if (values.quiet) {
    if (s.large.length) console.log('  anonymous mappings over 4 MB resident:', s.large.join('; '));
    continue;
  }
  if (!s.probe) continue;
  console.log('  largest mappings (MB):', s.top.join('; '));
  console.log('  anonymous mappings over 4 MB resident:', s.large.join('; ') || 'none');
  console.log('  threads:', s.threads.join(', '));
  const big = s.anon.filter((a) => a >= 0.5);
  console.log(
    `  anonymous mappings: ${s.anon.length}, ${big.length} of ≥ 0.5 MB: ${big.map((a) => a.toFixed(1)).join(' ')}; the rest ${(s.anon.reduce((n, a) => n + a, 0) - big.reduce((n, a) => n + a, 0)).toFixed(1)} MB`,
  );
  const { heap, spaces, code, modules } = s.probe;
  console.log(
    `  V8 heap: committed ${mb(heap.total_physical_size)} MB physical, ${mb(heap.used_heap_size)} MB used; external ${mb(heap.external_memory)} MB; malloced ${mb(heap.malloced_memory)} MB`,
  );
  for (const space of spaces)
    console.log(
      `    ${space.space_name.padEnd(24)} size ${String(mb(space.space_size)).padStart(6)}  physical ${String(mb(space.physical_space_size)).padStart(6)}  used ${String(mb(space.space_used_size)).padStart(6)}`,
    );
  console.log(
    `  code: bytecode+metadata ${mb(code.bytecode_and_metadata_size)} MB, code ${mb(code.code_and_metadata_size)} MB, external script source ${mb(code.external_script_source_size)} MB`,
  );
  const chunks = modules.filter((m) => m.file.includes('/.next/'));
  const oneByte = chunks.filter((m) => !m.twoByte).reduce((n, m) => n + m.chars, 0);
  const twoByte = chunks.filter((m) => m.twoByte).reduce((n, m) => n + m.chars, 0);
  console.log(
    `  ${chunks.length} server chunks loaded: ${mb(oneByte)} MB one-byte source, ${mb(twoByte)} M characters two-byte = ${mb(twoByte * 2)} MB; other modules ${modules.length - chunks.length}`,
  );
  const byHash = new Map();
  for (const m of chunks) byHash.set(m.hash, [...(byHash.get(m.hash) ?? []), m]);
  const copies = [...byHash.values()].filter((group) => group.length > 1);
  const copyChars = copies.reduce((n, g) => n + (g.length - 1) * g[0].chars * (g[0].twoByte ? 2 : 1), 0);
  console.log(
    `  identical copies loaded: ${copies.length} chunks loaded more than once, ${mb(copyChars)} MB of source in the extra copies${copies
      .sort((a, b) => b[0].chars - a[0].chars)
      .slice(0, 6)
      .map(
        (g) =>
          `\n    ${g.length} × ${Math.round(g[0].chars / 1024)} K chars${g[0].twoByte ? ' (two-byte)' : ''}: ${g.map((m) => m.file.replace(/.*\//, '')).join(', ')}`,
      )
      .join('')}`,
  );
  for (const m of chunks
    .filter((c) => c.twoByte)
    .sort((a, b) => b.chars - a.chars)
    .slice(0, 15))
    console.log(
      `    two-byte ${String(Math.round(m.chars / 1024)).padStart(5)} K chars ${m.file.replace(/.*\.next\//, '')}`,
    );
}
const idle = summary.map((s) => s.idleRss.toFixed(1));
console.log(`idle RSS over ${summary.length} run(s): ${idle.join(', ')} MB; flags ${flags.join(' ')}`);
