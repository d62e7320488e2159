/** NAME_FILE variables (Docker secrets): the file's content becomes NAME, without its trailing newline. */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadSecretFiles, parseConfig, SECRET_VARIABLES } from '@/lib/config';

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glm-chat-secrets-'));
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function secret(name: string, content: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadSecretFiles(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    if (error instanceof ConfigError) return error;
  }
  throw new Error('loadSecretFiles did not throw');
}

describe('secrets from files', () => {
  it('covers the five secret variables', () => {
    expect([...SECRET_VARIABLES]).toEqual([
      'GLM_API_KEY',
      'CLOUDFLARE_API_TOKEN',
      'CLOUDFLARE_AI_GATEWAY_TOKEN',
      'BETTER_AUTH_SECRET',
      'MCP_SERVERS',
    ]);
  });

  it('reads each one from its file, dropping only the trailing newline', () => {
    const env: Record<string, string | undefined> = {
      GLM_API_KEY_FILE: secret('key', 'sk-from-file\n'),
      CLOUDFLARE_API_TOKEN_FILE: secret('token', 'cf token \r\n'),
      BETTER_AUTH_SECRET_FILE: secret('auth', 'a'.repeat(40)),
      MCP_SERVERS_FILE: secret('mcp', '[\n  {"name":"docs","url":"https://mcp.example.com/mcp"}\n]\n\n'),
    };
    loadSecretFiles(env);
    expect(env.GLM_API_KEY).toBe('sk-from-file');
    expect(env.CLOUDFLARE_API_TOKEN).toBe('cf token ');
    expect(env.BETTER_AUTH_SECRET).toBe('a'.repeat(40));
    expect(env.MCP_SERVERS).toBe('[\n  {"name":"docs","url":"https://mcp.example.com/mcp"}\n]\n');
  });

  it('feeds parseConfig like the plain variable would', () => {
    const env: Record<string, string | undefined> = { GLM_API_KEY_FILE: secret('key', 'sk-zai\n') };
    loadSecretFiles(env);
    expect(parseConfig(env)).toMatchObject({ provider: 'zai', apiKey: 'sk-zai' });
  });

  it('leaves the environment alone without *_FILE, and ignores *_FILE of other variables', () => {
    const env: Record<string, string | undefined> = { GLM_API_KEY: 'sk-plain', GLM_MODEL_FILE: '/nowhere' };
    loadSecretFiles(env);
    expect(env).toEqual({ GLM_API_KEY: 'sk-plain', GLM_MODEL_FILE: '/nowhere' });
  });

  it('treats an empty *_FILE as unset', () => {
    const env: Record<string, string | undefined> = { GLM_API_KEY_FILE: ' ' };
    loadSecretFiles(env);
    expect(env.GLM_API_KEY).toBeUndefined();
  });

  it('refuses both NAME and NAME_FILE', () => {
    const error = configError({ GLM_API_KEY: 'sk-plain', GLM_API_KEY_FILE: secret('key', 'sk-file') });
    expect(error.message).toBe(
      'Invalid configuration: GLM_API_KEY_FILE must be unset when GLM_API_KEY is set (use one of the two)',
    );
  });

  it('names the variable and the file when it cannot be read', () => {
    const missing = path.join(dir, 'missing');
    const error = configError({ BETTER_AUTH_SECRET_FILE: missing });
    expect(error.variable).toBe('BETTER_AUTH_SECRET_FILE');
    expect(error.message).toBe(
      `Invalid configuration: BETTER_AUTH_SECRET_FILE must be a readable file (${missing}: ENOENT)`,
    );
  });
});
