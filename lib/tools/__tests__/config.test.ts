/** parseToolsConfig: defaults, values, and one ConfigError naming the variable for a wrong value. */

import { describe, expect, it } from 'vitest';
import { ConfigError } from '@/lib/config';
import { parseToolsConfig } from '@/lib/tools/config';

function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    parseToolsConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    if (error instanceof ConfigError) return error;
  }
  throw new Error(`parseToolsConfig(${JSON.stringify(env)}) did not throw`);
}

describe('parseToolsConfig', () => {
  it('has safe defaults: fetch_url off, no private addresses, no search, 3 s and 32 MB for JavaScript', () => {
    expect(parseToolsConfig({})).toEqual({
      fetchUrl: { enabled: false, allowPrivate: false },
      searxngUrl: undefined,
      js: { timeoutMs: 3000, memoryMb: 32 },
    });
  });

  it('treats empty values as unset', () => {
    expect(parseToolsConfig({ TOOLS_FETCH_URL: '', SEARXNG_URL: ' ', TOOLS_JS_TIMEOUT_MS: '' })).toEqual(
      parseToolsConfig({}),
    );
  });

  it('reads every variable', () => {
    expect(
      parseToolsConfig({
        TOOLS_FETCH_URL: 'true',
        TOOLS_FETCH_ALLOW_PRIVATE: 'YES',
        SEARXNG_URL: 'https://search.example.com/searx/',
        TOOLS_JS_TIMEOUT_MS: '5000',
        TOOLS_JS_MEMORY_MB: '64',
      }),
    ).toEqual({
      fetchUrl: { enabled: true, allowPrivate: true },
      searxngUrl: 'https://search.example.com/searx',
      js: { timeoutMs: 5000, memoryMb: 64 },
    });
    expect(parseToolsConfig({ TOOLS_FETCH_URL: '0' }).fetchUrl.enabled).toBe(false);
  });

  it.each([
    [{ TOOLS_FETCH_URL: 'maybe' }, 'TOOLS_FETCH_URL', 'true or false'],
    [{ TOOLS_FETCH_ALLOW_PRIVATE: 'sure' }, 'TOOLS_FETCH_ALLOW_PRIVATE', 'true or false'],
    [{ SEARXNG_URL: 'ftp://search.local' }, 'SEARXNG_URL', 'an http(s) URL of a SearXNG instance'],
    [{ SEARXNG_URL: 'search.local' }, 'SEARXNG_URL', 'an http(s) URL of a SearXNG instance'],
    [
      { TOOLS_JS_TIMEOUT_MS: 'soon' },
      'TOOLS_JS_TIMEOUT_MS',
      'a whole number of milliseconds between 100 and 60000',
    ],
    [
      { TOOLS_JS_TIMEOUT_MS: '10' },
      'TOOLS_JS_TIMEOUT_MS',
      'a whole number of milliseconds between 100 and 60000',
    ],
    [{ TOOLS_JS_MEMORY_MB: '1.5' }, 'TOOLS_JS_MEMORY_MB', 'a whole number of megabytes between 4 and 1024'],
    [{ TOOLS_JS_MEMORY_MB: '4096' }, 'TOOLS_JS_MEMORY_MB', 'a whole number of megabytes between 4 and 1024'],
  ])('%o is refused, naming the variable', (env, variable, expected) => {
    const error = configError(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(`Invalid configuration: ${variable} must be ${expected}`);
  });
});
