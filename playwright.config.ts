import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { SERVER_ENV, SERVER_NODE_FLAGS } from './scripts/node-flags.mjs';

/**
 * e2e: the production build (standalone server) against the GLM simulator on its own port, in
 * Debian's Chromium. Three app servers share the simulator: one in single-user mode for the chat
 * specs, one with accounts (AUTH_MODE=password, invite sign-up) for the ownership specs, and one
 * with open sign-up for the sharing spec (owner, other user and anonymous visitors on a fresh DB).
 * Build first (`npm run build`); `npm test` does it all.
 */
const SIMULATOR_PORT = Number(process.env.E2E_SIMULATOR_PORT ?? 4311);
const SINGLE_USER_PORT = Number(process.env.E2E_APP_PORT ?? 3311);
const ACCOUNTS_PORT = Number(process.env.E2E_ACCOUNTS_PORT ?? 3312);
// Beside the accounts server by default, so a run moved to other ports moves this one too.
const SHARE_PORT = Number(process.env.E2E_SHARE_PORT ?? ACCOUNTS_PORT + 1);
const MCP_PORT = Number(process.env.E2E_MCP_PORT ?? 4398);
// A fourth server with a small context window (drop / compact specs), beside the share server.
const CONTEXT_PORT = Number(process.env.E2E_CONTEXT_PORT ?? SHARE_PORT + 1);
const SIMULATOR_URL = `http://127.0.0.1:${SIMULATOR_PORT}`;
// One id for the whole run, inherited by the workers, so a spec can find a server's database
// (e2e/helpers.ts `databasePath`) to check that bad requests changed nothing, or to move a share
// link's expiry into the past.
process.env.E2E_RUN_ID ??= `${process.pid}-${Date.now()}`;
const run = process.env.E2E_RUN_ID;
const dbPath = (name: string) => path.join(os.tmpdir(), `glm-chat-e2e-${name}-${run}.db`);
const SHARE_DB = process.env.E2E_SHARE_DB ?? dbPath('share');
process.env.E2E_SHARE_DB = SHARE_DB;

const appServer = (name: string, port: number, env: Record<string, string>) => ({
  name,
  command: ['node', ...SERVER_NODE_FLAGS, 'scripts/start.mjs'].join(' '),
  url: `http://127.0.0.1:${port}/api/health`,
  env: {
    ...SERVER_ENV,
    PORT: String(port),
    HOST: '127.0.0.1',
    GLM_PROVIDER: 'simulator',
    GLM_BASE_URL: `${SIMULATOR_URL}/v1`,
    SIMULATOR_FLAVOUR: 'zai',
    DATABASE_PATH: dbPath(name),
    // Every spec of a server shares one owner: the per-user message limit would throttle the suite.
    CHAT_RATE_LIMIT: '10000',
    ...env,
  },
  reuseExistingServer: false,
  timeout: 60_000,
});

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  // Generous ceilings: every wait is for a state, so a passing test is as fast as the machine, and
  // a loaded one (another build on the same 2 cores) is not mistaken for a failure.
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: [['list'], ['json', { outputFile: 'test-reports/e2e-results.json' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    // The UI follows the browser's language (Accept-Language): the specs read it in English.
    locale: 'en-US',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--disable-gpu', '--disable-quic'],
    },
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'single-user',
      testIgnore: /(accounts|share|context)\.spec\.ts/,
      use: { baseURL: `http://127.0.0.1:${SINGLE_USER_PORT}` },
    },
    {
      name: 'accounts',
      // The fuzz spec runs on both servers: with accounts it also fuzzes with and without a session.
      testMatch: /(accounts|fuzz)\.spec\.ts/,
      use: { baseURL: `http://127.0.0.1:${ACCOUNTS_PORT}` },
    },
    {
      name: 'share',
      testMatch: /share\.spec\.ts/,
      use: { baseURL: `http://127.0.0.1:${SHARE_PORT}` },
    },
    {
      name: 'context',
      testMatch: /context\.spec\.ts/,
      use: { baseURL: `http://127.0.0.1:${CONTEXT_PORT}` },
    },
  ],
  webServer: [
    {
      name: 'simulator',
      command: 'node --import tsx lib/glm/simulator/cli.ts',
      url: `${SIMULATOR_URL}/__simulator/health`,
      env: {
        SIMULATOR_PORT: String(SIMULATOR_PORT),
        SIMULATOR_FLAVOUR: 'zai',
        SIMULATOR_TOKENS_PER_SECOND: '60',
      },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      name: 'mcp',
      command: 'node e2e/fixtures/mcp-server.mjs',
      url: `http://127.0.0.1:${MCP_PORT}/health`,
      env: { MCP_TEST_PORT: String(MCP_PORT) },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    appServer('single-user', SINGLE_USER_PORT, {
      AUTH_MODE: 'none',
      // Fault tests: one retry, and an upstream quiet for 2 s ends the answer.
      GLM_MAX_RETRIES: '1',
      GLM_IDLE_TIMEOUT_MS: '2000',
      TOOLS_FETCH_URL: 'true',
      // One MCP server that answers and one that is down (nothing listens on its port).
      MCP_SERVERS: JSON.stringify([
        { name: 'orders', url: `http://127.0.0.1:${MCP_PORT}/mcp` },
        { name: 'offline', url: `http://127.0.0.1:${MCP_PORT + 1}/mcp` },
      ]),
    }),
    appServer('accounts', ACCOUNTS_PORT, {
      AUTH_MODE: 'password',
      AUTH_SIGNUP: 'invite',
      AUTH_RATE_LIMIT: '50',
    }),
    appServer('context', CONTEXT_PORT, {
      AUTH_MODE: 'none',
      // A window a few turns long, so the specs reach it cheaply.
      GLM_CONTEXT_WINDOW: '3000',
      GLM_CONTEXT_RESERVE_TOKENS: '256',
    }),
    appServer('share', SHARE_PORT, {
      AUTH_MODE: 'password',
      AUTH_SIGNUP: 'open',
      AUTH_RATE_LIMIT: '50',
      DATABASE_PATH: SHARE_DB,
    }),
  ],
});
