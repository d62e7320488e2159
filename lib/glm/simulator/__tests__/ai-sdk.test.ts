/** Faithfulness against the real parser: @ai-sdk/openai-compatible 2.0.92 + streamText from ai 6. */

import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { stepCountIs, streamText, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { withUsageGuard } from '../../usage-guard';
import { createSimulator } from '../simulator';
import { SIMULATOR_FLAVOURS, type SimulatorFlavour } from '../types';

function setup(flavour: SimulatorFlavour) {
  const sim = createSimulator({ flavour, tokensPerSecond: 0 });
  const provider = createOpenAICompatible({
    name: 'glm',
    baseURL: 'http://sim/v1',
    includeUsage: true,
    // Workers AI's last finish chunk carries all-zero usage, which the bare SDK would keep: the app's
    // usage guard (lib/glm/usage-guard.ts) is part of reading that backend right.
    fetch: flavour === 'cloudflare' ? withUsageGuard(sim.fetch) : sim.fetch,
  });
  return { sim, model: provider.chatModel('glm-4.7-flash') };
}

describe('streamText through createOpenAICompatible', () => {
  for (const flavour of SIMULATOR_FLAVOURS) {
    it(`${flavour}: reasoning, answer text and usage come out right`, async () => {
      const { model } = setup(flavour);
      const errors: unknown[] = [];
      const result = streamText({
        model,
        prompt: 'What is a monad?',
        maxRetries: 0,
        onError: ({ error }) => {
          errors.push(error);
        },
      });
      const text = await result.text;
      expect(errors).toEqual([]);
      expect(await result.reasoningText).toContain('What is a monad?');
      expect(text).toMatch(/^## What is a monad\?/);
      expect(await result.finishReason).toBe('stop');
      const usage = await result.usage;
      expect(usage.inputTokens).toBeGreaterThan(0);
      expect(usage.outputTokens).toBeGreaterThan(40);
      expect(usage.totalTokens).toBe((usage.inputTokens ?? 0) + (usage.outputTokens ?? 0));
      if (flavour === 'zai') {
        expect(usage.outputTokenDetails.reasoningTokens).toBeGreaterThan(10);
      }
    });

    it(`${flavour}: a tool loop round-trips the call, the result and the reasoning`, async () => {
      const { sim, model } = setup(flavour);
      const result = streamText({
        model,
        prompt: '::tool calculator {"expression":"2+3"}\nAdd please',
        maxRetries: 0,
        stopWhen: stepCountIs(3),
        tools: {
          calculator: tool({
            description: 'Evaluate an arithmetic expression',
            inputSchema: z.object({ expression: z.string() }),
            execute: async ({ expression }) => (expression === '2+3' ? '5' : '?'),
          }),
        },
      });
      const text = await result.text;
      const steps = await result.steps;
      expect(steps).toHaveLength(2);
      expect(steps[0].finishReason).toBe('tool-calls');
      expect(steps[0].toolCalls).toEqual([
        expect.objectContaining({ toolName: 'calculator', input: { expression: '2+3' } }),
      ]);
      expect(text).toContain('`calculator`');
      expect(text).toContain(': 5');
      const second = sim.requests[1].body as { messages: Record<string, unknown>[] };
      const assistant = second.messages.find((message) => message.role === 'assistant');
      expect(assistant?.reasoning_content).toEqual(expect.stringContaining('calculator'));
      expect(second.messages.at(-1)).toMatchObject({ role: 'tool' });
    });
  }

  it('reports [DONE] without finish_reason and mid-stream errors as errors', async () => {
    for (const prompt of ['::no-finish\nHi', '::midstream-error\nHi']) {
      const { model } = setup('vllm');
      const errors: unknown[] = [];
      const result = streamText({
        model,
        prompt,
        maxRetries: 0,
        onError: ({ error }) => {
          errors.push(error);
        },
      });
      await result.consumeStream();
      expect(await result.finishReason).toBe('error');
      expect(errors.length).toBeGreaterThan(0);
    }
  });

  it('retries ::flaky 429s and then answers', async () => {
    const { sim, model } = setup('zai');
    const result = streamText({ model, prompt: '::flaky 1\n::plain\nRetry', maxRetries: 2 });
    expect(await result.text).toContain('Retry');
    expect(sim.requests).toHaveLength(2);
  });
});
