import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCliEnv } from '../cli';

const root = path.resolve(__dirname, '../../../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const cli = path.join(root, 'lib/glm/simulator/cli.ts');

function run(env: Record<string, string>): {
  child: ChildProcess;
  output: Promise<{ code: number | null; stdout: string; stderr: string }>;
} {
  const child = spawn(tsx, [cli], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (data: Buffer) => {
    stdout += data.toString();
  });
  child.stderr?.on('data', (data: Buffer) => {
    stderr += data.toString();
  });
  const output = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, output };
}

describe('parseCliEnv', () => {
  it('has defaults', () => {
    expect(parseCliEnv({})).toEqual({
      port: 4010,
      host: '127.0.0.1',
      flavour: 'zai',
      tokensPerSecond: 40,
      apiKey: undefined,
      splitFrames: false,
      contextSize: 131072,
    });
  });

  it('names the bad variable', () => {
    expect(() => parseCliEnv({ SIMULATOR_PORT: 'abc' })).toThrow(/^SIMULATOR_PORT /);
    expect(() => parseCliEnv({ SIMULATOR_FLAVOUR: 'openai' })).toThrow(/^SIMULATOR_FLAVOUR /);
    expect(() => parseCliEnv({ SIMULATOR_TOKENS_PER_SECOND: '-3' })).toThrow(/^SIMULATOR_TOKENS_PER_SECOND /);
    expect(() => parseCliEnv({ SIMULATOR_SPLIT_FRAMES: 'yes' })).toThrow(/^SIMULATOR_SPLIT_FRAMES /);
    expect(() => parseCliEnv({ SIMULATOR_CONTEXT_SIZE: '0' })).toThrow(/^SIMULATOR_CONTEXT_SIZE /);
    expect(() => parseCliEnv({ SIMULATOR_HOST: '0.0.0.0' })).toThrow(/^SIMULATOR_HOST /);
    expect(
      parseCliEnv({ SIMULATOR_TOKENS_PER_SECOND: 'Infinity', SIMULATOR_SPLIT_FRAMES: '1' }),
    ).toMatchObject({
      tokensPerSecond: Number.POSITIVE_INFINITY,
      splitFrames: true,
    });
  });
});

describe('cli process', () => {
  it('prints the listening line, serves, and exits 0 on SIGTERM', async () => {
    const { child, output } = run({
      SIMULATOR_PORT: '0',
      SIMULATOR_FLAVOUR: 'ollama',
      SIMULATOR_TOKENS_PER_SECOND: '0',
    });
    const url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      child.stdout?.on('data', (data: Buffer) => {
        seen += data.toString();
        const match = /GLM simulator \(ollama\) listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(seen);
        if (match) resolve(match[1]);
      });
      child.on('exit', () => reject(new Error(`exited early: ${seen}`)));
    });
    const health = await (await fetch(`${url}/__simulator/health`)).json();
    expect(health).toEqual({ ok: true, flavour: 'ollama' });
    child.kill('SIGTERM');
    const { code, stdout } = await output;
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
  });

  it('exits 1 with one clear line on a bad variable', async () => {
    const { output } = run({ SIMULATOR_FLAVOUR: 'nope' });
    const { code, stderr } = await output;
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(
      /^SIMULATOR_FLAVOUR must be one of zai, vllm, cloudflare, ollama, llamacpp \(got "nope"\)$/,
    );
  });
});
