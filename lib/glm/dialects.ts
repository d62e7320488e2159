/**
 * What differs between GLM backends, as data. Everything else is the OpenAI-compatible protocol.
 * See ../shared/reference/glm-wire-protocol.md for where each value comes from.
 */
export type DialectId = 'cloudflare' | 'zai' | 'vllm' | 'sglang' | 'llamacpp' | 'ollama' | 'other';

export type JsonObject = { [key: string]: JsonValue };
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

export interface Dialect {
  id: DialectId;
  label: string;
  /** Body fields that switch thinking on or off on this backend. */
  thinking(enabled: boolean): JsonObject;
  /**
   * Fields of an assistant message that carry its prior reasoning back to the model.
   * The AI SDK writes `reasoning_content`; current vLLM and Ollama read only `reasoning`.
   */
  reasoningFields: ReadonlyArray<'reasoning_content' | 'reasoning'>;
  /** The backend leaves reasoning in `content` as `reasoning…</think>answer`. */
  reasoningInContent: boolean;
}

const chatTemplateThinking = (enabled: boolean): JsonObject => ({
  chat_template_kwargs: { enable_thinking: enabled },
});

const DIALECTS: Record<DialectId, Omit<Dialect, 'reasoningInContent'>> = {
  zai: {
    id: 'zai',
    label: 'Z.ai',
    thinking: (enabled) => ({ thinking: { type: enabled ? 'enabled' : 'disabled' } }),
    reasoningFields: ['reasoning_content'],
  },
  cloudflare: {
    id: 'cloudflare',
    label: 'Cloudflare Workers AI',
    thinking: chatTemplateThinking,
    // Workers AI serves GLM on vLLM: its own provider sends `reasoning`, models.dev says `reasoning_content`.
    reasoningFields: ['reasoning_content', 'reasoning'],
  },
  vllm: {
    id: 'vllm',
    label: 'vLLM',
    thinking: chatTemplateThinking,
    reasoningFields: ['reasoning_content', 'reasoning'],
  },
  sglang: {
    id: 'sglang',
    label: 'SGLang',
    thinking: chatTemplateThinking,
    reasoningFields: ['reasoning_content'],
  },
  llamacpp: {
    id: 'llamacpp',
    label: 'llama.cpp',
    thinking: chatTemplateThinking,
    reasoningFields: ['reasoning_content'],
  },
  ollama: {
    id: 'ollama',
    label: 'Ollama',
    // Ollama ignores chat_template_kwargs; `reasoning_effort: "none"` turns thinking off.
    // Typed option of @ai-sdk/openai-compatible 2.x (a raw `reasoning_effort` would be overwritten by it).
    thinking: (enabled): JsonObject => (enabled ? {} : { reasoningEffort: 'none' }),
    reasoningFields: ['reasoning'],
  },
  other: {
    id: 'other',
    label: 'OpenAI-compatible server',
    thinking: chatTemplateThinking,
    reasoningFields: ['reasoning_content', 'reasoning'],
  },
};

export function getDialect(id: DialectId, options: { reasoningInContent?: boolean } = {}): Dialect {
  return { ...DIALECTS[id], reasoningInContent: options.reasoningInContent ?? false };
}

/** Copies each assistant message's reasoning into every field this backend reads. */
export function mirrorReasoningFields(
  body: Record<string, unknown>,
  dialect: Dialect,
): Record<string, unknown> {
  const messages = body.messages;
  if (!Array.isArray(messages)) return body;
  const fields = dialect.reasoningFields;
  return {
    ...body,
    messages: messages.map((message: unknown) => {
      if (!message || typeof message !== 'object') return message;
      const m = message as Record<string, unknown>;
      if (m.role !== 'assistant') return m;
      const reasoning = m.reasoning_content ?? m.reasoning;
      if (typeof reasoning !== 'string' || reasoning === '') return m;
      const next: Record<string, unknown> = { ...m };
      delete next.reasoning_content;
      delete next.reasoning;
      for (const field of fields) next[field] = reasoning;
      return next;
    }),
  };
}

/** Whether a request's provider options switch thinking off, in any backend's form. */
export function thinkingSwitchedOff(options: Record<string, unknown> | undefined): boolean {
  if (!options) return false;
  const thinking = options.thinking as { type?: unknown } | undefined;
  const kwargs = options.chat_template_kwargs as { enable_thinking?: unknown } | undefined;
  return (
    thinking?.type === 'disabled' ||
    kwargs?.enable_thinking === false ||
    options.reasoningEffort === 'none' ||
    options.reasoning_effort === 'none'
  );
}
