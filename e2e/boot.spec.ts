import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { SERVER_ENV, SERVER_NODE_FLAGS } from '../scripts/node-flags.mjs';
import { freePort } from './fixtures/free-port';

/** Starts the production server with `env` and resolves with its exit code and output. */
async function bootWith(
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const port = await freePort();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'scripts/start.mjs'], {
      env: {
        ...SERVER_ENV,
        NODE_ENV: 'production',
        PATH: process.env.PATH ?? '',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_PATH: path.join(os.tmpdir(), `glm-chat-boot-${process.pid}.db`),
        ...env,
      },
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stderr, stdout }));
  });
}

test.describe('configuration at boot', () => {
  for (const [env, variable] of [
    [{ GLM_PROVIDER: 'openai-compatible' }, 'GLM_BASE_URL'],
    [{ GLM_PROVIDER: 'gpt' }, 'GLM_PROVIDER'],
    [{ GLM_PROVIDER: 'cloudflare', CLOUDFLARE_ACCOUNT_ID: 'abc' }, 'CLOUDFLARE_API_TOKEN'],
    [{ GLM_CONTEXT_WINDOW: 'lots' }, 'GLM_CONTEXT_WINDOW'],
  ] as const) {
    test(`a wrong or missing ${variable} stops the server with one line naming it`, async () => {
      const { code, stderr } = await bootWith(env);
      expect(code).toBe(1);
      const lines = stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(variable);
      expect(lines[0]).toMatch(/must be/);
    });
  }
});
