/** The collector beside the SDK: other choices and logprobs read from the SSE, choice 0 left for the SDK. */
import { describe, expect, it } from 'vitest';
import {
  ChoiceCollector,
  COLLECT_HEADER,
  MAX_LOGPROB_TOKENS,
  registerCollector,
  withChoiceCollection,
} from '@/lib/glm/choices';

const encoder = new TextEncoder();
const frame = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;

/** A fetch answering `text` in pieces of `size` bytes (cutting frames and UTF-8 characters), recording headers. */
function upstream(text: string, size: number, seen: Headers[] = []): typeof fetch {
  return async (_input, init) => {
    seen.push(new Headers(init?.headers));
    const bytes = encoder.encode(text);
    let offset = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(offset, offset + size));
        offset += size;
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  };
}

const chunk = (index: number, delta: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id: 'x',
  choices: [{ index, delta, ...extra }],
});

const STREAM = [
  frame(chunk(0, { role: 'assistant', reasoning_content: 'think 0' })),
  frame(chunk(1, { role: 'assistant', reasoning_content: 'think 1 ✓' })),
  frame(
    chunk(
      0,
      { content: 'Héllo' },
      {
        logprobs: {
          content: [
            {
              token: 'Héllo',
              logprob: -0.1,
              top_logprobs: [
                { token: 'Héllo', logprob: -0.1 },
                { token: 'Hi', logprob: -2.5 },
              ],
            },
          ],
        },
      },
    ),
  ),
  frame(chunk(1, { content: 'Bonjour 🌍' })),
  ': keep-alive\n\n',
  frame(chunk(1, { content: '' }, { finish_reason: 'stop' })),
  frame({
    ...chunk(0, { content: '' }, { finish_reason: 'stop' }),
    usage: { prompt_tokens: 3, completion_tokens: 9 },
  }),
  'data: [DONE]\n\n',
].join('');

async function run(size: number) {
  const collector = new ChoiceCollector({ extras: true, logprobs: true });
  const seen: Headers[] = [];
  const { headers, release } = registerCollector(`test-${size}`, collector);
  const fetcher = withChoiceCollection(upstream(STREAM, size, seen));
  const response = await fetcher('http://glm/v1/chat/completions', { method: 'POST', headers });
  const text = await response.text();
  release();
  return { text, result: collector.result(), seen };
}

describe('withChoiceCollection', () => {
  it.each([1, 7, 64, 100_000])(
    'collects the other choices and the logprobs (pieces of %i bytes)',
    async (size) => {
      const { text, result, seen } = await run(size);
      expect(seen[0].has(COLLECT_HEADER)).toBe(false);
      expect(result.extras).toEqual([
        {
          index: 1,
          reasoning: 'think 1 ✓',
          text: 'Bonjour 🌍',
          finishReason: 'stop',
          toolCalls: 0,
          truncated: false,
        },
      ]);
      expect(result.logprobs).toEqual([
        {
          t: 'Héllo',
          lp: -0.1,
          top: [
            { t: 'Héllo', lp: -0.1 },
            { t: 'Hi', lp: -2.5 },
          ],
        },
      ]);
      // What the SDK reads: choice 0 only, comments and [DONE] kept, usage kept.
      expect(text).not.toContain('"index":1');
      expect(text).toContain('think 0');
      expect(text).toContain(': keep-alive');
      expect(text).toContain('"usage"');
      expect(text).toContain('data: [DONE]');
    },
  );

  it('leaves an untagged request alone', async () => {
    const fetcher = withChoiceCollection(upstream(STREAM, 50));
    const text = await (await fetcher('http://glm/v1/chat/completions', { method: 'POST' })).text();
    expect(text).toBe(STREAM);
  });

  it('keeps at most MAX_LOGPROB_TOKENS tokens and says so', () => {
    const collector = new ChoiceCollector({ extras: false, logprobs: true });
    for (let i = 0; i < MAX_LOGPROB_TOKENS + 10; i++) {
      collector.onChunk(chunk(0, { content: 'a' }, { logprobs: { content: [{ token: 'a', logprob: -1 }] } }));
    }
    const result = collector.result();
    expect(result.logprobs).toHaveLength(MAX_LOGPROB_TOKENS);
    expect(result.logprobsTruncated).toBe(true);
  });

  it('a later request of the turn (a tool-loop step) replaces the other choices', () => {
    const collector = new ChoiceCollector({ extras: true, logprobs: false });
    collector.beginRequest();
    collector.onChunk(
      chunk(1, { tool_calls: [{ index: 0, function: { name: 'calculator', arguments: '{}' } }] }),
    );
    expect(collector.result().extras[0].toolCalls).toBe(1);
    collector.beginRequest();
    collector.onChunk(chunk(1, { content: 'final' }));
    expect(collector.result().extras).toMatchObject([{ index: 1, text: 'final', toolCalls: 0 }]);
  });
});
