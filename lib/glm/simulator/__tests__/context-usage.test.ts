import { describe, expect, it } from 'vitest';
import { createSimulator } from '../simulator';
import { SIMULATOR_FLAVOURS } from '../types';
import { chat, readSse } from './helpers';

/** Each backend's real context-length error (wire-protocol reference §2.4, §3.5, §4, §5e). */
const CONTEXT_ERRORS = {
  zai: { status: 400, text: '{"error":{"code":"1261","message":"Prompt exceeds max length"}}' },
  vllm: { status: 400, text: "is longer than the model's context length (131072 tokens)." },
  cloudflare: { status: 400, text: '"code":5021' },
  ollama: { status: 400, text: 'the input length exceeds the context length' },
  llamacpp: { status: 400, text: '"type":"exceed_context_size_error"' },
} as const;

describe('context-length errors', () => {
  it.each(SIMULATOR_FLAVOURS)('::context-overflow answers %s’s own error body', async (flavour) => {
    const sim = createSimulator({ flavour, tokensPerSecond: 0 });
    const response = await chat(sim, { text: '::context-overflow\nHello' });
    expect(response.status).toBe(CONTEXT_ERRORS[flavour].status);
    expect(await response.text()).toContain(CONTEXT_ERRORS[flavour].text);
  });

  it('::context-limit N refuses only a prompt that does not fit N tokens, naming N', async () => {
    const sim = createSimulator({ flavour: 'vllm', tokensPerSecond: 0 });
    const small = await chat(sim, { text: '::context-limit 400\nShort question' });
    expect(small.status).toBe(200);
    await small.text();
    const big = await chat(sim, { text: `::context-limit 400\n${'word '.repeat(400)}` });
    expect(big.status).toBe(400);
    const body = (await big.json()) as { message: string };
    expect(body.message).toMatch(
      /^The input \(\d+ tokens\) is longer than the model's context length \(400 tokens\)\.$/,
    );
  });

  it('a prompt + max_tokens beyond the configured context size is refused', async () => {
    const sim = createSimulator({ flavour: 'llamacpp', tokensPerSecond: 0, contextSize: 100 });
    const response = await chat(sim, { text: 'Hi', extra: { max_tokens: 200 } });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { n_ctx: number } };
    expect(body.error.n_ctx).toBe(100);
    expect((await chat(sim, { text: 'Hi', extra: { max_tokens: 50 } })).status).toBe(200);
  });
});

describe('the request log records the usage each response carried', () => {
  it.each(SIMULATOR_FLAVOURS)('%s: the same usage object as on the wire', async (flavour) => {
    const sim = createSimulator({ flavour, tokensPerSecond: 0 });
    const sse = await readSse(await chat(sim, { text: 'What is usage?' }));
    // The last usage with real counts (Workers AI's very last one is all zeros).
    const sent = sse.json
      .filter((c) => c.usage !== undefined && (c.usage as { total_tokens?: number }).total_tokens !== 0)
      .at(-1)?.usage;
    expect(sent).toBeDefined();
    expect(sim.requests.at(-1)?.usage).toEqual(sent);
  });

  it('nothing when the response carried no usage (no include_usage on vLLM; an error)', async () => {
    const sim = createSimulator({ flavour: 'vllm', tokensPerSecond: 0 });
    await (await chat(sim, { text: 'No usage please', includeUsage: false })).text();
    expect(sim.requests.at(-1)?.usage).toBeUndefined();
    await (await chat(sim, { text: '::error 500\nFail' })).text();
    expect(sim.requests.at(-1)?.usage).toBeUndefined();
  });

  it('stream:false: the completion object’s usage', async () => {
    const sim = createSimulator({ flavour: 'zai', tokensPerSecond: 0 });
    const json = (await (await chat(sim, { text: 'Whole answer', stream: false })).json()) as {
      usage: unknown;
    };
    expect(sim.requests.at(-1)?.usage).toEqual(json.usage);
  });
});
