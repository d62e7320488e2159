// Shared pieces of the benchmarks: start the simulator and the production app on real sockets.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');

async function waitFor(url, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not come up in ${timeoutMs} ms`);
}

export async function startStack({
  simulatorPort = 4411,
  appPort = 3411,
  flavour = 'zai',
  tokensPerSecond = 100,
} = {}) {
  if (!fs.existsSync(path.join(root, '.next', 'standalone', 'server.js'))) {
    throw new Error('Build first: npm run build');
  }
  const databasePath = path.join(os.tmpdir(), `glm-chat-bench-${process.pid}.db`);
  const simulator = spawn(process.execPath, ['--import', 'tsx', 'lib/glm/simulator/cli.ts'], {
    cwd: root,
    env: {
      ...process.env,
      SIMULATOR_PORT: String(simulatorPort),
      SIMULATOR_FLAVOUR: flavour,
      SIMULATOR_TOKENS_PER_SECOND: String(tokensPerSecond),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const simulatorUrl = `http://127.0.0.1:${simulatorPort}`;
  await waitFor(`${simulatorUrl}/__simulator/health`, simulator);
  const app = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(appPort),
      HOST: '127.0.0.1',
      GLM_PROVIDER: 'simulator',
      GLM_BASE_URL: `${simulatorUrl}/v1`,
      // Single-user mode: the chat path without a session lookup (accounts add one SQLite read).
      AUTH_MODE: 'none',
      CHAT_RATE_LIMIT: '100000',
      SIMULATOR_FLAVOUR: flavour,
      DATABASE_PATH: databasePath,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const appUrl = `http://127.0.0.1:${appPort}`;
  await waitFor(`${appUrl}/api/health`, app);
  return {
    simulatorUrl,
    appUrl,
    async stop() {
      for (const child of [app, simulator]) child.kill('SIGTERM');
      await Promise.all(
        [app, simulator].map((child) =>
          child.exitCode !== null ? null : new Promise((r) => child.once('exit', r)),
        ),
      );
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${databasePath}${suffix}`, { force: true });
    },
  };
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function writeResults(name, data) {
  fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
  const file = path.join(root, 'bench', 'results', `${name}.json`);
  fs.writeFileSync(
    file,
    `${JSON.stringify({ ...data, cores: os.cpus().length, node: process.version, at: new Date().toISOString() }, null, 2)}\n`,
  );
  return file;
}
