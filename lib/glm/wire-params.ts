import type { ModelSettings } from '@/lib/chat/settings';
import type { DialectId, JsonObject } from './dialects';

/**
 * Which request parameters each backend takes, and under which name. Sources: the model's API page
 * (Cloudflare, the OpenAI names), docs.z.ai's chat-completion reference, vLLM's protocol.py, the
 * Ollama and llama.cpp server docs (see ARCHITECTURE.md, "Model settings on the wire").
 */
export interface ParamSupport {
  /** `max_completion_tokens` (the API page; vLLM, SGLang, Cloudflare) or the older `max_tokens`. */
  maxTokensField: 'max_tokens' | 'max_completion_tokens';
  /** How many stop sequences the backend takes (Z.ai: one). */
  maxStop: number;
  reasoningEffort: boolean;
  /** `response_format: {type: "json_schema"}`; without it json_schema is sent as json_object. */
  jsonSchema: boolean;
  /** More than one choice per request. */
  n: boolean;
  logitBias: boolean;
  /** Only `tool_choice: "auto"` (Z.ai, Ollama): anything else is not sent. */
  toolChoiceAutoOnly: boolean;
}

const OPENAI_LIKE: ParamSupport = {
  maxTokensField: 'max_completion_tokens',
  maxStop: 4,
  reasoningEffort: true,
  jsonSchema: true,
  n: true,
  logitBias: true,
  toolChoiceAutoOnly: false,
};

export const PARAM_SUPPORT: Record<DialectId, ParamSupport> = {
  // Z.ai documents max_tokens, one stop word, text|json_object and tool_choice "auto"; it has no
  // reasoning_effort (thinking.type is its switch). It accepts unknown fields silently, so seed,
  // penalties, n, logprobs and logit_bias go under their OpenAI names.
  zai: {
    maxTokensField: 'max_tokens',
    maxStop: 1,
    reasoningEffort: false,
    jsonSchema: false,
    n: true,
    logitBias: true,
    toolChoiceAutoOnly: true,
  },
  cloudflare: OPENAI_LIKE,
  vllm: OPENAI_LIKE,
  sglang: OPENAI_LIKE,
  other: OPENAI_LIKE,
  // llama-server refuses n ≠ 1 ("Only one completion choice is allowed") and has no reasoning_effort.
  llamacpp: { ...OPENAI_LIKE, maxTokensField: 'max_tokens', reasoningEffort: false, n: false },
  // Ollama's OpenAI layer reads max_tokens, ignores n, logit_bias and tool_choice.
  ollama: {
    ...OPENAI_LIKE,
    maxTokensField: 'max_tokens',
    n: false,
    logitBias: false,
    toolChoiceAutoOnly: true,
  },
};

export type WireToolChoice = 'none' | 'required' | { type: 'tool'; toolName: string } | undefined;

/** A setting the backend could not take, as a message key (`message.*` in messages/*.json) and its values. */
export interface SettingsWarning {
  key:
    | 'settingsNotTaken'
    | 'settingsStopLimit'
    | 'settingsJsonSchema'
    | 'settingsToolOff'
    | 'versionToolCalls'
    | 'versionTruncated';
  values?: Record<string, string | number>;
}

export interface WireParams {
  /** Body fields, spread into the request by the provider (`providerOptions.glm`). */
  body: JsonObject;
  /** The AI SDK's `toolChoice` (it writes `tool_choice` itself; undefined = auto). */
  toolChoice: WireToolChoice;
  /** Settings this backend cannot take; they were not sent (or sent in a simpler form). */
  warnings: SettingsWarning[];
}

/**
 * The settings of a turn as the body fields `dialect` reads. The thinking switch and the system
 * prompt are not here: the switch is the dialect's own (`Dialect.thinking`), the prompt a message.
 */
export function wireParams(
  settings: ModelSettings,
  dialect: { id: DialectId; label: string },
  options: { toolNames: readonly string[] },
): WireParams {
  const support = PARAM_SUPPORT[dialect.id];
  const body: JsonObject = {};
  const warnings: SettingsWarning[] = [];
  const backend = dialect.label;
  const unsupported = (param: string) =>
    warnings.push({ key: 'settingsNotTaken', values: { backend, param } });

  body.temperature = settings.temperature;
  body.top_p = settings.topP;
  if (settings.maxCompletionTokens !== null) body[support.maxTokensField] = settings.maxCompletionTokens;
  if (settings.frequencyPenalty !== null) body.frequency_penalty = settings.frequencyPenalty;
  if (settings.presencePenalty !== null) body.presence_penalty = settings.presencePenalty;
  if (settings.seed !== null) body.seed = settings.seed;
  if (settings.stop.length > 0) {
    body.stop = settings.stop.slice(0, support.maxStop);
    if (settings.stop.length > support.maxStop) {
      warnings.push({ key: 'settingsStopLimit', values: { backend, count: support.maxStop } });
    }
  }
  if (settings.reasoningEffort !== null && settings.thinking) {
    if (support.reasoningEffort) body.reasoning_effort = settings.reasoningEffort;
    else unsupported('reasoning_effort');
  }

  const format = settings.responseFormat;
  if (format.type === 'json_object') body.response_format = { type: 'json_object' };
  else if (format.type === 'json_schema') {
    if (support.jsonSchema) {
      body.response_format = {
        type: 'json_schema',
        json_schema: { name: format.name, schema: format.schema as JsonObject, strict: format.strict },
      };
    } else {
      body.response_format = { type: 'json_object' };
      warnings.push({ key: 'settingsJsonSchema', values: { backend } });
    }
  }

  if (settings.logprobs) {
    body.logprobs = true;
    body.top_logprobs = settings.topLogprobs;
  }
  if (settings.n > 1) {
    if (support.n) body.n = settings.n;
    else unsupported(`n = ${settings.n}`);
  }
  const bias = Object.entries(settings.logitBias);
  if (bias.length > 0) {
    if (support.logitBias) body.logit_bias = Object.fromEntries(bias);
    else unsupported('logit_bias');
  }

  let toolChoice: WireToolChoice;
  const hasTools = options.toolNames.length > 0;
  if (hasTools) body.parallel_tool_calls = settings.parallelToolCalls;
  const choice = settings.toolChoice;
  if (choice !== 'auto' && hasTools) {
    if (support.toolChoiceAutoOnly)
      unsupported(`tool_choice "${typeof choice === 'string' ? choice : choice.toolName}"`);
    else if (typeof choice === 'string') toolChoice = choice;
    else if (options.toolNames.includes(choice.toolName)) toolChoice = choice;
    else warnings.push({ key: 'settingsToolOff', values: { tool: choice.toolName } });
  }
  return { body, toolChoice, warnings };
}
