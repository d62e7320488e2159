// Production start: runs the standalone server built by `npm run build` in this process
// (.next/standalone/server.js in a checkout; ./server.js beside scripts/ in the Docker image).
// Reads .env from the project root, keeps DATABASE_PATH relative to the project (the server
// changes its working directory), and listens on PORT (default 3000) on HOST (default 0.0.0.0).
// Start it with the V8 flags of scripts/node-flags.mjs (`npm start` and the Docker image do).
//
// Once the server listens, it renders the page a first visitor opens (`/`; with accounts, the
// sign-in page it redirects to) once, in the background: Next.js loads and instantiates a page's
// modules on its first render (0.5–1.5 s here), which would otherwise be that visitor's wait.
// Only the pages people open are loaded this way (next.config.ts turns off preloading every route
// at start, which costs memory for routes a server may never serve).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const envFile = path.join(root, '.env');
if (fs.existsSync(envFile)) process.loadEnvFile(envFile);

const server = [path.join(root, '.next', 'standalone', 'server.js'), path.join(root, 'server.js')].find(
  (file) => fs.existsSync(file),
);
if (!server) {
  console.error('GLM Chat is not built yet: run `npm run build` first.');
  process.exit(1);
}

const databasePath = process.env.DATABASE_PATH?.trim() || './data/glm-chat.db';
if (databasePath !== ':memory:') process.env.DATABASE_PATH = path.resolve(root, databasePath);
process.env.PORT ||= '3000';
// HOSTNAME is often the machine's name in a shell; the server must bind to an address.
process.env.HOSTNAME = process.env.HOST || '0.0.0.0';
process.env.NODE_ENV = 'production';
process.env.NEXT_TELEMETRY_DISABLED = '1';
// The app finishes running answers before exiting on SIGTERM (lib/boot.ts), not Next.
process.env.NEXT_MANUAL_SIG_HANDLE = 'true';

await import(pathToFileURL(server).href);
void warmUp();

/**
 * Requests `/` as soon as the server answers (errors are ignored: this only saves the first visitor
 * a wait). Liveness, not readiness: readiness also asks the GLM backend, and the sooner the page is
 * warm the less it overlaps the first real requests.
 */
async function warmUp() {
  const host = ['0.0.0.0', '::', ''].includes(process.env.HOSTNAME) ? '127.0.0.1' : process.env.HOSTNAME;
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${process.env.PORT}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const health = await fetch(`${base}/api/health`);
      await health.arrayBuffer();
      if (health.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  try {
    const page = await fetch(`${base}/`, { headers: { 'user-agent': 'glm-chat-warm-up' } });
    await page.arrayBuffer();
  } catch {
    // the first visitor pays for it instead
  }
}
