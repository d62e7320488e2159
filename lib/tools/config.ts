import { z } from 'zod';
import { ConfigError } from '@/lib/config';

/**
 * Settings of the built-in tools, parsed with zod from the environment.
 * A wrong value throws the same ConfigError as lib/config.ts: one line naming the variable and what it expects.
 */

export interface ToolsConfig {
  fetchUrl: {
    /** TOOLS_FETCH_URL: the fetch_url tool is off unless this is true. */
    enabled: boolean;
    /** TOOLS_FETCH_ALLOW_PRIVATE: let fetch_url reach loopback, private and link-local addresses. */
    allowPrivate: boolean;
  };
  /** SEARXNG_URL without a trailing slash; web_search is off while it is unset. */
  searxngUrl: string | undefined;
  js: {
    /** TOOLS_JS_TIMEOUT_MS: wall-clock budget of one run_javascript call. */
    timeoutMs: number;
    /** TOOLS_JS_MEMORY_MB: heap limit of the run_javascript sandbox. */
    memoryMb: number;
  };
}

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const bool = (def: boolean) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? emptyToUndefined(v.trim().toLowerCase()) : v),
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'true or false' })
      .default(def ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  );

const intBetween = (def: number, min: number, max: number, what: string) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: what })
      .int({ error: what })
      .min(min, { error: what })
      .max(max, { error: what })
      .default(def),
  );

const envSchema = z.object({
  TOOLS_FETCH_URL: bool(false),
  TOOLS_FETCH_ALLOW_PRIVATE: bool(false),
  SEARXNG_URL: z.preprocess(
    emptyToUndefined,
    z
      .url({
        protocol: /^https?$/,
        error: 'an http(s) URL of a SearXNG instance, e.g. http://127.0.0.1:8888',
      })
      .optional(),
  ),
  TOOLS_JS_TIMEOUT_MS: intBetween(
    3000,
    100,
    60_000,
    'a whole number of milliseconds between 100 and 60000, e.g. 3000',
  ),
  TOOLS_JS_MEMORY_MB: intBetween(32, 4, 1024, 'a whole number of megabytes between 4 and 1024, e.g. 32'),
});

export const TOOLS_ENV_VARIABLES = Object.keys(envSchema.shape) as (keyof typeof envSchema.shape)[];

export function parseToolsConfig(raw: Record<string, string | undefined>): ToolsConfig {
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(String(issue?.path[0] ?? 'environment'), issue?.message ?? 'valid');
  }
  const env = parsed.data;
  return {
    fetchUrl: { enabled: env.TOOLS_FETCH_URL, allowPrivate: env.TOOLS_FETCH_ALLOW_PRIVATE },
    searxngUrl: env.SEARXNG_URL?.replace(/\/+$/, ''),
    js: { timeoutMs: env.TOOLS_JS_TIMEOUT_MS, memoryMb: env.TOOLS_JS_MEMORY_MB },
  };
}

const globalForTools = globalThis as unknown as { __glmChatToolsConfig?: ToolsConfig };

/** The parsed tools configuration, cached for the life of the process. Throws ConfigError on a bad value. */
export function getToolsConfig(): ToolsConfig {
  globalForTools.__glmChatToolsConfig ??= parseToolsConfig(process.env);
  return globalForTools.__glmChatToolsConfig;
}
