/**
 * Shared helpers for the GLM-layer tests: every test drives the real provider (`createGlm` over
 * `@ai-sdk/openai-compatible`) against the in-process simulator, and looks at what a caller sees.
 */

import {
  type FinishReason,
  type LanguageModelUsage,
  type ModelMessage,
  streamText,
  type TextStreamPart,
  type ToolSet,
} from 'ai';
import { type AppConfig, parseConfig } from '@/lib/config';
import { createGlm, type Glm } from '@/lib/glm/provider';
import {
  createSimulator,
  type GlmSimulator,
  type SimulatorFlavour,
  type SimulatorOptions,
} from '@/lib/glm/simulator';

export type ReasoningField = 'reasoning_content' | 'reasoning';
export type Json = Record<string, unknown>;

/** One backend configuration under test, with what the wire should look like for it. */
export interface Target {
  name: string;
  env: Record<string, string>;
  /** How the simulator answering for this backend is set up (always unthrottled). */
  simulator: SimulatorOptions;
  /** Assistant-message fields this backend reads prior reasoning from. */
  reasoningFields: ReasoningField[];
  /** Body fields that switch thinking on / off on this backend. */
  thinkingOn: Json;
  thinkingOff: Json;
  /** The model id that must be on the wire. */
  model: string;
  /** The request path the backend is called on. */
  path: string;
  /** The backend reports `completion_tokens_details.reasoning_tokens`. */
  reportsReasoningTokens: boolean;
  /** The backend reports `prompt_tokens_details.cached_tokens` (and the simulator fills a non-zero value). */
  reportsCachedTokens: boolean;
}

export const FAKE_KEY = 'sk-fake-test-key-0123456789';
export const FAKE_CF_TOKEN = 'cf-fake-test-token-0123456789';

const CHAT_TEMPLATE_ON: Json = { chat_template_kwargs: { enable_thinking: true } };
const CHAT_TEMPLATE_OFF: Json = { chat_template_kwargs: { enable_thinking: false } };

/** The five simulator flavours, each with its own dialect (GLM_PROVIDER=simulator). */
export const FLAVOUR_TARGETS: Record<SimulatorFlavour, Target> = {
  zai: {
    name: 'simulator/zai',
    env: { GLM_PROVIDER: 'simulator', SIMULATOR_FLAVOUR: 'zai' },
    simulator: { flavour: 'zai' },
    reasoningFields: ['reasoning_content'],
    thinkingOn: { thinking: { type: 'enabled' } },
    thinkingOff: { thinking: { type: 'disabled' } },
    model: 'glm-4.7-flash',
    path: '/v1/chat/completions',
    reportsReasoningTokens: true,
    reportsCachedTokens: true,
  },
  vllm: {
    name: 'simulator/vllm',
    env: { GLM_PROVIDER: 'simulator', SIMULATOR_FLAVOUR: 'vllm' },
    simulator: { flavour: 'vllm' },
    reasoningFields: ['reasoning_content', 'reasoning'],
    thinkingOn: CHAT_TEMPLATE_ON,
    thinkingOff: CHAT_TEMPLATE_OFF,
    model: 'glm-4.7-flash',
    path: '/v1/chat/completions',
    reportsReasoningTokens: false,
    reportsCachedTokens: false,
  },
  cloudflare: {
    name: 'simulator/cloudflare',
    env: { GLM_PROVIDER: 'simulator', SIMULATOR_FLAVOUR: 'cloudflare' },
    simulator: { flavour: 'cloudflare' },
    reasoningFields: ['reasoning_content', 'reasoning'],
    thinkingOn: CHAT_TEMPLATE_ON,
    thinkingOff: CHAT_TEMPLATE_OFF,
    model: 'glm-4.7-flash',
    path: '/v1/chat/completions',
    // Workers AI's /ai/v1 usage has no completion_tokens_details (recorded 2026-05).
    reportsReasoningTokens: false,
    // Workers AI reports `cached_tokens`, but 0 without session affinity.
    reportsCachedTokens: false,
  },
  ollama: {
    name: 'simulator/ollama',
    env: { GLM_PROVIDER: 'simulator', SIMULATOR_FLAVOUR: 'ollama' },
    simulator: { flavour: 'ollama' },
    reasoningFields: ['reasoning'],
    // Ollama ignores chat_template_kwargs: thinking is on unless `reasoning_effort` says "none".
    thinkingOn: {},
    thinkingOff: { reasoning_effort: 'none' },
    model: 'glm-4.7-flash',
    path: '/v1/chat/completions',
    reportsReasoningTokens: false,
    reportsCachedTokens: false,
  },
  llamacpp: {
    name: 'simulator/llamacpp',
    env: { GLM_PROVIDER: 'simulator', SIMULATOR_FLAVOUR: 'llamacpp' },
    simulator: { flavour: 'llamacpp' },
    reasoningFields: ['reasoning_content'],
    thinkingOn: CHAT_TEMPLATE_ON,
    thinkingOff: CHAT_TEMPLATE_OFF,
    model: 'glm-4.7-flash',
    path: '/v1/chat/completions',
    reportsReasoningTokens: false,
    reportsCachedTokens: false,
  },
};

const openAiCompatible = (server: string): Record<string, string> => ({
  GLM_PROVIDER: 'openai-compatible',
  GLM_BASE_URL: 'http://127.0.0.1:8000/v1',
  GLM_SERVER: server,
});

/** Real-provider configurations (openai-compatible servers, Cloudflare, Z.ai) answered by the simulator. */
export const SERVER_TARGETS: Target[] = [
  {
    ...FLAVOUR_TARGETS.vllm,
    name: 'openai-compatible/vllm',
    env: openAiCompatible('vllm'),
  },
  {
    // SGLang: vLLM-style framing with `reasoning_content`.
    ...FLAVOUR_TARGETS.vllm,
    name: 'openai-compatible/sglang',
    env: openAiCompatible('sglang'),
    simulator: { flavour: 'vllm', vllmReasoningField: 'reasoning_content' },
    reasoningFields: ['reasoning_content'],
  },
  {
    ...FLAVOUR_TARGETS.llamacpp,
    name: 'openai-compatible/llamacpp',
    env: openAiCompatible('llamacpp'),
  },
  {
    ...FLAVOUR_TARGETS.ollama,
    name: 'openai-compatible/ollama',
    env: openAiCompatible('ollama'),
  },
  {
    // An unknown server: read either field, send both.
    ...FLAVOUR_TARGETS.vllm,
    name: 'openai-compatible/other',
    env: openAiCompatible('other'),
    simulator: { flavour: 'vllm', vllmReasoningField: 'both' },
  },
  {
    ...FLAVOUR_TARGETS.cloudflare,
    name: 'cloudflare',
    env: {
      GLM_PROVIDER: 'cloudflare',
      CLOUDFLARE_ACCOUNT_ID: 'acc0123',
      CLOUDFLARE_API_TOKEN: FAKE_CF_TOKEN,
    },
    simulator: { flavour: 'cloudflare', apiKey: FAKE_CF_TOKEN },
    model: '@cf/zai-org/glm-4.7-flash',
    path: '/client/v4/accounts/acc0123/ai/v1/chat/completions',
  },
  {
    ...FLAVOUR_TARGETS.zai,
    name: 'zai',
    env: { GLM_PROVIDER: 'zai', GLM_API_KEY: FAKE_KEY },
    simulator: { flavour: 'zai', apiKey: FAKE_KEY },
    path: '/api/paas/v4/chat/completions',
  },
];

export const ALL_TARGETS: Target[] = [...Object.values(FLAVOUR_TARGETS), ...SERVER_TARGETS];

export interface Setup {
  glm: Glm;
  sim: GlmSimulator;
  config: AppConfig;
}

function isTarget(spec: Target | Record<string, string>): spec is Target {
  return typeof spec.env === 'object' && typeof spec.name === 'string';
}

/**
 * The real provider for a flavour, a `Target`, or a raw environment, wired to a fresh unthrottled simulator.
 * `extraEnv` is merged into the environment (e.g. `{ GLM_REASONING_IN_CONTENT: 'true' }`).
 */
export function glmFor(
  spec: SimulatorFlavour | Target | Record<string, string>,
  extraEnv: Record<string, string> = {},
): Setup {
  let env: Record<string, string>;
  let simulator: SimulatorOptions;
  if (typeof spec === 'string') {
    env = FLAVOUR_TARGETS[spec].env;
    simulator = FLAVOUR_TARGETS[spec].simulator;
  } else if (isTarget(spec)) {
    env = spec.env;
    simulator = spec.simulator;
  } else {
    env = spec;
    const flavour = spec.SIMULATOR_FLAVOUR as SimulatorFlavour | undefined;
    simulator = { flavour: flavour ?? 'zai' };
  }
  const config = parseConfig({ ...env, ...extraEnv });
  const sim = createSimulator({ ...simulator, tokensPerSecond: 0 });
  return { glm: createGlm(config, { fetch: sim.fetch }), sim, config };
}

export interface Collected {
  reasoning: string;
  text: string;
  /** Reasoning of each step, in order. */
  stepReasoning: string[];
  /** Usage of the last step. */
  usage: LanguageModelUsage | undefined;
  totalUsage: LanguageModelUsage | undefined;
  finishReason: FinishReason | undefined;
  rawFinishReason: string | undefined;
  /** `error` parts, then the error the stream itself failed with (if it did). */
  errors: unknown[];
  /** The stream failed (threw) instead of ending with an `error` part. */
  threw: boolean;
  aborted: boolean;
  steps: number;
}

/** Reads the whole `fullStream` and sums up what a caller would see. */
export async function collect<TOOLS extends ToolSet>(result: {
  fullStream: AsyncIterable<TextStreamPart<TOOLS>>;
}): Promise<Collected> {
  const out: Collected = {
    reasoning: '',
    text: '',
    stepReasoning: [],
    usage: undefined,
    totalUsage: undefined,
    finishReason: undefined,
    rawFinishReason: undefined,
    errors: [],
    threw: false,
    aborted: false,
    steps: 0,
  };
  try {
    for await (const part of result.fullStream) {
      switch (part.type) {
        case 'start-step':
          out.stepReasoning.push('');
          break;
        case 'reasoning-delta':
          out.reasoning += part.text;
          out.stepReasoning[out.stepReasoning.length - 1] += part.text;
          break;
        case 'text-delta':
          out.text += part.text;
          break;
        case 'finish-step':
          out.steps++;
          out.usage = part.usage;
          break;
        case 'finish':
          out.finishReason = part.finishReason;
          out.rawFinishReason = part.rawFinishReason;
          out.totalUsage = part.totalUsage;
          break;
        case 'error':
          out.errors.push(part.error);
          break;
        case 'abort':
          out.aborted = true;
          break;
      }
    }
  } catch (error) {
    // A failed body read surfaces as a stream that throws; the UI stream reports it through its onError.
    out.errors.push(error);
    out.threw = true;
  }
  return out;
}

export interface AskOptions {
  messages?: ModelMessage[];
  thinking?: boolean;
  maxRetries?: number;
  abortSignal?: AbortSignal;
}

/** One `streamText` call (no retries unless asked, errors only through the stream), collected. */
export function ask(glm: Glm, prompt: string, options: AskOptions = {}): Promise<Collected> {
  const input: { prompt: string } | { messages: ModelMessage[] } = options.messages
    ? { messages: options.messages }
    : { prompt };
  const result = streamText({
    model: glm.model,
    ...input,
    maxRetries: options.maxRetries ?? 0,
    abortSignal: options.abortSignal,
    providerOptions:
      options.thinking === undefined ? undefined : glm.providerOptions({ thinking: options.thinking }),
    onError: () => {},
  });
  return collect(result);
}

/** The parsed JSON body of the n-th request the simulator received. */
export function bodyOf(sim: GlmSimulator, index: number): Json {
  const request = sim.requests[index];
  if (!request) throw new Error(`The simulator received ${sim.requests.length} request(s), not ${index + 1}`);
  return request.body as Json;
}

export function messagesOf(body: Json): Json[] {
  return body.messages as Json[];
}
