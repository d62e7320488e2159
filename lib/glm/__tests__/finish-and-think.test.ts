/**
 * How an answer ends (GLM's own finish reasons, `length` with reasoning only) and `<think>` extraction for
 * backends that leave reasoning in `content` (GLM_REASONING_IN_CONTENT).
 */

import { describe, expect, it } from 'vitest';
import { mapFinishReason } from '@/lib/glm/finish-reason';
import { ask, FLAVOUR_TARGETS, glmFor, SERVER_TARGETS, type Target } from './helpers';

const FLAVOURS = Object.values(FLAVOUR_TARGETS);

describe('mapFinishReason', () => {
  it('maps GLM’s own finish reasons onto the SDK’s', () => {
    expect(mapFinishReason('other', 'sensitive')).toBe('content-filter');
    expect(mapFinishReason('other', 'model_context_window_exceeded')).toBe('length');
    expect(mapFinishReason('other', 'network_error')).toBe('error');
  });

  it('leaves everything else alone', () => {
    expect(mapFinishReason('stop', 'stop')).toBe('stop');
    expect(mapFinishReason('length', 'length')).toBe('length');
    expect(mapFinishReason('tool-calls', 'tool_calls')).toBe('tool-calls');
    expect(mapFinishReason('other', 'something_new')).toBe('other');
    expect(mapFinishReason('other', undefined)).toBe('other');
    // Only an `other` is reinterpreted: the SDK's own mapping wins.
    expect(mapFinishReason('stop', 'sensitive')).toBe('stop');
  });

  it('is not fooled by a raw finish reason that names an Object.prototype key', () => {
    expect(mapFinishReason('other', 'toString')).toBe('other');
    expect(mapFinishReason('other', 'constructor')).toBe('other');
  });
});

describe.each(FLAVOURS)('finish reasons on the wire: $name', (target) => {
  it.each([
    ['sensitive', 'content-filter'],
    ['model_context_window_exceeded', 'length'],
    ['network_error', 'error'],
  ])('::finish %s ends as %s', async (raw, mapped) => {
    const { glm } = glmFor(target);
    const result = await ask(glm, `::finish ${raw}\nHello`);
    expect(result.errors).toEqual([]);
    expect(result.text).toMatch(/^## Hello/);
    expect(result.finishReason).toBe('other');
    expect(result.rawFinishReason).toBe(raw);
    expect(mapFinishReason(result.finishReason ?? 'unknown', result.rawFinishReason)).toBe(mapped);
  });

  it('::length ends as length with reasoning and no answer text', async () => {
    const { glm } = glmFor(target);
    const result = await ask(glm, '::length\nExplain monads');
    expect(result.errors).toEqual([]);
    expect(result.finishReason).toBe('length');
    expect(result.rawFinishReason).toBe('length');
    expect(mapFinishReason(result.finishReason ?? 'unknown', result.rawFinishReason)).toBe('length');
    expect(result.reasoning).toContain('Explain monads');
    expect(result.text).toBe('');
    expect(result.usage?.outputTokens).toBeGreaterThan(0);
  });

  it('a normal answer ends as stop with raw reason stop', async () => {
    const { glm } = glmFor(target);
    const result = await ask(glm, 'Hello');
    expect(result.finishReason).toBe('stop');
    expect(result.rawFinishReason).toBe('stop');
  });
});

/** The realistic inline-think setups: each simulator flavour, and llama.cpp with --reasoning-format none. */
const INLINE_TARGETS: Target[] = [...FLAVOURS, ...SERVER_TARGETS.filter((t) => t.name.endsWith('/llamacpp'))];

describe.each(INLINE_TARGETS)('reasoning left in content (`reasoning…</think>answer`): $name', (target) => {
  it('GLM_REASONING_IN_CONTENT=true moves it out of the text', async () => {
    const { glm } = glmFor(target, { GLM_REASONING_IN_CONTENT: 'true' });
    expect(glm.dialect.reasoningInContent).toBe(true);
    const result = await ask(glm, '::inline-think\nWhat is a monad?');
    expect(result.errors).toEqual([]);
    expect(result.reasoning).toContain('The user asks: "What is a monad?"');
    expect(result.reasoning).not.toContain('</think>');
    expect(result.text).toMatch(/^## What is a monad\?/);
    expect(result.text).not.toContain('</think>');
    expect(result.text).not.toContain('<think>');
    expect(result.text).not.toContain('The user asks');
    expect(result.finishReason).toBe('stop');
  });

  it('GLM_REASONING_IN_CONTENT=false keeps the raw text', async () => {
    const { glm } = glmFor(target, { GLM_REASONING_IN_CONTENT: 'false' });
    expect(glm.dialect.reasoningInContent).toBe(false);
    const result = await ask(glm, '::inline-think\nWhat is a monad?');
    expect(result.reasoning).toBe('');
    expect(result.text).toMatch(/^The user asks: "What is a monad\?"/);
    expect(result.text).toContain('</think>## What is a monad?');
  });
});

it('GLM_REASONING_IN_CONTENT=true still shows the answer as text when thinking is off (llama.cpp)', async () => {
  // Thinking off: GLM's template opens the turn with `</think>`, so the output is just the answer, no tag.
  const target = SERVER_TARGETS.find((t) => t.name === 'openai-compatible/llamacpp');
  if (!target) throw new Error('no llama.cpp target');
  const { glm, sim } = glmFor(target, { GLM_REASONING_IN_CONTENT: 'true' });
  const result = await ask(glm, '::inline-think\nWhat is a monad?', { thinking: false });
  expect(sim.requests[0].body).toMatchObject({ chat_template_kwargs: { enable_thinking: false } });
  expect(result.errors).toEqual([]);
  expect(result.reasoning).toBe('');
  expect(result.text).toMatch(/^## What is a monad\?/);
});
