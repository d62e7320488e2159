import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { stepCountIs, streamText, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createSimulator } from '../index';

describe('::then — a tool loop over several steps', () => {
  it('calls one tool per step, thinks between steps, then answers', async () => {
    const sim = createSimulator({ flavour: 'zai', tokensPerSecond: 0 });
    const provider = createOpenAICompatible({
      name: 'glm',
      baseURL: 'http://sim/v1',
      includeUsage: true,
      fetch: sim.fetch,
    });
    const result = streamText({
      model: provider.chatModel('glm-4.7-flash'),
      prompt: '::tool calculator {"expression":"2+3"}\n::then current_time {"timezone":"UTC"}\nPlan it',
      tools: {
        calculator: tool({ inputSchema: z.object({ expression: z.string() }), execute: async () => '5' }),
        current_time: tool({ inputSchema: z.object({ timezone: z.string() }), execute: async () => '12:00' }),
      },
      stopWhen: stepCountIs(5),
    });
    const order: string[] = [];
    for await (const part of result.fullStream) {
      if (part.type === 'reasoning-start') order.push('think');
      if (part.type === 'tool-call') order.push(`call:${part.toolName}`);
      if (part.type === 'text-start') order.push('text');
    }
    expect(order).toEqual(['think', 'call:calculator', 'think', 'call:current_time', 'think', 'text']);
    expect(sim.requests).toHaveLength(3);
    expect(await result.text).toContain('12:00');
  });
});
