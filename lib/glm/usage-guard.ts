import { sseLineRewriter } from './choices';

/**
 * Cloudflare Workers AI's `/ai/v1` ends a stream with two finish chunks that each carry `usage`, the
 * second one all zeros (recorded: cloudflare-v1-llama-text-stream-zero-usage.txt). The AI SDK keeps
 * the last `usage` it sees, so the answer would cost "0 in · 0 out". Here a `usage` whose counts are
 * all zero is taken out of its chunk once a real one has passed in the same response (the chunk
 * itself, with its finish reason, stays). A stream whose only usage is zero keeps it.
 */

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const COUNT_FIELDS = ['prompt_tokens', 'completion_tokens', 'total_tokens'] as const;

function counts(usage: unknown): 'zero' | 'real' | undefined {
  if (!isRecord(usage)) return undefined;
  let any = false;
  for (const field of COUNT_FIELDS) {
    const value = usage[field];
    if (typeof value !== 'number') continue;
    any = true;
    if (value !== 0) return 'real';
  }
  return any ? 'zero' : undefined;
}

/** One response's guard: each SSE line in, the line to pass on out. */
export function usageGuard(): (line: string) => string {
  let sawRealUsage = false;
  return (line) => {
    // Cheap test first: only lines that carry a usage object are parsed.
    if (!line.startsWith('data:') || !line.includes('"usage":{')) return line;
    let chunk: unknown;
    try {
      chunk = JSON.parse(line.slice(5));
    } catch {
      return line; // a broken frame: the SDK reports it
    }
    if (!isRecord(chunk)) return line;
    const kind = counts(chunk.usage);
    if (kind === 'real') sawRealUsage = true;
    if (kind !== 'zero' || !sawRealUsage) return line;
    const { usage: _zero, ...rest } = chunk;
    return `data: ${JSON.stringify(rest)}`;
  };
}

/** The fetch stage: successful event streams pass through a usage guard. */
export function withUsageGuard(baseFetch: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await baseFetch(input, init);
    const isStream = (response.headers.get('content-type') ?? '').includes('text/event-stream');
    if (!response.ok || !isStream || !response.body) return response;
    const lines = sseLineRewriter(usageGuard());
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
