/** Test helpers: send chat requests to a simulator and parse the SSE body back into frames. */

import type { GlmSimulator } from '../types';

export type JsonObject = Record<string, unknown>;

export interface ChatOptions {
  text?: string;
  messages?: JsonObject[];
  stream?: boolean;
  includeUsage?: boolean;
  tools?: string[];
  extra?: JsonObject;
  headers?: Record<string, string>;
  path?: string;
  signal?: AbortSignal;
}

export function toolDefs(names: string[]): JsonObject[] {
  return names.map((name) => ({
    type: 'function',
    function: { name, description: `The ${name} tool`, parameters: { type: 'object', properties: {} } },
  }));
}

export function chatBody(options: ChatOptions): JsonObject {
  const body: JsonObject = {
    model: 'glm-4.7-flash',
    messages: options.messages ?? [{ role: 'user', content: options.text ?? 'What is TypeScript?' }],
    stream: options.stream ?? true,
    ...(options.includeUsage === false ? {} : { stream_options: { include_usage: true } }),
    ...(options.tools ? { tools: toolDefs(options.tools) } : {}),
    ...options.extra,
  };
  return body;
}

export function chat(sim: GlmSimulator, options: ChatOptions = {}): Promise<Response> {
  return sim.fetch(`http://sim${options.path ?? '/v1/chat/completions'}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: JSON.stringify(chatBody(options)),
    signal: options.signal,
  });
}

export async function collectChunks(response: Response): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  if (!response.body) return chunks;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

export function decode(chunks: Uint8Array[]): string {
  const decoder = new TextDecoder();
  return chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join('') + decoder.decode();
}

export interface Sse {
  /** Raw `data:` payloads in order (including `[DONE]`). */
  data: string[];
  /** Parsed JSON payloads (everything but `[DONE]`). */
  json: JsonObject[];
  comments: string[];
  /** Frames in order: `data` payloads and `:` comments. */
  order: string[];
  done: boolean;
}

export function parseSse(text: string): Sse {
  const sse: Sse = { data: [], json: [], comments: [], order: [], done: false };
  const blocks = text.split('\n\n');
  if (blocks[blocks.length - 1] !== '')
    throw new Error(`Stream does not end with a blank line: ${JSON.stringify(text.slice(-40))}`);
  for (const block of blocks.slice(0, -1)) {
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        sse.comments.push(line.slice(1).trim());
        sse.order.push(line);
      } else if (line.startsWith('data: ')) {
        const payload = line.slice(6);
        sse.data.push(payload);
        sse.order.push(payload);
        if (payload === '[DONE]') sse.done = true;
        else sse.json.push(JSON.parse(payload) as JsonObject);
      } else {
        throw new Error(`Unexpected SSE line: ${line}`);
      }
    }
  }
  return sse;
}

export async function readSse(response: Response): Promise<Sse> {
  return parseSse(decode(await collectChunks(response)));
}

export function choiceOf(chunk: JsonObject): JsonObject | undefined {
  const choices = chunk.choices as JsonObject[] | undefined;
  return choices?.[0];
}

export function deltaOf(chunk: JsonObject): JsonObject | undefined {
  return choiceOf(chunk)?.delta as JsonObject | undefined;
}

/** Concatenates one delta field across all chunks. */
export function joinDelta(sse: Sse, field: string): string {
  return sse.json
    .map((chunk) => deltaOf(chunk)?.[field])
    .filter((value): value is string => typeof value === 'string')
    .join('');
}

export function finishReasons(sse: Sse): unknown[] {
  return sse.json
    .map((chunk) => choiceOf(chunk))
    .filter((choice): choice is JsonObject => choice !== undefined && 'finish_reason' in choice)
    .map((choice) => choice.finish_reason)
    .filter((reason) => reason !== null);
}

export function usageChunks(sse: Sse): JsonObject[] {
  return sse.json.filter((chunk) => chunk.usage !== undefined && chunk.usage !== null);
}
