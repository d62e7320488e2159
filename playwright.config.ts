import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * e2e: the production build (standalone server) against the GLM simulator on its own port, in
 * Debian's Chromium. Build first (`npm run build`); `npm test` does it all.
 */
const SIMULATOR_PORT = Number(process.env.E2E_SIMULATOR_PORT ?? 4311);
const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3311);
export const SIMULATOR_URL = `http://127.0.0.1:${SIMULATOR_PORT}`;
const databasePath = path.join(os.tmpdir(), `glm-chat-e2e-${process.pid}-${Date.now()}.db`);

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: 'test-reports/e2e-results.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}`,
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--disable-gpu', '--disable-quic'],
    },
    trace: 'retain-on-failure',
  },
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
      name: 'app',
      command: 'node scripts/start.mjs',
      url: `http://127.0.0.1:${APP_PORT}/api/health`,
      env: {
        PORT: String(APP_PORT),
        HOST: '127.0.0.1',
        GLM_PROVIDER: 'simulator',
        GLM_BASE_URL: `${SIMULATOR_URL}/v1`,
        SIMULATOR_FLAVOUR: 'zai',
        DATABASE_PATH: databasePath,
      },
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
