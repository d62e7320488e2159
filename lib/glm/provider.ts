import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import {
  extractReasoningMiddleware,
  type LanguageModel,
  type LanguageModelMiddleware,
  wrapLanguageModel,
} from 'ai';
import type { AppConfig } from '@/lib/config';
import {
  type Dialect,
  type DialectId,
  getDialect,
  type JsonObject,
  mirrorReasoningFields,
  thinkingSwitchedOff,
} from './dialects';
import { glmFetch } from './fetch';
import { retryPolicyMiddleware } from './retry-policy';
import { createSimulator, type GlmSimulator } from './simulator';

/** The provider name: also the `providerOptions` key whose fields are spread into the request body. */
export const PROVIDER_NAME = 'glm';

export interface Glm {
  model: LanguageModel;
  modelId: string;
  dialect: Dialect;
  /** True when the built-in simulator answers instead of a real GLM. */
  isSimulator: boolean;
  /** Short description for the UI and logs (never contains a secret). */
  label: string;
  /** The in-process simulator, when one is used. */
  simulator?: GlmSimulator;
  /**
   * Provider options for one request, in the body fields this backend reads: the thinking switch and
   * `body` (the conversation's settings as `wireParams` named them), spread into the request body.
   */
  providerOptions(options: { thinking: boolean; body?: JsonObject }): { [PROVIDER_NAME]: JsonObject };
}

function dialectIdFor(config: AppConfig): DialectId {
  switch (config.provider) {
    case 'cloudflare':
      return 'cloudflare';
    case 'zai':
      return 'zai';
    case 'openai-compatible':
      return config.server;
    case 'simulator':
      return config.simulator.flavour;
  }
}

/**
 * For servers that leave reasoning in `content`. GLM's template opens <think> itself, so with thinking
 * on the output starts mid-thought (`reasoning…</think>answer`); with thinking off there is no tag at
 * all and the whole output is the answer.
 */
function inlineThinkMiddleware(): LanguageModelMiddleware {
  const extract = extractReasoningMiddleware({ tagName: 'think', startWithReasoning: true });
  const off = (params: { providerOptions?: Record<string, Record<string, unknown>> }) =>
    thinkingSwitchedOff(params.providerOptions?.[PROVIDER_NAME]);
  return {
    specificationVersion: 'v3',
    wrapGenerate: (options) =>
      off(options.params) || !extract.wrapGenerate ? options.doGenerate() : extract.wrapGenerate(options),
    wrapStream: (options) =>
      off(options.params) || !extract.wrapStream ? options.doStream() : extract.wrapStream(options),
  };
}

export interface CreateGlmOptions {
  /** Replaces the network (tests inject the simulator's fetch here). */
  fetch?: typeof fetch;
  /** Merge text deltas that arrived together before the SDK parses them (default on; lib/glm/coalesce.ts). */
  coalesce?: boolean;
}

/** One factory for every backend: a dialect over `createOpenAICompatible`. */
export function createGlm(config: AppConfig, options: CreateGlmOptions = {}): Glm {
  const dialect = getDialect(dialectIdFor(config), { reasoningInContent: config.reasoningInContent });
  const isSimulator = config.provider === 'simulator';
  let simulator: GlmSimulator | undefined;
  let baseURL = config.baseURL;
  let baseFetch = options.fetch ?? globalThis.fetch;

  if (isSimulator && !baseURL) {
    // Keyless demo: the simulator runs inside this process; no socket, no key.
    baseURL = 'http://simulator.invalid/v1';
    if (!options.fetch) {
      simulator = createSimulator({
        flavour: config.simulator.flavour,
        tokensPerSecond: config.simulator.tokensPerSecond,
      });
      baseFetch = simulator.fetch;
    }
  }
  if (!baseURL) throw new Error(`No base URL for provider ${config.provider}`);

  const provider = createOpenAICompatible({
    name: PROVIDER_NAME,
    baseURL,
    apiKey: config.apiKey,
    headers: config.headers,
    includeUsage: true,
    fetch: glmFetch(baseFetch, {
      firstByteTimeoutMs: config.timeouts?.firstByteMs,
      coalesce: options.coalesce,
    }),
    transformRequestBody: (body) => mirrorReasoningFields(body, dialect),
  });

  const chatModel = provider.chatModel(config.model);
  // The retry policy is innermost: the SDK's retry loop sees the error it rethrows.
  const middleware = dialect.reasoningInContent
    ? [inlineThinkMiddleware(), retryPolicyMiddleware()]
    : [retryPolicyMiddleware()];
  const model = wrapLanguageModel({ model: chatModel, middleware });

  const where = isSimulator ? (simulator ? 'in-process' : new URL(baseURL).host) : new URL(baseURL).host;
  return {
    model,
    modelId: config.model,
    dialect,
    isSimulator,
    simulator,
    label: isSimulator
      ? `GLM simulator (${config.simulator.flavour}, ${where})`
      : `${dialect.label} · ${config.model}`,
    providerOptions: ({ thinking, body }) => ({
      [PROVIDER_NAME]: { ...body, ...dialect.thinking(thinking) },
    }),
  };
}
