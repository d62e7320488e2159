/** The fetch every GLM request goes through: a Stop ends the body cleanly, a real failure still fails. */

import { streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { withGracefulAbort } from '@/lib/glm/fetch';
import { ask, glmFor } from './helpers';

const encoder = new TextEncoder();

/** A base fetch whose body sends one chunk, then fails its next read with `failWith()`. */
function failingAfterOneChunk(failWith: () => unknown): typeof fetch {
  return async () => {
    let sent = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) {
          sent = true;
          controller.enqueue(encoder.encode('data: first\n\n'));
          return;
        }
        controller.error(failWith());
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  };
}

async function readAll(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    text += decoder.decode(value, { stream: true });
  }
}

describe('withGracefulAbort', () => {
  it('turns a body read that fails because of the abort into a clean end', async () => {
    const controller = new AbortController();
    const graceful = withGracefulAbort(
      failingAfterOneChunk(() => {
        controller.abort();
        return new DOMException('The operation was aborted.', 'AbortError');
      }),
    );
    const response = await graceful('http://glm.test/v1/chat/completions', { signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    await expect(readAll(response)).resolves.toBe('data: first\n\n');
  });

  it('still fails the body when the read fails and nothing was aborted', async () => {
    const controller = new AbortController();
    const graceful = withGracefulAbort(failingAfterOneChunk(() => new TypeError('terminated')));
    const response = await graceful('http://glm.test/v1/chat/completions', { signal: controller.signal });
    await expect(readAll(response)).rejects.toThrow('terminated');
    expect(controller.signal.aborted).toBe(false);
  });

  it('hands the response through untouched when there is no signal', async () => {
    const base = failingAfterOneChunk(() => new TypeError('terminated'));
    const response = await withGracefulAbort(base)('http://glm.test/v1/chat/completions');
    await expect(readAll(response)).rejects.toThrow('terminated');
  });
});

/* What a caller sees when Stop and a dropped connection go through createGlm's fetch chain. */
describe('Stop through the real provider', () => {
  it('aborting mid-answer ends the stream with an abort, not an error', async () => {
    const { glm } = glmFor('vllm');
    const controller = new AbortController();
    // `::hang-after 5`: five answer tokens, then the upstream goes quiet until the request is aborted.
    const result = streamText({
      model: glm.model,
      prompt: '::hang-after 5\nHello',
      abortSignal: controller.signal,
      maxRetries: 0,
      onError: () => {},
    });
    let text = '';
    const errors: unknown[] = [];
    let aborted = false;
    for await (const part of result.fullStream) {
      if (part.type === 'text-delta') {
        text += part.text;
        controller.abort(); // Stop, as soon as the first words are on screen
      }
      if (part.type === 'error') errors.push(part.error);
      if (part.type === 'abort') aborted = true;
    }
    expect(aborted).toBe(true);
    expect(errors).toEqual([]);
    expect(text.length).toBeGreaterThan(0);
  });

  it('without an abort, a dropped connection is still an error', async () => {
    const { glm } = glmFor('vllm');
    const controller = new AbortController();
    const result = await ask(glm, '::drop\nHello', { abortSignal: controller.signal });
    expect(result.aborted).toBe(false);
    expect(result.errors).toHaveLength(1);
  });
});
