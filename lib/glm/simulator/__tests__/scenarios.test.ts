import { describe, expect, it } from 'vitest';
import { UNICODE_GREETING } from '../content';
import { parseDirectives } from '../directives';
import { createSimulator } from '../simulator';
import { countTokens } from '../tokens';
import type { SimulatorFlavour } from '../types';
import { chat, choiceOf, deltaOf, finishReasons, joinDelta, readSse, usageChunks } from './helpers';

const fast = (flavour: SimulatorFlavour = 'zai') => createSimulator({ flavour, tokensPerSecond: 0 });

describe('directive parsing', () => {
  it('reads several leading directives and keeps the rest as the question', () => {
    const { directives, question } = parseDirectives('::rate 200\n::long 300\nExplain closures');
    expect(directives.rate).toBe(200);
    expect(directives.long).toBe(300);
    expect(question).toBe('Explain closures');
  });

  it('keeps unknown or malformed directives as question text', () => {
    const { directives, question } = parseDirectives('::bogus 1\n::long lots\n::plain\nQ');
    expect(directives.plain).toBe(true);
    expect(directives.long).toBeUndefined();
    expect(question).toBe('::bogus 1\n::long lots\nQ');
  });

  it('only looks at leading lines', () => {
    expect(parseDirectives('Hello\n::plain').directives.plain).toBe(false);
  });
});

describe('text scenarios', () => {
  it('is deterministic: a fresh simulator gives the same bytes for the same request (timestamps aside)', async () => {
    const normalise = (payloads: string[]) =>
      payloads.map((p) => p.replace(/"created":\d+/, '"created":0').replace(/"id":"\d{14}/, '"id":"T'));
    const a = await readSse(await chat(fast(), { text: 'Same?' }));
    const b = await readSse(await chat(fast(), { text: 'Same?' }));
    expect(normalise(a.data)).toEqual(normalise(b.data));
    const sim = fast('vllm');
    const first = await readSse(await chat(sim, { text: 'Same?' }));
    const second = await readSse(await chat(sim, { text: 'Same?' }));
    expect(first.json[0].id).not.toBe(second.json[0].id);
  });

  it('::plain answers without reasoning; ::echo answers exactly the question', async () => {
    const plain = await readSse(await chat(fast(), { text: '::plain\nHi' }));
    expect(joinDelta(plain, 'reasoning_content')).toBe('');
    const echo = await readSse(await chat(fast(), { text: '::echo\nRepeat after me: 1, 2, 3.' }));
    expect(joinDelta(echo, 'content')).toBe('Repeat after me: 1, 2, 3.');
  });

  it('::echo-reasoning thinks exactly the question (with ::echo, answers it too)', async () => {
    const text = '<img src=x onerror=alert(1)>\n\n[a](javascript:alert(1)) \u202e bidi';
    const sse = await readSse(await chat(fast(), { text: `::echo-reasoning\n::echo\n${text}` }));
    expect(joinDelta(sse, 'reasoning_content')).toBe(text);
    expect(joinDelta(sse, 'content')).toBe(text);
    const off = await readSse(
      await chat(fast(), { text: `::echo-reasoning\n${text}`, extra: { thinking: { type: 'disabled' } } }),
    );
    expect(joinDelta(off, 'reasoning_content')).toBe('');
    expect(parseDirectives('::echo-reasoning now\nQ').directives.echoReasoning).toBe(false);
  });

  it('::long N and ::reasoning N produce about N tokens', async () => {
    const sse = await readSse(await chat(fast(), { text: '::long 300\n::reasoning 120\nWrite a lot' }));
    const content = joinDelta(sse, 'content');
    expect(countTokens(content)).toBeGreaterThanOrEqual(290);
    expect(countTokens(content)).toBeLessThanOrEqual(310);
    expect(content.match(/```ts/g)?.length ?? 0).toBeGreaterThan(2);
    const usage = sse.json.at(-1)?.usage as { completion_tokens_details: { reasoning_tokens: number } };
    expect(usage.completion_tokens_details.reasoning_tokens).toBe(120);
  });

  it('::long N with ::code-blocks M writes M code blocks with prose between them', async () => {
    const sse = await readSse(await chat(fast(), { text: '::plain\n::long 3000\n::code-blocks 6\nLong' }));
    const content = joinDelta(sse, 'content');
    expect(content.match(/```ts/g)?.length).toBe(6);
    expect(countTokens(content)).toBeGreaterThanOrEqual(2950);
    expect(countTokens(content)).toBeLessThanOrEqual(3000);
    // Prose after the last code block, not one block of filler at the end only.
    expect(content.split('```').at(-1)?.split('\n\n').length).toBeGreaterThan(3);
  });

  it('::unicode mixes scripts and emoji', async () => {
    const sse = await readSse(await chat(fast(), { text: '::unicode\nSay hello' }));
    expect(joinDelta(sse, 'content').startsWith(UNICODE_GREETING)).toBe(true);
  });

  it('::length sends reasoning only and finish_reason length', async () => {
    const sse = await readSse(await chat(fast(), { text: '::length\nThink hard' }));
    expect(joinDelta(sse, 'reasoning_content')).not.toBe('');
    expect(joinDelta(sse, 'content')).toBe('');
    expect(finishReasons(sse)).toEqual(['length']);
  });

  it('::finish REASON ends with that raw finish_reason', async () => {
    for (const reason of ['sensitive', 'network_error', 'model_context_window_exceeded']) {
      const sse = await readSse(await chat(fast('vllm'), { text: `::finish ${reason}\nHi` }));
      expect(finishReasons(sse)).toEqual([reason]);
    }
  });

  it('::raw-tool-call leaks the GLM XML tool call into content', async () => {
    const sse = await readSse(
      await chat(fast('vllm'), { text: '::raw-tool-call\nAdd', tools: ['calculator'] }),
    );
    expect(joinDelta(sse, 'content')).toBe(
      '<tool_call>calculator<arg_key>expression</arg_key><arg_value>2+3</arg_value></tool_call>',
    );
    expect(sse.json.some((chunk) => deltaOf(chunk)?.tool_calls)).toBe(false);
    expect(finishReasons(sse)).toEqual(['stop']);
  });

  it('::inline-think leaves reasoning in content with </think> and no opening tag', async () => {
    const sse = await readSse(await chat(fast('llamacpp'), { text: '::inline-think\nWhy?' }));
    const content = joinDelta(sse, 'content');
    expect(content).not.toContain('<think>');
    expect(content.split('</think>')).toHaveLength(2);
    expect(content.split('</think>')[1]).toMatch(/^## Why\?/);
    expect(joinDelta(sse, 'reasoning_content')).toBe('');
  });

  it('::no-finish ends with [DONE] and no finish_reason', async () => {
    const sse = await readSse(await chat(fast('vllm'), { text: '::no-finish\nHi' }));
    expect(finishReasons(sse)).toEqual([]);
    expect(sse.data.at(-1)).toBe('[DONE]');
    expect(joinDelta(sse, 'content')).not.toBe('');
  });

  it('::midstream-error sends content, an error frame, then [DONE]', async () => {
    const sse = await readSse(await chat(fast(), { text: '::midstream-error\nHi' }));
    expect(joinDelta(sse, 'content')).not.toBe('');
    expect(sse.json.at(-1)).toEqual({ error: { message: 'Internal error', type: 'api_error', code: '500' } });
    expect(sse.data.at(-1)).toBe('[DONE]');
    const flat = await readSse(await chat(fast('vllm'), { text: '::midstream-error flat\nHi' }));
    expect(flat.json.at(-1)).toMatchObject({ object: 'error', message: 'Internal error', code: 500 });
  });

  it('::keepalive interleaves keep-alive comments', async () => {
    const sse = await readSse(await chat(fast(), { text: '::keepalive\nHi' }));
    expect(sse.comments.filter((comment) => comment === 'keep-alive').length).toBeGreaterThan(3);
  });

  it('::hang-after N sends N content tokens then stays silent until aborted', async () => {
    const controller = new AbortController();
    const response = await chat(fast('vllm'), { text: '::hang-after 3\nHi', signal: controller.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    for (let i = 0; i < 4; i++) text += decoder.decode((await reader.read()).value);
    expect(text.match(/"content":"[^"]+"/g)).toHaveLength(3);
    const next = reader.read();
    controller.abort();
    await expect(next).rejects.toThrow();
  });
});

describe('tool scenarios', () => {
  it('::tool with an unavailable tool answers in text', async () => {
    const sse = await readSse(
      await chat(fast(), { text: '::tool weather {"city":"Paris"}', tools: ['calculator'] }),
    );
    expect(joinDelta(sse, 'content')).toContain('`weather` is not available');
    expect(finishReasons(sse)).toEqual(['stop']);
  });

  it('::text-and-tool sends some text, then the call', async () => {
    const sse = await readSse(
      await chat(fast(), { text: '::text-and-tool calculator', tools: ['calculator'] }),
    );
    const contentIndex = sse.json.findIndex((chunk) => deltaOf(chunk)?.content);
    const toolIndex = sse.json.findIndex((chunk) => deltaOf(chunk)?.tool_calls);
    expect(contentIndex).toBeGreaterThan(-1);
    expect(toolIndex).toBeGreaterThan(contentIndex);
    expect(finishReasons(sse)).toEqual(['tool_calls']);
  });

  it('::tool-stream streams arguments even on whole-call flavours', async () => {
    const sse = await readSse(
      await chat(fast('vllm'), {
        text: '::tool-stream calculator {"expression":"1+1"}',
        tools: ['calculator'],
      }),
    );
    expect(sse.json.filter((chunk) => deltaOf(chunk)?.tool_calls).length).toBeGreaterThan(3);
  });

  it('answers a tool-loop continuation by quoting each tool result', async () => {
    const sse = await readSse(
      await chat(fast(), {
        tools: ['calculator', 'current_time'],
        messages: [
          { role: 'user', content: [{ type: 'text', text: '::parallel' }] },
          {
            role: 'assistant',
            content: null,
            reasoning_content: 'Calling tools.',
            tool_calls: [
              {
                id: 'call_a',
                type: 'function',
                function: { name: 'calculator', arguments: '{"expression":"2+3"}' },
              },
              { id: 'call_b', type: 'function', function: { name: 'current_time', arguments: '{}' } },
            ],
          },
          { role: 'tool', tool_call_id: 'call_a', content: '5' },
          { role: 'tool', tool_call_id: 'call_b', content: '2026-03-13T05:05:35+08:00' },
        ],
      }),
    );
    const content = joinDelta(sse, 'content');
    expect(content).toContain('`calculator` (call_a): 5');
    expect(content).toContain('`current_time` (call_b): 2026-03-13T05:05:35+08:00');
    expect(joinDelta(sse, 'reasoning_content')).not.toBe('');
    expect(sse.json.some((chunk) => deltaOf(chunk)?.tool_calls)).toBe(false);
    expect(finishReasons(sse)).toEqual(['stop']);
  });
});

describe('stream:false', () => {
  it('returns the matching chat.completion object per flavour', async () => {
    const zai = (await (await chat(fast('zai'), { text: 'Hi', stream: false })).json()) as Record<
      string,
      unknown
    >;
    expect(zai.object).toBe('chat.completion');
    expect(zai.request_id).toBe(zai.id);
    const message = (zai.choices as Record<string, unknown>[])[0].message as Record<string, unknown>;
    expect(message.reasoning_content).toEqual(expect.stringContaining('Hi'));
    expect(message.content).toEqual(expect.stringContaining('## Hi'));

    const ollama = (await (
      await chat(fast('ollama'), { text: '::tool calculator', stream: false, tools: ['calculator'] })
    ).json()) as Record<string, unknown>;
    const choice = (ollama.choices as Record<string, unknown>[])[0];
    expect(choice.finish_reason).toBe('tool_calls');
    const ollamaMessage = choice.message as Record<string, unknown>;
    expect(ollamaMessage.reasoning).toEqual(expect.any(String));
    expect(ollamaMessage.tool_calls).toEqual([
      expect.objectContaining({ type: 'function', function: { name: 'calculator', arguments: '{}' } }),
    ]);
    expect(ollama.usage).toEqual(expect.objectContaining({ completion_tokens: expect.any(Number) }));
  });
});

describe('usage placement without include_usage', () => {
  it('ollama and llamacpp send no trailer', async () => {
    for (const flavour of ['ollama', 'llamacpp'] as const) {
      const sse = await readSse(await chat(fast(flavour), { text: 'Hi', includeUsage: false }));
      expect(usageChunks(sse)).toEqual([]);
      expect(choiceOf(sse.json.at(-1) ?? {})?.finish_reason).toBe('stop');
    }
  });
});
