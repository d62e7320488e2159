import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { type PriceSnapshot, picoPerTokenFromPerMTok } from './usage/cost';

/**
 * Server configuration, parsed once from the environment with zod.
 * A wrong value stops the server at boot with one line naming the variable (see instrumentation.ts).
 */

export const PROVIDERS = ['cloudflare', 'zai', 'openai-compatible', 'simulator'] as const;
export type ProviderId = (typeof PROVIDERS)[number];

/** Which server sits behind an `openai-compatible` endpoint: decides the thinking switch and reasoning fields. */
export const SERVERS = ['vllm', 'sglang', 'llamacpp', 'ollama', 'other'] as const;
export type ServerKind = (typeof SERVERS)[number];

export const SIMULATOR_FLAVOURS = ['zai', 'vllm', 'cloudflare', 'ollama', 'llamacpp'] as const;

export const DEFAULT_MODELS: Record<ProviderId, string> = {
  cloudflare: '@cf/zai-org/glm-4.7-flash',
  zai: 'glm-4.7-flash',
  'openai-compatible': 'glm-4.7-flash',
  simulator: 'glm-4.7-flash',
};

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const optionalUrl = z.preprocess(
  emptyToUndefined,
  z.url({ protocol: /^https?$/, error: 'an http(s) URL, e.g. http://127.0.0.1:8000/v1' }).optional(),
);
const positiveInt = (def: number, what: string) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce.number({ error: what }).int({ error: what }).positive({ error: what }).default(def),
  );
const nonNegativeInt = (def: number, what: string) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce.number({ error: what }).int({ error: what }).min(0, { error: what }).default(def),
  );
const bool = (def: boolean) =>
  z.preprocess(
    emptyToUndefined,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'true or false' })
      .default(def ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  );

const PRICE_PATTERN = /^\s*\d{1,6}(\.\d{1,6})?\s*$/;
const PRICE_ERROR = 'a price in US dollars per million tokens with at most 6 decimals, e.g. 0.06';
const price = (def: string) =>
  z.preprocess(emptyToUndefined, z.string().regex(PRICE_PATTERN, { error: PRICE_ERROR }).default(def));

export const AUTH_MODES = ['password', 'none'] as const;
export const SIGNUP_MODES = ['closed', 'open', 'invite'] as const;

const envSchema = z.object({
  GLM_PROVIDER: z.preprocess(
    emptyToUndefined,
    z.enum(PROVIDERS, { error: `one of ${PROVIDERS.join(', ')}` }).optional(),
  ),
  GLM_BASE_URL: optionalUrl,
  GLM_API_KEY: optionalString,
  GLM_MODEL: optionalString,
  GLM_SERVER: z.preprocess(
    emptyToUndefined,
    z.enum(SERVERS, { error: `one of ${SERVERS.join(', ')}` }).default('vllm'),
  ),
  GLM_REASONING_IN_CONTENT: bool(false),
  GLM_CONTEXT_WINDOW: positiveInt(131072, 'a positive whole number of tokens, e.g. 131072'),
  GLM_CONTEXT_RESERVE_TOKENS: positiveInt(
    8192,
    'a positive whole number of tokens kept free for the answer, e.g. 8192',
  ),
  GLM_PRICE_INPUT_PER_MTOK: price('0.06'),
  GLM_PRICE_OUTPUT_PER_MTOK: price('0.40'),
  GLM_PRICE_CACHED_INPUT_PER_MTOK: z.preprocess(
    emptyToUndefined,
    z.string().regex(PRICE_PATTERN, { error: PRICE_ERROR }).optional(),
  ),
  GLM_MAX_RETRIES: nonNegativeInt(2, 'a whole number of retries, 0 or more'),
  GLM_MAX_STEPS: positiveInt(8, 'a whole number of model calls per answer (tool loop steps), e.g. 8'),
  GLM_FIRST_BYTE_TIMEOUT_MS: positiveInt(60_000, 'a whole number of milliseconds, e.g. 60000'),
  GLM_IDLE_TIMEOUT_MS: positiveInt(60_000, 'a whole number of milliseconds, e.g. 60000'),
  CHAT_RATE_LIMIT: positiveInt(20, 'a whole number of messages per minute per user, e.g. 20'),
  CHAT_MAX_STREAMS: positiveInt(3, 'a whole number of answers one user may have running at once, e.g. 3'),
  SHUTDOWN_GRACE_MS: nonNegativeInt(10_000, 'a whole number of milliseconds, e.g. 10000'),
  CLOUDFLARE_ACCOUNT_ID: optionalString,
  CLOUDFLARE_API_TOKEN: optionalString,
  /** An AI Gateway id (its name): Workers AI is then called through that gateway. */
  CLOUDFLARE_AI_GATEWAY: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, { error: 'an AI Gateway id (letters, digits, - and _)' })
      .optional(),
  ),
  /** The token of an authenticated gateway (sent as `cf-aig-authorization`). */
  CLOUDFLARE_AI_GATEWAY_TOKEN: optionalString,
  DATABASE_PATH: z.preprocess(emptyToUndefined, z.string().default('./data/glm-chat.db')),
  AUTH_MODE: z.preprocess(
    emptyToUndefined,
    z.enum(AUTH_MODES, { error: `one of ${AUTH_MODES.join(', ')}` }).default('password'),
  ),
  AUTH_SIGNUP: z.preprocess(
    emptyToUndefined,
    z.enum(SIGNUP_MODES, { error: `one of ${SIGNUP_MODES.join(', ')}` }).default('closed'),
  ),
  APP_URL: optionalUrl,
  AUTH_TRUSTED_ORIGINS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z.url({
            protocol: /^https?$/,
            error: 'a comma-separated list of origins (https://chat.example.com)',
          }),
        ),
      ),
  ),
  BETTER_AUTH_SECRET: z.preprocess(
    emptyToUndefined,
    z.string().min(32, { error: 'at least 32 characters (e.g. openssl rand -base64 32)' }).optional(),
  ),
  AUTH_MIN_PASSWORD_LENGTH: positiveInt(10, 'a whole number of characters, e.g. 10'),
  AUTH_RATE_LIMIT: positiveInt(10, 'a whole number of sign-in attempts per minute per address, e.g. 10'),
  SIMULATOR_FLAVOUR: z.preprocess(
    emptyToUndefined,
    z.enum(SIMULATOR_FLAVOURS, { error: `one of ${SIMULATOR_FLAVOURS.join(', ')}` }).default('zai'),
  ),
  SIMULATOR_TOKENS_PER_SECOND: z.preprocess(
    emptyToUndefined,
    z.coerce.number({ error: 'a number of tokens per second (0 = unthrottled)' }).min(0).default(40),
  ),
});

export interface AppConfig {
  provider: ProviderId;
  /** True when GLM_PROVIDER was not set and the app fell back to the simulator. */
  providerInferred: boolean;
  baseURL: string | undefined;
  /** Extra request headers for the GLM backend (an authenticated AI Gateway's token). Secret. */
  headers: Record<string, string>;
  apiKey: string | undefined;
  model: string;
  server: ServerKind;
  reasoningInContent: boolean;
  contextWindow: number;
  /**
   * Tokens kept free for the answer when checking the window, if the conversation sets no
   * max_completion_tokens (GLM_CONTEXT_RESERVE_TOKENS, never more than half the window).
   */
  contextReserve: number;
  /** Prices in picodollars per token (GLM_PRICE_*_PER_MTOK; cached input defaults to the input price). */
  pricing: PriceSnapshot;
  maxRetries: number;
  /** The most model calls in one answer (reasoning → tools → … → answer). */
  maxSteps: number;
  timeouts: { firstByteMs: number; idleMs: number };
  limits: { messagesPerMinute: number; concurrentStreams: number };
  /** On SIGTERM, how long running answers may go on before they are saved as interrupted. */
  shutdownGraceMs: number;
  databasePath: string;
  simulator: { flavour: (typeof SIMULATOR_FLAVOURS)[number]; tokensPerSecond: number };
  auth: {
    mode: (typeof AUTH_MODES)[number];
    signup: (typeof SIGNUP_MODES)[number];
    appUrl: string | undefined;
    trustedOrigins: string[];
    secret: string | undefined;
    minPasswordLength: number;
    signInPerMinute: number;
  };
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly expected: string,
  ) {
    super(`Invalid configuration: ${variable} must be ${expected}`);
    this.name = 'ConfigError';
  }
}

function inferProvider(env: z.infer<typeof envSchema>): ProviderId {
  if (env.GLM_PROVIDER) return env.GLM_PROVIDER;
  if (env.CLOUDFLARE_ACCOUNT_ID || env.CLOUDFLARE_API_TOKEN) return 'cloudflare';
  if (env.GLM_BASE_URL) return 'openai-compatible';
  if (env.GLM_API_KEY) return 'zai';
  return 'simulator';
}

export function parseConfig(raw: Record<string, string | undefined>): AppConfig {
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(String(issue?.path[0] ?? 'environment'), issue?.message ?? 'valid');
  }
  const env = parsed.data;
  const provider = inferProvider(env);
  let baseURL = env.GLM_BASE_URL;
  let apiKey = env.GLM_API_KEY;
  const headers: Record<string, string> = {};

  if (provider === 'cloudflare') {
    if (!env.CLOUDFLARE_ACCOUNT_ID && !baseURL) {
      throw new ConfigError(
        'CLOUDFLARE_ACCOUNT_ID',
        'set to your Cloudflare account id when GLM_PROVIDER=cloudflare',
      );
    }
    apiKey = env.CLOUDFLARE_API_TOKEN ?? apiKey;
    if (!apiKey) {
      throw new ConfigError(
        'CLOUDFLARE_API_TOKEN',
        'set to a Workers AI API token when GLM_PROVIDER=cloudflare',
      );
    }
    const account = encodeURIComponent(env.CLOUDFLARE_ACCOUNT_ID ?? '');
    // AI Gateway's OpenAI-compatible Workers AI route (developers.cloudflare.com/ai-gateway/providers/workersai).
    baseURL ??= env.CLOUDFLARE_AI_GATEWAY
      ? `https://gateway.ai.cloudflare.com/v1/${account}/${env.CLOUDFLARE_AI_GATEWAY}/workers-ai/v1`
      : `https://api.cloudflare.com/client/v4/accounts/${account}/ai/v1`;
    if (env.CLOUDFLARE_AI_GATEWAY_TOKEN) {
      headers['cf-aig-authorization'] = `Bearer ${env.CLOUDFLARE_AI_GATEWAY_TOKEN}`;
    }
  } else if (provider === 'zai') {
    if (!apiKey) throw new ConfigError('GLM_API_KEY', 'set to your Z.ai API key when GLM_PROVIDER=zai');
    baseURL ??= 'https://api.z.ai/api/paas/v4';
  } else if (provider === 'openai-compatible') {
    if (!baseURL) {
      throw new ConfigError(
        'GLM_BASE_URL',
        'set to the server base URL (e.g. http://127.0.0.1:8000/v1) when GLM_PROVIDER=openai-compatible',
      );
    }
  }

  return {
    provider,
    providerInferred: !env.GLM_PROVIDER,
    baseURL: baseURL?.replace(/\/+$/, ''),
    apiKey,
    headers,
    model: env.GLM_MODEL ?? DEFAULT_MODELS[provider],
    server: env.GLM_SERVER,
    reasoningInContent: env.GLM_REASONING_IN_CONTENT,
    contextWindow: env.GLM_CONTEXT_WINDOW,
    contextReserve: Math.min(env.GLM_CONTEXT_RESERVE_TOKENS, Math.floor(env.GLM_CONTEXT_WINDOW / 2)),
    pricing: {
      inputPico: picoPerTokenFromPerMTok(env.GLM_PRICE_INPUT_PER_MTOK),
      outputPico: picoPerTokenFromPerMTok(env.GLM_PRICE_OUTPUT_PER_MTOK),
      cachedInputPico: picoPerTokenFromPerMTok(
        env.GLM_PRICE_CACHED_INPUT_PER_MTOK ?? env.GLM_PRICE_INPUT_PER_MTOK,
      ),
    },
    maxRetries: env.GLM_MAX_RETRIES,
    maxSteps: env.GLM_MAX_STEPS,
    timeouts: { firstByteMs: env.GLM_FIRST_BYTE_TIMEOUT_MS, idleMs: env.GLM_IDLE_TIMEOUT_MS },
    limits: { messagesPerMinute: env.CHAT_RATE_LIMIT, concurrentStreams: env.CHAT_MAX_STREAMS },
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    databasePath: env.DATABASE_PATH === ':memory:' ? ':memory:' : path.resolve(env.DATABASE_PATH),
    simulator: { flavour: env.SIMULATOR_FLAVOUR, tokensPerSecond: env.SIMULATOR_TOKENS_PER_SECOND },
    auth: {
      mode: env.AUTH_MODE,
      signup: env.AUTH_SIGNUP,
      appUrl: env.APP_URL?.replace(/\/+$/, ''),
      trustedOrigins: env.AUTH_TRUSTED_ORIGINS.map((o) => new URL(o).origin),
      secret: env.BETTER_AUTH_SECRET,
      minPasswordLength: env.AUTH_MIN_PASSWORD_LENGTH,
      signInPerMinute: env.AUTH_RATE_LIMIT,
    },
  };
}

/** Variables that may instead name a file holding their value, as NAME_FILE (Docker secrets). */
export const SECRET_VARIABLES = [
  'GLM_API_KEY',
  'CLOUDFLARE_API_TOKEN',
  'CLOUDFLARE_AI_GATEWAY_TOKEN',
  'BETTER_AUTH_SECRET',
  'MCP_SERVERS',
] as const;

/**
 * For each secret variable given as NAME_FILE, reads the file into NAME (without its trailing newline),
 * in `env` itself, so every reader of the environment sees it. Setting both NAME and NAME_FILE, or
 * naming a file that cannot be read, is a ConfigError.
 */
export function loadSecretFiles(env: Record<string, string | undefined>): void {
  for (const name of SECRET_VARIABLES) {
    const file = env[`${name}_FILE`]?.trim();
    if (!file) continue;
    if (env[name]?.trim())
      throw new ConfigError(`${name}_FILE`, `unset when ${name} is set (use one of the two)`);
    try {
      env[name] = fs.readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new ConfigError(`${name}_FILE`, `a readable file (${file}: ${reason})`);
    }
  }
}

const globalForConfig = globalThis as unknown as { __glmChatConfig?: AppConfig };

/** The parsed configuration, cached for the life of the process. Throws ConfigError on a bad value. */
export function getConfig(): AppConfig {
  if (!globalForConfig.__glmChatConfig) {
    loadSecretFiles(process.env);
    globalForConfig.__glmChatConfig = parseConfig(process.env);
  }
  return globalForConfig.__glmChatConfig;
}
