// Production start: runs the standalone server built by `npm run build` in this process
// (.next/standalone/server.js in a checkout; ./server.js beside scripts/ in the Docker image).
// Reads .env from the project root, keeps DATABASE_PATH relative to the project (the server
// changes its working directory), and listens on PORT (default 3000) on HOST (default 0.0.0.0).
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
