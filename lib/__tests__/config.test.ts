/** parseConfig: defaults, provider inference, and one clear ConfigError per wrong or missing value. */

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_MODELS, parseConfig } from '@/lib/config';
import { createGlm } from '@/lib/glm/provider';
import { createSimulator } from '@/lib/glm/simulator';

/** Runs parseConfig and returns the ConfigError it throws (fails the test if it does not throw one). */
function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    if (error instanceof ConfigError) return error;
  }
  throw new Error(`parseConfig(${JSON.stringify(env)}) did not throw`);
}

describe('defaults', () => {
  it('falls back to the in-process simulator when nothing is set', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      provider: 'simulator',
      providerInferred: true,
      baseURL: undefined,
      apiKey: undefined,
      model: 'glm-4.7-flash',
      server: 'vllm',
      reasoningInContent: false,
      contextWindow: 131072,
      maxRetries: 2,
      simulator: { flavour: 'zai', tokensPerSecond: 40 },
    });
    expect(config.databasePath).toBe(path.resolve('./data/glm-chat.db'));
  });

  it('treats empty and blank values as unset', () => {
    const config = parseConfig({
      GLM_PROVIDER: '',
      GLM_BASE_URL: ' ',
      GLM_API_KEY: '',
      GLM_CONTEXT_WINDOW: '',
      SIMULATOR_FLAVOUR: '',
      CLOUDFLARE_API_TOKEN: '   ',
    });
    expect(config.provider).toBe('simulator');
    expect(config.contextWindow).toBe(131072);
    expect(config.simulator.flavour).toBe('zai');
  });

  it('reads the tunables', () => {
    const config = parseConfig({
      GLM_PROVIDER: 'simulator',
      GLM_REASONING_IN_CONTENT: 'yes',
      GLM_CONTEXT_WINDOW: '200000',
      GLM_MAX_RETRIES: '0',
      SIMULATOR_FLAVOUR: 'llamacpp',
      SIMULATOR_TOKENS_PER_SECOND: '0',
      DATABASE_PATH: ':memory:',
    });
    expect(config).toMatchObject({
      providerInferred: false,
      reasoningInContent: true,
      contextWindow: 200000,
      maxRetries: 0,
      simulator: { flavour: 'llamacpp', tokensPerSecond: 0 },
      databasePath: ':memory:',
    });
  });
});

describe('provider inference', () => {
  it('CLOUDFLARE_* means Cloudflare, with the base URL built from the account id', () => {
    const config = parseConfig({ CLOUDFLARE_ACCOUNT_ID: 'abc123', CLOUDFLARE_API_TOKEN: 'cf-token' });
    expect(config.provider).toBe('cloudflare');
    expect(config.providerInferred).toBe(true);
    expect(config.baseURL).toBe('https://api.cloudflare.com/client/v4/accounts/abc123/ai/v1');
    expect(config.apiKey).toBe('cf-token');
    expect(config.model).toBe('@cf/zai-org/glm-4.7-flash');
  });

  it('escapes the account id in the Cloudflare URL', () => {
    const config = parseConfig({ CLOUDFLARE_ACCOUNT_ID: 'a/b?c', CLOUDFLARE_API_TOKEN: 't' });
    expect(config.baseURL).toBe('https://api.cloudflare.com/client/v4/accounts/a%2Fb%3Fc/ai/v1');
  });

  it('CLOUDFLARE_AI_GATEWAY routes Workers AI through that gateway, its token as cf-aig-authorization', () => {
    const config = parseConfig({
      CLOUDFLARE_ACCOUNT_ID: 'abc123',
      CLOUDFLARE_API_TOKEN: 'cf-token',
      CLOUDFLARE_AI_GATEWAY: 'glm-chat',
      CLOUDFLARE_AI_GATEWAY_TOKEN: 'aig-token',
    });
    expect(config.baseURL).toBe('https://gateway.ai.cloudflare.com/v1/abc123/glm-chat/workers-ai/v1');
    expect(config.apiKey).toBe('cf-token');
    expect(config.headers).toEqual({ 'cf-aig-authorization': 'Bearer aig-token' });
    expect(parseConfig({ CLOUDFLARE_ACCOUNT_ID: 'a', CLOUDFLARE_API_TOKEN: 't' }).headers).toEqual({});
    expect(() =>
      parseConfig({ CLOUDFLARE_ACCOUNT_ID: 'a', CLOUDFLARE_API_TOKEN: 't', CLOUDFLARE_AI_GATEWAY: 'a/b' }),
    ).toThrow(/CLOUDFLARE_AI_GATEWAY/);
  });

  it('GLM_BASE_URL means an OpenAI-compatible server (trailing slashes dropped)', () => {
    const config = parseConfig({ GLM_BASE_URL: 'http://127.0.0.1:8000/v1/' });
    expect(config.provider).toBe('openai-compatible');
    expect(config.baseURL).toBe('http://127.0.0.1:8000/v1');
    expect(config.server).toBe('vllm');
    expect(config.model).toBe('glm-4.7-flash');
  });

  it('GLM_API_KEY alone means Z.ai', () => {
    const config = parseConfig({ GLM_API_KEY: 'zai-key' });
    expect(config.provider).toBe('zai');
    expect(config.baseURL).toBe('https://api.z.ai/api/paas/v4');
    expect(config.apiKey).toBe('zai-key');
    expect(config.model).toBe('glm-4.7-flash');
  });

  it('GLM_BASE_URL with GLM_API_KEY is an OpenAI-compatible server with a key', () => {
    const config = parseConfig({ GLM_BASE_URL: 'https://openrouter.ai/api/v1', GLM_API_KEY: 'k' });
    expect(config.provider).toBe('openai-compatible');
    expect(config.apiKey).toBe('k');
  });

  it('an explicit GLM_PROVIDER wins over inference', () => {
    const config = parseConfig({ GLM_PROVIDER: 'simulator', GLM_API_KEY: 'k', CLOUDFLARE_API_TOKEN: 't' });
    expect(config.provider).toBe('simulator');
    expect(config.providerInferred).toBe(false);
  });

  it('Z.ai keeps a custom base URL (e.g. the coding endpoint)', () => {
    const config = parseConfig({
      GLM_PROVIDER: 'zai',
      GLM_API_KEY: 'k',
      GLM_BASE_URL: 'https://api.z.ai/api/coding/paas/v4',
    });
    expect(config.baseURL).toBe('https://api.z.ai/api/coding/paas/v4');
  });

  it('GLM_MODEL overrides the default model of every provider', () => {
    expect(parseConfig({ GLM_MODEL: 'glm-4.7-flash-q4' }).model).toBe('glm-4.7-flash-q4');
    expect(
      parseConfig({ CLOUDFLARE_ACCOUNT_ID: 'a', CLOUDFLARE_API_TOKEN: 't', GLM_MODEL: '@cf/other' }).model,
    ).toBe('@cf/other');
  });

  it('has a default model per provider', () => {
    expect(DEFAULT_MODELS).toEqual({
      cloudflare: '@cf/zai-org/glm-4.7-flash',
      zai: 'glm-4.7-flash',
      'openai-compatible': 'glm-4.7-flash',
      simulator: 'glm-4.7-flash',
    });
  });
});

describe('missing required values', () => {
  it.each([
    [{ GLM_PROVIDER: 'cloudflare', CLOUDFLARE_ACCOUNT_ID: 'abc' }, 'CLOUDFLARE_API_TOKEN'],
    [{ CLOUDFLARE_ACCOUNT_ID: 'abc' }, 'CLOUDFLARE_API_TOKEN'],
    [{ GLM_PROVIDER: 'cloudflare', CLOUDFLARE_API_TOKEN: 't' }, 'CLOUDFLARE_ACCOUNT_ID'],
    [{ GLM_PROVIDER: 'zai' }, 'GLM_API_KEY'],
    [{ GLM_PROVIDER: 'openai-compatible' }, 'GLM_BASE_URL'],
    [{ GLM_PROVIDER: 'openai-compatible', GLM_API_KEY: 'k' }, 'GLM_BASE_URL'],
  ])('%j throws a ConfigError naming %s', (env, variable) => {
    const error = configError(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
    expect(error.message).toMatch(/^Invalid configuration: \w+ must be set to /);
  });
});

describe('wrong values', () => {
  it.each([
    ['GLM_PROVIDER', 'foo', /one of cloudflare, zai, openai-compatible, simulator/],
    ['GLM_CONTEXT_WINDOW', '-1', /positive whole number of tokens/],
    ['GLM_CONTEXT_WINDOW', 'lots', /positive whole number of tokens/],
    ['GLM_CONTEXT_WINDOW', '1.5', /positive whole number of tokens/],
    ['GLM_BASE_URL', 'not-a-url', /http\(s\) URL/],
    ['GLM_BASE_URL', 'ftp://example.com/v1', /http\(s\) URL/],
    ['SIMULATOR_FLAVOUR', 'x', /one of zai, vllm, cloudflare, ollama, llamacpp/],
    ['GLM_SERVER', 'tgi', /one of vllm, sglang, llamacpp, ollama, other/],
    ['GLM_MAX_RETRIES', '-1', /whole number of retries/],
    ['GLM_REASONING_IN_CONTENT', 'maybe', /true or false/],
    ['SIMULATOR_TOKENS_PER_SECOND', 'fast', /tokens per second/],
  ])('%s=%s throws a ConfigError that names it and says what it expects', (variable, value, expects) => {
    const error = configError({ [variable]: value });
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
    expect(error.message).toMatch(expects);
  });

  it('SIMULATOR_TOKENS_PER_SECOND=-1 says what it expects', () => {
    const error = configError({ SIMULATOR_TOKENS_PER_SECOND: '-1' });
    expect(error.variable).toBe('SIMULATOR_TOKENS_PER_SECOND');
    expect(error.message).toMatch(/tokens per second/);
  });
});

describe('the label shown in the UI and logs', () => {
  const secrets = ['cf-secret-token-123', 'zai-secret-key-456', 'url-password-789', 'query-secret-000'];
  const sim = createSimulator({ tokensPerSecond: 0 });

  it.each([
    [{ CLOUDFLARE_ACCOUNT_ID: 'acc', CLOUDFLARE_API_TOKEN: 'cf-secret-token-123' }, /Cloudflare Workers AI/],
    [{ GLM_API_KEY: 'zai-secret-key-456' }, /Z\.ai · glm-4\.7-flash/],
    [
      {
        GLM_BASE_URL: 'http://user:url-password-789@127.0.0.1:8000/v1?key=query-secret-000',
        GLM_API_KEY: 'zai-secret-key-456',
        GLM_SERVER: 'sglang',
      },
      /SGLang/,
    ],
    [
      {
        GLM_PROVIDER: 'simulator',
        GLM_BASE_URL: 'http://user:url-password-789@127.0.0.1:4000/v1?key=query-secret-000',
        GLM_API_KEY: 'zai-secret-key-456',
      },
      /GLM simulator \(zai, 127\.0\.0\.1:4000\)/,
    ],
    [{}, /GLM simulator \(zai, in-process\)/],
  ])('%j → no secret in the label', (env, expected) => {
    const config = parseConfig(env);
    const glm = createGlm(config, Object.keys(env).length === 0 ? {} : { fetch: sim.fetch });
    expect(glm.label).toMatch(expected);
    for (const secret of secrets) expect(glm.label).not.toContain(secret);
  });
});
