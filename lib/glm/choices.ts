/**
 * What the AI SDK does not read from GLM's stream: the AI SDK's openai-compatible provider reads only
 * `choices[0]`, and drops `logprobs`. A turn that asks for `n` > 1 or for logprobs registers a
 * collector; the GLM fetch (`withChoiceCollection`) recognises its requests by a header, strips the
 * header, and reads a copy of the SSE as it passes to the SDK: the other choices (reasoning, text,
 * finish reason) and the logprobs of choice 0's answer tokens. Memory is bounded (text per choice,
 * logprob tokens, line length); a parse problem never disturbs the SDK's stream.
 */

/** The request header that ties a GLM request to its collector (never sent upstream). */
export const COLLECT_HEADER = 'x-glm-collect';

export const MAX_EXTRA_CHARS = 200_000;
export const MAX_LOGPROB_TOKENS = 1_500;
const MAX_LINE_CHARS = 2_000_000;

export interface TokenAlternative {
  /** The token's text. */
  t: string;
  /** Its log probability. */
  lp: number;
}

export interface TokenLogprob extends TokenAlternative {
  /** The most likely tokens at this position (with `top_logprobs`). */
  top?: TokenAlternative[];
}

export interface ExtraChoice {
  index: number;
  reasoning: string;
  text: string;
  finishReason: string | null;
  /** Tool calls this choice asked for (not run: only choice 0 continues a tool loop). */
  toolCalls: number;
  truncated: boolean;
}

export interface CollectedChoices {
  extras: ExtraChoice[];
  logprobs: TokenLogprob[];
  logprobsTruncated: boolean;
}

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const round = (value: unknown): number => (typeof value === 'number' ? Math.round(value * 1e4) / 1e4 : 0);

export class ChoiceCollector {
  private extras = new Map<number, ExtraChoice>();
  private readonly logprobs: TokenLogprob[] = [];
  private logprobsTruncated = false;

  constructor(readonly want: { extras: boolean; logprobs: boolean }) {}

  /** A new request of the turn (a step of a tool loop): the other choices are those of the last one. */
  beginRequest(): void {
    this.extras = new Map();
  }

  /** One parsed SSE `data:` object. */
  onChunk(chunk: unknown): void {
    if (!isRecord(chunk) || !Array.isArray(chunk.choices)) return;
    for (const choice of chunk.choices) {
      if (!isRecord(choice)) continue;
      const index = typeof choice.index === 'number' ? choice.index : 0;
      const delta = isRecord(choice.delta) ? choice.delta : {};
      if (index === 0) {
        if (this.want.logprobs) this.takeLogprobs(choice, delta);
      } else if (this.want.extras) {
        this.takeExtra(index, choice, delta);
      }
    }
  }

  private takeLogprobs(choice: Json, delta: Json): void {
    // Only the answer's tokens: reasoning tokens may carry logprobs too, but the view is of the answer.
    if (typeof delta.content !== 'string' || delta.content === '') return;
    const content = isRecord(choice.logprobs) ? choice.logprobs.content : undefined;
    if (!Array.isArray(content)) return;
    for (const entry of content) {
      if (!isRecord(entry) || typeof entry.token !== 'string') continue;
      if (this.logprobs.length >= MAX_LOGPROB_TOKENS) {
        this.logprobsTruncated = true;
        return;
      }
      const top = Array.isArray(entry.top_logprobs)
        ? entry.top_logprobs
            .filter((alt): alt is Json => isRecord(alt) && typeof alt.token === 'string')
            .slice(0, 20)
            .map((alt) => ({ t: String(alt.token), lp: round(alt.logprob) }))
        : [];
      this.logprobs.push({ t: entry.token, lp: round(entry.logprob), ...(top.length ? { top } : {}) });
    }
  }

  private takeExtra(index: number, choice: Json, delta: Json): void {
    if (index < 1 || index > 127) return;
    let extra = this.extras.get(index);
    if (!extra) {
      extra = { index, reasoning: '', text: '', finishReason: null, toolCalls: 0, truncated: false };
      this.extras.set(index, extra);
    }
    const reasoning = delta.reasoning_content ?? delta.reasoning;
    const room = () => MAX_EXTRA_CHARS - extra.reasoning.length - extra.text.length;
    if (typeof reasoning === 'string' && reasoning !== '') {
      if (room() >= reasoning.length) extra.reasoning += reasoning;
      else extra.truncated = true;
    }
    if (typeof delta.content === 'string' && delta.content !== '') {
      if (room() >= delta.content.length) extra.text += delta.content;
      else extra.truncated = true;
    }
    if (Array.isArray(delta.tool_calls)) {
      for (const call of delta.tool_calls) {
        if (isRecord(call) && isRecord(call.function) && typeof call.function.name === 'string') {
          extra.toolCalls++;
        }
      }
    }
    if (typeof choice.finish_reason === 'string') extra.finishReason = choice.finish_reason;
  }

  result(): CollectedChoices {
    return {
      extras: [...this.extras.values()].sort((a, b) => a.index - b.index),
      logprobs: [...this.logprobs],
      logprobsTruncated: this.logprobsTruncated,
    };
  }
}

const holder = globalThis as unknown as { __glmCollectors?: Map<string, ChoiceCollector> };
const collectors = (): Map<string, ChoiceCollector> => {
  holder.__glmCollectors ??= new Map();
  return holder.__glmCollectors;
};

/** Registers a collector for one turn; the returned header goes on its GLM requests. */
export function registerCollector(
  id: string,
  collector: ChoiceCollector,
): { headers: Record<string, string>; release: () => void } {
  collectors().set(id, collector);
  return { headers: { [COLLECT_HEADER]: id }, release: () => collectors().delete(id) };
}

/**
 * Reads SSE text line by line across chunk boundaries. Each complete line goes through `onLine`,
 * which returns the line to pass on (or null to leave it out). A line longer than the bound is
 * passed on untouched, unread.
 */
export function sseLineRewriter(onLine: (line: string) => string | null) {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let buffer = '';
  return {
    push(bytes: Uint8Array): Uint8Array {
      buffer += decoder.decode(bytes, { stream: true });
      let out = '';
      let newline = buffer.indexOf('\n');
      while (newline !== -1) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        const kept = onLine(line.replace(/\r$/, ''));
        if (kept !== null) out += `${kept}\n`;
        newline = buffer.indexOf('\n');
      }
      if (buffer.length > MAX_LINE_CHARS) {
        // An endless line: pass it on as it is rather than hold it without bound.
        out += buffer;
        buffer = '';
      }
      return encoder.encode(out);
    },
    end(): Uint8Array {
      const rest = buffer + decoder.decode();
      buffer = '';
      if (rest === '') return new Uint8Array();
      const kept = onLine(rest);
      return encoder.encode(kept ?? '');
    },
  };
}

/**
 * One SSE line through the collector. The AI SDK's provider reads `choices[0]` of every chunk as
 * if it were choice 0, so the other choices' entries are taken out of what it sees (a chunk left
 * with nothing is left out whole).
 */
export function collectLine(collector: ChoiceCollector, line: string): string | null {
  if (!line.startsWith('data:')) return line;
  const payload = line.slice(5).trim();
  if (payload === '' || payload === '[DONE]') return line;
  let chunk: unknown;
  try {
    chunk = JSON.parse(payload);
  } catch {
    return line; // a broken frame: the SDK reports it
  }
  collector.onChunk(chunk);
  if (!isRecord(chunk) || !Array.isArray(chunk.choices)) return line;
  const own = chunk.choices.filter((c) => !isRecord(c) || typeof c.index !== 'number' || c.index === 0);
  if (own.length === chunk.choices.length) return line;
  if (own.length === 0 && chunk.usage == null) return null;
  return `data: ${JSON.stringify({ ...chunk, choices: own })}`;
}

function headerValue(init: RequestInit | undefined, name: string): string | null {
  const headers = init?.headers;
  if (!headers) return null;
  if (headers instanceof Headers) return headers.get(name);
  if (Array.isArray(headers)) return headers.find(([key]) => key.toLowerCase() === name)?.[1] ?? null;
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  return entry ? String(entry[1]) : null;
}

function withoutHeader(init: RequestInit, name: string): RequestInit {
  const headers = new Headers(init.headers);
  headers.delete(name);
  return { ...init, headers };
}

/** The fetch layer: a request tagged with a collector's header has its SSE read into the collector. */
export function withChoiceCollection(baseFetch: typeof fetch): typeof fetch {
  return async (input, init) => {
    const id = headerValue(init, COLLECT_HEADER);
    if (!id || !init) return baseFetch(input, init);
    const collector = collectors().get(id);
    const response = await baseFetch(input, withoutHeader(init, COLLECT_HEADER));
    if (!collector || !response.ok || !response.body) return response;
    collector.beginRequest();
    const lines = sseLineRewriter((line) => collectLine(collector, line));
    const reader = response.body.getReader();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          // Read until a whole line can be passed on: a pull that enqueues nothing is not called again.
          for (;;) {
            const { done, value } = await reader.read();
            if (done) {
              const rest = lines.end();
              if (rest.byteLength) controller.enqueue(rest);
              controller.close();
              return;
            }
            const out = lines.push(value);
            if (out.byteLength) {
              controller.enqueue(out);
              return;
            }
          }
        } catch (error) {
          controller.error(error);
        }
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    });
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
