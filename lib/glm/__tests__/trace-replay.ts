/**
 * Replays recorded GLM wire traces (lib/glm/__tests__/traces/*.sse, from
 * /work/shared/reference/traces) byte for byte through the real provider stack: `createGlm` →
 * `streamText` over a fetch that answers with the recorded bytes, read in the pieces a test chooses.
 * What comes out is what the app would store: text, reasoning, tool calls, usage, finish reason, and
 * the status and sentence the metadata tracker derives (lib/chat/metadata.ts).
 */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { jsonSchema, streamText, type ToolSet, tool } from 'ai';
import { createMetadataTracker } from '@/lib/chat/metadata';
import type { ChatMessageMetadata } from '@/lib/chat/types';
import { parseConfig } from '@/lib/config';
import { createGlm } from '@/lib/glm/provider';

export const TRACE_DIR = path.join(__dirname, 'traces');

export function traceBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(TRACE_DIR, `${name}.sse`)));
}

/** The backend configurations the traces come from. */
export const BACKENDS = {
  zai: { GLM_PROVIDER: 'zai', GLM_API_KEY: 'sk-fake-trace-key' },
  cloudflare: {
    GLM_PROVIDER: 'cloudflare',
    CLOUDFLARE_ACCOUNT_ID: 'acc0123',
    CLOUDFLARE_API_TOKEN: 'cf-fake-trace-token',
  },
  vllm: { GLM_PROVIDER: 'openai-compatible', GLM_BASE_URL: 'http://127.0.0.1:8000/v1', GLM_SERVER: 'vllm' },
  sglang: {
    GLM_PROVIDER: 'openai-compatible',
    GLM_BASE_URL: 'http://127.0.0.1:30000/v1',
    GLM_SERVER: 'sglang',
  },
  llamacpp: {
    GLM_PROVIDER: 'openai-compatible',
    GLM_BASE_URL: 'http://127.0.0.1:8080/v1',
    GLM_SERVER: 'llamacpp',
  },
} satisfies Record<string, Record<string, string>>;

export type Backend = keyof typeof BACKENDS;

/** Body pieces: the whole body in one read, or one read per byte. */
export function pieces(bytes: Uint8Array, size: number | 'whole'): Uint8Array[] {
  if (size === 'whole') return [bytes];
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

export interface RecordedResponse {
  status: number;
  contentType: string;
  headers?: Record<string, string>;
  chunks: Uint8Array[];
}

/** A fetch that answers every request with the recorded response, and counts the requests. */
export function recordedFetch(response: RecordedResponse): { fetch: typeof fetch; calls: () => number } {
  let calls = 0;
  const fetchFn: typeof fetch = async () => {
    calls++;
    let next = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (next < response.chunks.length) controller.enqueue(response.chunks[next++]);
        else controller.close();
      },
    });
    return new Response(body, {
      status: response.status,
      headers: { ...response.headers, 'content-type': response.contentType },
    });
  };
  return { fetch: fetchFn, calls: () => calls };
}

export interface Replayed {
  text: string;
  reasoning: string;
  toolCalls: { toolName: string; input: unknown }[];
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  finishReason: string | undefined;
  rawFinishReason: string | undefined;
  /** The answer's metadata as the app would store it (status, errorText, errorCode…). */
  metadata: ChatMessageMetadata;
  requests: number;
}

/** Tools by the names the traces call (no `execute`: the call is what is asserted). */
export function toolsNamed(names: string[]): ToolSet {
  const tools: ToolSet = {};
  for (const name of names) {
    tools[name] = tool({ description: name, inputSchema: jsonSchema({ type: 'object' }) });
  }
  return tools;
}

export async function replay(options: {
  backend: Backend;
  response: RecordedResponse;
  tools?: string[];
  maxRetries?: number;
}): Promise<Replayed> {
  const recorded = recordedFetch(options.response);
  const glm = createGlm(parseConfig(BACKENDS[options.backend]), { fetch: recorded.fetch });
  const tracker = createMetadataTracker({ createdAt: Date.now() }, () => false);
  const result = streamText({
    model: glm.model,
    prompt: 'Replay',
    tools: options.tools ? toolsNamed(options.tools) : undefined,
    maxRetries: options.maxRetries ?? 0,
    onError: () => {},
  });
  const out: Replayed = {
    text: '',
    reasoning: '',
    toolCalls: [],
    inputTokens: undefined,
    outputTokens: undefined,
    finishReason: undefined,
    rawFinishReason: undefined,
    metadata: {},
    requests: 0,
  };
  for await (const part of result.fullStream) {
    const metadata = tracker.forPart(part);
    if (metadata) out.metadata = { ...out.metadata, ...metadata };
    if (part.type === 'text-delta') out.text += part.text;
    else if (part.type === 'reasoning-delta') out.reasoning += part.text;
    else if (part.type === 'tool-call') out.toolCalls.push({ toolName: part.toolName, input: part.input });
    else if (part.type === 'finish') {
      out.finishReason = part.finishReason;
      out.rawFinishReason = part.rawFinishReason;
      out.inputTokens = part.totalUsage.inputTokens;
      out.outputTokens = part.totalUsage.outputTokens;
    }
  }
  out.requests = recorded.calls();
  return out;
}
