import { describe, expect, it } from 'vitest';
import { createSimulator } from '../simulator';
import { SIMULATOR_FLAVOURS, type SimulatorFlavour } from '../types';
import {
  chat,
  choiceOf,
  deltaOf,
  finishReasons,
  type JsonObject,
  joinDelta,
  readSse,
  usageChunks,
} from './helpers';

const fast = (flavour: SimulatorFlavour) => createSimulator({ flavour, tokensPerSecond: 0 });

const REASONING_FIELD: Record<SimulatorFlavour, 'reasoning' | 'reasoning_content'> = {
  zai: 'reasoning_content',
  vllm: 'reasoning',
  cloudflare: 'reasoning_content',
  ollama: 'reasoning',
  llamacpp: 'reasoning_content',
};

describe('every flavour', () => {
  for (const flavour of SIMULATOR_FLAVOURS) {
    it(`${flavour}: reasoning in delta.${REASONING_FIELD[flavour]}, then a markdown answer echoing the question`, async () => {
      const sse = await readSse(await chat(fast(flavour), { text: 'How do generics work?' }));
      const field = REASONING_FIELD[flavour];
      const other = field === 'reasoning' ? 'reasoning_content' : 'reasoning';
      const reasoning = joinDelta(sse, field);
      expect(reasoning).toContain('How do generics work?');
      expect(joinDelta(sse, other)).toBe('');
      const content = joinDelta(sse, 'content');
      expect(content).toMatch(/^## How do generics work\?/);
      expect(content).toContain('```ts');
      expect(content).toContain('| --- | --- |');
      expect(content).toContain('- **Restated:**');
      expect(sse.data.at(-1)).toBe('[DONE]');
      // Workers AI sends its finish chunk twice.
      expect(finishReasons(sse)).toEqual(flavour === 'cloudflare' ? ['stop', 'stop'] : ['stop']);
      // reasoning never shares a chunk with content text
      for (const chunk of sse.json) {
        const delta = deltaOf(chunk);
        if (delta?.[field]) expect(delta.content ?? '').toBe('');
      }
    });

    it(`${flavour}: no reasoning when thinking is switched off (all three forms)`, async () => {
      const switches = [
        { thinking: { type: 'disabled' } },
        { chat_template_kwargs: { enable_thinking: false } },
        { reasoning_effort: 'none' },
      ];
      for (const extra of switches) {
        const sse = await readSse(await chat(fast(flavour), { text: 'Hello', extra }));
        expect(joinDelta(sse, 'reasoning') + joinDelta(sse, 'reasoning_content')).toBe('');
        expect(joinDelta(sse, 'content')).toContain('Hello');
      }
    });

    it(`${flavour}: usage counts are consistent`, async () => {
      const sse = await readSse(await chat(fast(flavour), { text: 'Count me' }));
      // The last usage with real counts (Workers AI's very last one is all zeros).
      const real = usageChunks(sse).filter((c) => (c.usage as Record<string, number>).total_tokens !== 0);
      const usage = real.at(-1)?.usage as Record<string, number>;
      expect(usage.prompt_tokens).toBe(Math.ceil('Count me'.length / 4));
      const tokenFrames = sse.json.filter((chunk) => {
        const delta = deltaOf(chunk);
        return Boolean(delta?.content || delta?.[REASONING_FIELD[flavour]]);
      });
      expect(usage.completion_tokens).toBe(tokenFrames.length);
      expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
    });
  }
});

describe('zai', () => {
  it('repeats role on every text delta, omits finish_reason until the end, puts usage on the finish chunk', async () => {
    const sse = await readSse(await chat(fast('zai'), { text: 'Hi' }));
    const chunks = sse.json;
    expect(String(chunks[0].id)).toMatch(/^\d{14}[0-9a-f]{16}$/);
    for (const chunk of chunks.slice(0, -1)) {
      expect(deltaOf(chunk)?.role).toBe('assistant');
      expect(choiceOf(chunk)).not.toHaveProperty('finish_reason');
      expect(chunk).not.toHaveProperty('usage');
      expect(chunk).not.toHaveProperty('system_fingerprint');
      expect(choiceOf(chunk)).not.toHaveProperty('logprobs');
    }
    const last = chunks.at(-1);
    expect(choiceOf(last ?? {})).toEqual({
      index: 0,
      finish_reason: 'stop',
      delta: { role: 'assistant', content: '' },
    });
    const usage = last?.usage as Record<string, unknown>;
    expect(usage.prompt_tokens_details).toEqual({
      cached_tokens: Math.floor((usage.prompt_tokens as number) * 0.5),
    });
    expect(usage.completion_tokens_details).toEqual({ reasoning_tokens: expect.any(Number) });
    expect((usage.completion_tokens_details as Record<string, number>).reasoning_tokens).toBeGreaterThan(10);
  });

  it('omits usage without include_usage and uses the Z.ai content type', async () => {
    const response = await chat(fast('zai'), { text: 'Hi', includeUsage: false });
    expect(response.headers.get('content-type')).toBe('text/event-stream;charset=UTF-8');
    const sse = await readSse(response);
    expect(usageChunks(sse)).toEqual([]);
    expect(finishReasons(sse)).toEqual(['stop']);
  });

  it('sends whole tool calls without role, call_<24 hex> ids, and streams them with tool_stream', async () => {
    const sse = await readSse(
      await chat(fast('zai'), { text: '::tool calculator {"expression":"6*7"}', tools: ['calculator'] }),
    );
    const toolChunks = sse.json.filter((chunk) => deltaOf(chunk)?.tool_calls);
    expect(toolChunks).toHaveLength(1);
    expect(deltaOf(toolChunks[0])).toEqual({
      tool_calls: [
        {
          id: expect.stringMatching(/^call_[0-9a-f]{24}$/),
          index: 0,
          type: 'function',
          function: { name: 'calculator', arguments: '{"expression":"6*7"}' },
        },
      ],
    });
    expect(finishReasons(sse)).toEqual(['tool_calls']);

    const streamed = await readSse(
      await chat(fast('zai'), {
        text: '::tool calculator {"expression":"6*7"}',
        tools: ['calculator'],
        extra: { tool_stream: true },
      }),
    );
    const pieces = streamed.json.filter((chunk) => deltaOf(chunk)?.tool_calls);
    expect(pieces.length).toBeGreaterThan(2);
  });
});

describe('vllm', () => {
  it('opens with a role-only chunk, null finish/logprobs everywhere, separate finish chunk and usage trailer', async () => {
    const sse = await readSse(await chat(fast('vllm'), { text: 'Hi' }));
    const [first, ...rest] = sse.json;
    expect(String(first.id)).toMatch(/^chatcmpl-[0-9a-f]{32}$/);
    expect(choiceOf(first)).toEqual({
      index: 0,
      delta: { role: 'assistant', content: '' },
      logprobs: null,
      finish_reason: null,
    });
    const trailer = rest.at(-1) ?? {};
    const finish = rest.at(-2) ?? {};
    for (const chunk of rest.slice(0, -2)) {
      expect(choiceOf(chunk)).toMatchObject({ logprobs: null, finish_reason: null });
      expect(deltaOf(chunk)).not.toHaveProperty('role');
    }
    expect(choiceOf(finish)).toEqual({
      index: 0,
      delta: { content: '' },
      logprobs: null,
      finish_reason: 'stop',
      stop_reason: null,
      token_ids: null,
    });
    expect(first).toHaveProperty('prompt_token_ids', null);
    expect(choiceOf(rest[0])).toHaveProperty('token_ids', null);
    expect(trailer.choices).toEqual([]);
    expect(Object.keys(trailer.usage as object)).toEqual([
      'prompt_tokens',
      'total_tokens',
      'completion_tokens',
    ]);
  });

  it('has no usage trailer without include_usage', async () => {
    const sse = await readSse(await chat(fast('vllm'), { text: 'Hi', includeUsage: false }));
    expect(usageChunks(sse)).toEqual([]);
    expect(sse.json.at(-1)?.choices).not.toEqual([]);
  });

  it('honours vllmReasoningField', async () => {
    const legacy = createSimulator({
      flavour: 'vllm',
      tokensPerSecond: 0,
      vllmReasoningField: 'reasoning_content',
    });
    const legacySse = await readSse(await chat(legacy, { text: 'Hi' }));
    expect(joinDelta(legacySse, 'reasoning_content')).not.toBe('');
    expect(joinDelta(legacySse, 'reasoning')).toBe('');
    const both = createSimulator({ flavour: 'vllm', tokensPerSecond: 0, vllmReasoningField: 'both' });
    const bothSse = await readSse(await chat(both, { text: 'Hi' }));
    expect(joinDelta(bothSse, 'reasoning')).toBe(joinDelta(bothSse, 'reasoning_content'));
    expect(joinDelta(bothSse, 'reasoning')).not.toBe('');
  });

  it('sends whole tool calls with chatcmpl-tool- ids', async () => {
    const sse = await readSse(
      await chat(fast('vllm'), { text: '::parallel', tools: ['calculator', 'current_time'] }),
    );
    const calls = sse.json.flatMap((chunk) => (deltaOf(chunk)?.tool_calls as object[] | undefined) ?? []);
    expect(calls).toEqual([
      {
        id: expect.stringMatching(/^chatcmpl-tool-[0-9a-f]{32}$/),
        type: 'function',
        index: 0,
        function: { name: 'calculator', arguments: '{"expression":"2+3"}' },
      },
      {
        id: expect.stringMatching(/^chatcmpl-tool-[0-9a-f]{32}$/),
        type: 'function',
        index: 1,
        function: { name: 'current_time', arguments: '{"timezone":"Asia/Shanghai"}' },
      },
    ]);
    expect(finishReasons(sse)).toEqual(['tool_calls']);
  });
});

describe('cloudflare', () => {
  it('ends as recorded on /ai/v1: a stop_reason chunk, then two finish chunks, the second with zero usage', async () => {
    const sse = await readSse(await chat(fast('cloudflare'), { text: 'Hi' }));
    const [first, ...rest] = sse.json;
    expect(first.id).toMatch(/^id-\d{13}$/);
    expect(Object.keys(first)).toEqual(['id', 'created', 'model', 'object', 'choices']);
    expect(choiceOf(first)).toEqual({
      index: 0,
      delta: { role: 'assistant', content: '' },
      logprobs: null,
      finish_reason: null,
    });
    expect(choiceOf(rest[0])).toHaveProperty('token_ids', null);
    const [stop, finish, zero] = rest.slice(-3);
    expect(choiceOf(stop)).toEqual({
      index: 0,
      delta: {},
      logprobs: null,
      finish_reason: null,
      stop_reason: expect.any(Number),
      token_ids: null,
    });
    expect(Object.keys(finish)).toEqual(['id', 'object', 'created', 'model', 'choices', 'usage']);
    expect(choiceOf(finish)).toEqual({ index: 0, delta: {}, finish_reason: 'stop' });
    expect((finish.usage as Record<string, number>).completion_tokens).toBeGreaterThan(0);
    expect(zero.usage).toEqual({
      prompt_tokens: 0,
      completion_tokens: 0,
      total_tokens: 0,
      prompt_tokens_details: { cached_tokens: 0 },
    });
    expect(usageChunks(sse)).toHaveLength(2);
  });

  it('sends a tool call’s first argument fragments before its name, as reported for GLM', async () => {
    const sse = await readSse(
      await chat(fast('cloudflare'), {
        text: '::tool get_weather {"city":"Paris","unit":"celsius"}',
        tools: ['get_weather'],
      }),
    );
    const calls = sse.json.flatMap((c) => (deltaOf(c)?.tool_calls as JsonObject[] | undefined) ?? []);
    const named = calls.findIndex((call) => (call.function as JsonObject).name === 'get_weather');
    expect(named).toBeGreaterThan(0);
    expect(calls[0]).toEqual({ index: 0, function: { arguments: expect.any(String) } });
    expect(calls.map((call) => (call.function as JsonObject).arguments).join('')).toBe(
      '{"city":"Paris","unit":"celsius"}',
    );
  });

  it('sends no usage at all without include_usage', async () => {
    const sse = await readSse(await chat(fast('cloudflare'), { text: 'Hi', includeUsage: false }));
    expect(usageChunks(sse)).toEqual([]);
  });
});

describe('ollama', () => {
  it('role only on the first delta, fp_ollama, empty-delta finish chunk, plain usage trailer', async () => {
    const sse = await readSse(await chat(fast('ollama'), { text: 'Hi' }));
    const [first, ...rest] = sse.json;
    expect(deltaOf(first)).toEqual({ role: 'assistant', reasoning: expect.any(String) });
    for (const chunk of sse.json) expect(chunk.system_fingerprint).toBe('fp_ollama');
    for (const chunk of rest) expect(deltaOf(chunk) ?? {}).not.toHaveProperty('role');
    const finish = rest.at(-2) ?? {};
    expect(choiceOf(finish)).toEqual({ index: 0, delta: {}, finish_reason: 'stop' });
    const trailer = rest.at(-1) ?? {};
    expect(trailer.choices).toEqual([]);
    expect(trailer.usage).toEqual({
      prompt_tokens: expect.any(Number),
      completion_tokens: expect.any(Number),
      total_tokens: expect.any(Number),
    });
  });

  it('sends tool calls complete in one chunk with call_ ids', async () => {
    const sse = await readSse(
      await chat(fast('ollama'), { text: '::tool current_time', tools: ['current_time'] }),
    );
    const toolChunks = sse.json.filter((chunk) => deltaOf(chunk)?.tool_calls);
    expect(toolChunks).toHaveLength(1);
    expect(deltaOf(toolChunks[0])?.tool_calls).toEqual([
      {
        id: expect.stringMatching(/^call_[a-z0-9]{8}$/),
        index: 0,
        type: 'function',
        function: { name: 'current_time', arguments: '{}' },
      },
    ]);
  });
});

describe('llamacpp', () => {
  it('opens with content:null, pings, empty-delta finish, usage trailer with timings', async () => {
    const sse = await readSse(await chat(fast('llamacpp'), { text: 'Hi' }));
    expect(sse.order[0]).toBe(': ping');
    expect(sse.comments.length).toBeGreaterThan(1);
    expect(deltaOf(sse.json[0])).toEqual({ role: 'assistant', content: null });
    expect(choiceOf(sse.json.at(-2) ?? {})).toEqual({ finish_reason: 'stop', index: 0, delta: {} });
    const trailer = sse.json.at(-1) ?? {};
    expect(trailer.choices).toEqual([]);
    expect(trailer.timings).toMatchObject({ prompt_n: expect.any(Number), predicted_n: expect.any(Number) });
  });

  it('streams tool-call arguments in pieces; id/type/name only on the first delta', async () => {
    const sse = await readSse(
      await chat(fast('llamacpp'), { text: '::tool calculator {"expression":"2+3"}', tools: ['calculator'] }),
    );
    const entries = sse.json.flatMap(
      (chunk) => (deltaOf(chunk)?.tool_calls as Record<string, unknown>[]) ?? [],
    );
    expect(entries.length).toBeGreaterThan(3);
    expect(entries[0]).toMatchObject({
      index: 0,
      id: expect.stringMatching(/^[A-Za-z0-9]{32}$/),
      type: 'function',
    });
    expect(entries[0].function).toMatchObject({ name: 'calculator' });
    for (const entry of entries.slice(1)) expect(Object.keys(entry)).toEqual(['index', 'function']);
    const args = entries.map((entry) => (entry.function as Record<string, string>).arguments).join('');
    expect(JSON.parse(args)).toEqual({ expression: '2+3' });
  });
});

describe('per-request flavour override', () => {
  it('uses x-simulator-flavour', async () => {
    const sim = fast('zai');
    const response = await chat(sim, { text: 'Hi', headers: { 'x-simulator-flavour': 'ollama' } });
    const sse = await readSse(response);
    expect(sse.json[0].system_fingerprint).toBe('fp_ollama');
  });

  it('rejects an unknown flavour header', async () => {
    const response = await chat(fast('zai'), { text: 'Hi', headers: { 'x-simulator-flavour': 'openai' } });
    expect(response.status).toBe(400);
  });
});
