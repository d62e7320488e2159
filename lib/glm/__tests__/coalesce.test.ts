/**
 * The delta coalescer (lib/glm/coalesce.ts): on recorded wire samples of every backend, the AI SDK's
 * result (text, reasoning, tool calls, usage, finish reason) is the same with and without it, however
 * the bytes are split into reads; and it does merge what has already arrived.
 */

import type { LanguageModelV3, LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import { deltaCoalescer, mergeable } from '@/lib/glm/coalesce';
import { createGlm } from '@/lib/glm/provider';
import { createSimulator } from '@/lib/glm/simulator';
import { ALL_TARGETS, type Target } from './helpers';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

interface Sample {
  name: string;
  target: Target;
  extraEnv: Record<string, string>;
  prompt: string;
  thinking: boolean;
  body: Uint8Array;
  headers: Headers;
}

/** What the SDK's model produced, summed up the way a caller sees it. */
interface Outcome {
  text: string;
  reasoning: string;
  toolCalls: { name: string; input: string }[];
  usage: unknown;
  finishReason: unknown;
  errors: number;
}

async function run(
  sample: Pick<Sample, 'target' | 'extraEnv' | 'prompt' | 'thinking'>,
  fetch: typeof globalThis.fetch,
  coalesce: boolean,
): Promise<Outcome> {
  const config = parseConfig({ ...sample.target.env, ...sample.extraEnv });
  const glm = createGlm(config, { fetch, coalesce });
  const model = glm.model as LanguageModelV3;
  const { stream } = await model.doStream({
    prompt: [{ role: 'user', content: [{ type: 'text', text: sample.prompt }] }],
    providerOptions: glm.providerOptions({ thinking: sample.thinking }),
  });
  const out: Outcome = {
    text: '',
    reasoning: '',
    toolCalls: [],
    usage: undefined,
    finishReason: undefined,
    errors: 0,
  };
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const part = value as LanguageModelV3StreamPart;
    if (part.type === 'text-delta') out.text += part.delta;
    else if (part.type === 'reasoning-delta') out.reasoning += part.delta;
    else if (part.type === 'tool-call') out.toolCalls.push({ name: part.toolName, input: part.input });
    else if (part.type === 'finish') {
      out.usage = part.usage;
      out.finishReason = part.finishReason;
    } else if (part.type === 'error') out.errors++;
  }
  return out;
}

/** A fetch that answers with these bytes, read in the given pieces. */
function replay(body: Uint8Array, headers: Headers, cuts: number[]): typeof fetch {
  return async () => {
    const bounds = [0, ...cuts, body.length];
    let i = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (i + 1 >= bounds.length) {
          controller.close();
          return;
        }
        controller.enqueue(body.slice(bounds[i], bounds[i + 1]));
        i++;
      },
    });
    return new Response(stream, { status: 200, headers });
  };
}

/** The coalescer's output for these bytes read in these pieces. */
function coalesced(body: Uint8Array, cuts: number[]): string {
  const c = deltaCoalescer();
  const bounds = [0, ...cuts, body.length];
  let out = '';
  for (let i = 0; i + 1 < bounds.length; i++) {
    out += decoder.decode(c.push(body.slice(bounds[i], bounds[i + 1])), { stream: true });
  }
  return out + decoder.decode(c.end());
}

async function record(
  target: Target,
  extraEnv: Record<string, string>,
  prompt: string,
  thinking: boolean,
): Promise<Sample> {
  const sim = createSimulator({ ...target.simulator, tokensPerSecond: 0 });
  let body = new Uint8Array();
  let headers = new Headers();
  const recording: typeof fetch = async (input, init) => {
    const response = await sim.fetch(input, init);
    body = new Uint8Array(await response.arrayBuffer());
    headers = new Headers(response.headers);
    return new Response(body.slice(), { status: response.status, headers: response.headers });
  };
  const sample = { name: `${target.name} ${prompt.split('\n')[0]}`, target, extraEnv, prompt, thinking };
  await run(sample, recording, false);
  return { ...sample, body, headers };
}

const dataEvents = (text: string) => text.split('\n\n').filter((e) => e.startsWith('data:')).length;

const PROMPTS: { name: string; prompt: string; thinking?: boolean; extraEnv?: Record<string, string> }[] = [
  { name: 'reasoning and answer', prompt: '::reasoning 10\n::long 24\nExplain a B-tree.' },
  { name: 'unicode', prompt: '::unicode\n::reasoning 2\nSay hello in many scripts.' },
  { name: 'parallel tool calls', prompt: '::parallel\n::reasoning 4\nWeather in Paris and Rome?' },
  { name: 'streamed tool call', prompt: '::tool-stream weather {"city":"Paris"}\n::reasoning 4\nWeather?' },
  { name: 'text and tool', prompt: '::text-and-tool weather {"city":"Oslo"}\n::reasoning 4\nWeather?' },
  { name: 'thinking off', prompt: '::long 24\nNo thinking.', thinking: false },
  {
    name: '<think> in content',
    prompt: '::inline-think\n::reasoning 10\n::long 16\nWhat is a monad?',
    extraEnv: { GLM_REASONING_IN_CONTENT: 'true' },
  },
  { name: 'mid-stream error', prompt: '::midstream-error\n::reasoning 4\nBreak.' },
  { name: 'length', prompt: '::length\n::reasoning 10\nRun out.' },
];

/** One target per wire shape: the five simulator flavours, SGLang, and vLLM sending both reasoning fields. */
const TARGETS = ALL_TARGETS.filter((t) =>
  [
    'simulator/zai',
    'simulator/vllm',
    'simulator/cloudflare',
    'simulator/ollama',
    'simulator/llamacpp',
    'openai-compatible/sglang',
    'openai-compatible/other',
  ].includes(t.name),
);

describe('mergeable', () => {
  const zai = (delta: object, extra: object = {}) =>
    JSON.stringify({ id: 'a', model: 'm', choices: [{ index: 0, delta }], ...extra });

  it('takes plain answer or reasoning deltas of choice 0', () => {
    expect(mergeable(zai({ role: 'assistant', content: 'Hi' }))).toBeDefined();
    expect(mergeable(zai({ reasoning_content: 'Hm' }))).toBeDefined();
    expect(mergeable(zai({ reasoning: 'Hm', reasoning_content: 'Hm' }))).toBeDefined();
  });

  it('leaves everything else alone', () => {
    expect(mergeable(zai({ content: 'a', reasoning_content: 'b' }))).toBeUndefined();
    expect(mergeable(zai({ content: '' }))).toBeUndefined();
    expect(mergeable(zai({ tool_calls: [] }))).toBeUndefined();
    expect(mergeable(zai({ content: 'a' }, { usage: { prompt_tokens: 1 } }))).toBeUndefined();
    expect(
      mergeable(JSON.stringify({ choices: [{ index: 0, delta: { content: 'a' }, finish_reason: 'stop' }] })),
    ).toBeUndefined();
    expect(
      mergeable(
        JSON.stringify({ choices: [{ index: 0, delta: { content: 'a' }, logprobs: { content: [] } }] }),
      ),
    ).toBeUndefined();
    expect(mergeable(JSON.stringify({ choices: [{ index: 1, delta: { content: 'a' } }] }))).toBeUndefined();
    expect(mergeable(JSON.stringify({ error: { message: 'x' } }))).toBeUndefined();
    expect(mergeable('[DONE]')).toBeUndefined();
    expect(mergeable('{broken')).toBeUndefined();
  });
});

describe('deltaCoalescer', () => {
  const event = (delta: object, id = 'a') =>
    `data: ${JSON.stringify({ id, choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`;

  it('merges consecutive deltas of one kind that arrived in one read, and keeps the rest in order', () => {
    const input = [
      event({ reasoning_content: 'Let' }),
      event({ reasoning_content: ' me' }),
      event({ content: 'Hello' }),
      event({ content: ' world' }),
      event({ content: '!' }, 'b'),
      ': ping\n\n',
      'data: [DONE]\n\n',
    ].join('');
    const out = decoder.decode(deltaCoalescer().push(encoder.encode(input)));
    expect(out).toBe(
      [
        event({ reasoning_content: 'Let me' }),
        event({ content: 'Hello world' }),
        event({ content: '!' }, 'b'),
        ': ping\n\n',
        'data: [DONE]\n\n',
      ].join(''),
    );
  });

  it('passes a lone event on as the same bytes, and never holds a finished event back', () => {
    const c = deltaCoalescer();
    const one = encoder.encode(event({ content: 'Hi' }));
    expect(c.push(one)).toBe(one);
    // Half an event: kept until the rest arrives, then passed on at once.
    const two = event({ content: ' there' });
    expect(c.push(encoder.encode(two.slice(0, 10))).byteLength).toBe(0);
    expect(decoder.decode(c.push(encoder.encode(two.slice(10))))).toBe(two);
    expect(c.end().byteLength).toBe(0);
  });

  it('passes an unfinished event on at the end of the body', () => {
    const c = deltaCoalescer();
    expect(c.push(encoder.encode('data: {"choi')).byteLength).toBe(0);
    expect(decoder.decode(c.end())).toBe('data: {"choi');
  });
});

describe('the SDK sees the same answer with and without the coalescer, however the bytes are read', () => {
  const cases = TARGETS.flatMap((target) => PROMPTS.map((p) => ({ target, ...p })));
  // One SDK run per distinct coalesced body (a few dozen per sample): slow on a busy machine.
  it.each(cases)(
    '$target.name: $name',
    async ({ target, prompt, thinking, extraEnv }) => {
      const sample = await record(target, extraEnv ?? {}, prompt, thinking ?? true);
      const { body, headers } = sample;
      expect(body.length).toBeGreaterThan(0);
      const reference = await run(sample, replay(body, headers, []), false);

      // Every way of cutting the body in two reads, one read, and one read per byte.
      const outputs = new Set<string>();
      for (let cut = 1; cut < body.length; cut++) outputs.add(coalesced(body, [cut]));
      const whole = coalesced(body, []);
      outputs.add(whole);
      outputs.add(
        coalesced(
          body,
          Array.from({ length: body.length - 1 }, (_, i) => i + 1),
        ),
      );
      for (const output of outputs) {
        const bytes = encoder.encode(output);
        expect(await run(sample, replay(bytes, headers, []), false)).toEqual(reference);
      }
      // Through the real fetch chain too (the coalescer where the SDK reads).
      expect(await run(sample, replay(body, headers, []), true)).toEqual(reference);
      const third = Math.floor(body.length / 3);
      expect(await run(sample, replay(body, headers, [third, 2 * third]), true)).toEqual(reference);

      // And it does merge: read at once, a streamed answer is fewer events (Cloudflare's cumulative
      // usage on every chunk makes each one different: nothing there is merged).
      if (
        target.simulator.flavour !== 'cloudflare' &&
        reference.text.length + reference.reasoning.length > 100
      ) {
        expect(dataEvents(whole)).toBeLessThan(dataEvents(decoder.decode(body)));
      }
    },
    120_000,
  );
});
