/** Parsing of an OpenAI-compatible `/chat/completions` request body, as far as the simulator needs it. */

export const DEFAULT_MODEL = 'glm-4.7-flash';

export interface ChatMessage {
  role: string;
  content: unknown;
  tool_calls?: unknown;
  tool_call_id?: unknown;
  reasoning_content?: unknown;
  reasoning?: unknown;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  stream: boolean;
  includeUsage: boolean;
  /** vLLM `stream_options.continuous_usage_stats`: usage on every chunk. */
  continuousUsage: boolean;
  /** Z.ai `tool_stream: true`: tool-call arguments streamed in pieces. */
  toolStream: boolean;
  /** Any of the three thinking switches says "off". */
  thinkingDisabled: boolean;
  toolNames: string[];
  maxTokens: number | null;
  promptTokens: number;
  /** `n`: how many choices to generate (1 when absent; capped at 128 as the API page says). */
  n: number;
  /** `logprobs: true`, with `top_logprobs` alternatives (0–20) per token. */
  logprobs: boolean;
  topLogprobs: number;
  /** `response_format`: JSON answers for json_object / json_schema. */
  responseFormat: { type: 'text' } | { type: 'json_object' } | { type: 'json_schema'; schema: unknown };
}

export type ParseResult = { ok: true; request: ChatRequest } | { ok: false; message: string };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text of a message `content`: a string, or an array of `{type:'text', text}` parts. */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : ''))
    .filter((text) => text.length > 0)
    .join('\n');
}

/** The three ways a client switches GLM thinking off, checked regardless of flavour. */
export function isThinkingDisabled(body: Record<string, unknown>): boolean {
  const thinking = body.thinking;
  if (isRecord(thinking) && thinking.type === 'disabled') return true;
  const kwargs = body.chat_template_kwargs;
  if (isRecord(kwargs) && kwargs.enable_thinking === false) return true;
  if (body.reasoning_effort === 'none') return true;
  const reasoning = body.reasoning;
  return isRecord(reasoning) && reasoning.effort === 'none';
}

function toolNamesOf(tools: unknown): string[] {
  if (!Array.isArray(tools)) return [];
  const names: string[] = [];
  for (const tool of tools) {
    if (isRecord(tool) && isRecord(tool.function) && typeof tool.function.name === 'string') {
      names.push(tool.function.name);
    }
  }
  return names;
}

/** prompt_tokens ≈ ceil(characters of all message texts / 4). */
function estimatePromptTokens(messages: ChatMessage[]): number {
  let chars = 0;
  for (const message of messages) {
    chars += textOf(message.content).length;
    if (typeof message.reasoning_content === 'string') chars += message.reasoning_content.length;
    else if (typeof message.reasoning === 'string') chars += message.reasoning.length;
    if (Array.isArray(message.tool_calls)) chars += JSON.stringify(message.tool_calls).length;
  }
  return Math.max(1, Math.ceil(chars / 4));
}

/** The API page's maximum for `n`. */
export const MAX_CHOICES = 128;

function responseFormatOf(value: unknown): ChatRequest['responseFormat'] {
  if (!isRecord(value)) return { type: 'text' };
  if (value.type === 'json_object') return { type: 'json_object' };
  if (value.type === 'json_schema') {
    const spec = isRecord(value.json_schema) ? value.json_schema : {};
    return { type: 'json_schema', schema: spec.schema ?? {} };
  }
  return { type: 'text' };
}

export function parseChatRequest(body: unknown): ParseResult {
  if (!isRecord(body)) return { ok: false, message: 'Request body must be a JSON object' };
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0) {
    return { ok: false, message: '`messages` must be a non-empty array' };
  }
  const parsed: ChatMessage[] = [];
  for (const message of messages) {
    if (!isRecord(message) || typeof message.role !== 'string') {
      return { ok: false, message: 'Every message needs a string `role`' };
    }
    parsed.push({ ...message, role: message.role, content: message.content });
  }
  const streamOptions = isRecord(body.stream_options) ? body.stream_options : {};
  const maxTokens =
    typeof body.max_tokens === 'number'
      ? body.max_tokens
      : typeof body.max_completion_tokens === 'number'
        ? body.max_completion_tokens
        : null;
  return {
    ok: true,
    request: {
      model: typeof body.model === 'string' && body.model.length > 0 ? body.model : DEFAULT_MODEL,
      messages: parsed,
      stream: body.stream === true,
      includeUsage: streamOptions.include_usage === true,
      continuousUsage: streamOptions.continuous_usage_stats === true,
      toolStream: body.tool_stream === true,
      thinkingDisabled: isThinkingDisabled(body),
      toolNames: toolNamesOf(body.tools),
      maxTokens,
      promptTokens: estimatePromptTokens(parsed),
      n: Number.isInteger(body.n) ? Math.min(Math.max(body.n as number, 1), MAX_CHOICES) : 1,
      logprobs: body.logprobs === true,
      topLogprobs: Number.isInteger(body.top_logprobs)
        ? Math.min(Math.max(body.top_logprobs as number, 0), 20)
        : 0,
      responseFormat: responseFormatOf(body.response_format),
    },
  };
}

/** Text of the last `role:"user"` message ('' if none). */
export function lastUserText(messages: ChatMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i].role === 'user') return textOf(messages[i].content);
  }
  return '';
}

export interface ToolResult {
  toolCallId: string;
  toolName: string | null;
  content: string;
}

/** The trailing `role:"tool"` messages (a tool-loop continuation), oldest first; empty if the last message is not a tool result. */
export function trailingToolResults(messages: ChatMessage[]): ToolResult[] {
  const results: ToolResult[] = [];
  let i = messages.length - 1;
  while (i >= 0 && messages[i].role === 'tool') i--;
  const names = new Map<string, string>();
  for (const message of messages.slice(0, i + 1)) {
    if (message.role !== 'assistant' || !Array.isArray(message.tool_calls)) continue;
    for (const call of message.tool_calls) {
      if (isRecord(call) && typeof call.id === 'string' && isRecord(call.function)) {
        const name = call.function.name;
        if (typeof name === 'string') names.set(call.id, name);
      }
    }
  }
  for (const message of messages.slice(i + 1)) {
    const id = typeof message.tool_call_id === 'string' ? message.tool_call_id : '';
    const text = textOf(message.content);
    const content =
      typeof message.content === 'string' || text !== '' ? text : JSON.stringify(message.content ?? null);
    results.push({ toolCallId: id, toolName: names.get(id) ?? null, content });
  }
  return results;
}

/** How many assistant tool-call rounds came after the last user message (the steps of a tool loop). */
export function toolRoundsSinceUser(messages: ChatMessage[]): number {
  let rounds = 0;
  for (let i = messages.length - 1; i >= 0 && messages[i].role !== 'user'; i--) {
    if (messages[i].role === 'assistant' && Array.isArray(messages[i].tool_calls)) rounds++;
  }
  return rounds;
}
