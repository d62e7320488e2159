/** `n`, `logprobs` and `response_format` on the wire, as the simulator answers them in each flavour. */
import { describe, expect, it } from 'vitest';
import { createSimulator, type SimulatorFlavour } from '@/lib/glm/simulator';

async function frames(flavour: SimulatorFlavour, body: Record<string, unknown>) {
  const sim = createSimulator({ flavour, tokensPerSecond: 0 });
  const response = await sim.fetch('http://sim/v1/chat/completions', {
    method: 'POST',
    body: JSON.stringify({
      model: 'glm-4.7-flash',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'Name a colour' }],
      ...body,
    }),
  });
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((f) => f.startsWith('data: {'))
    .map(
      (f) =>
        JSON.parse(f.slice(6)) as {
          choices: Record<string, unknown>[];
          usage?: { completion_tokens: number; total_tokens?: number };
        },
    );
}

describe.each(['zai', 'vllm', 'cloudflare', 'ollama', 'llamacpp'] as const)('simulator %s', (flavour) => {
  it('n = 3: each choice its own deltas and finish reason; usage once, for all choices', async () => {
    const chunks = await frames(flavour, { n: 3 });
    const indices = new Set(chunks.flatMap((c) => c.choices.map((choice) => choice.index)));
    expect(indices).toEqual(new Set([0, 1, 2]));
    const finishes = chunks.flatMap((c) =>
      c.choices.filter((choice) => typeof choice.finish_reason === 'string'),
    );
    // Workers AI repeats choice 0's finish chunk, the second time with all-zero usage.
    const finishIndices = finishes.map((f) => f.index).sort();
    expect(flavour === 'cloudflare' ? [...new Set(finishIndices)] : finishIndices).toEqual([0, 1, 2]);
    const usages = chunks.filter((c) => c.usage && c.usage.total_tokens !== 0);
    expect(usages).toHaveLength(1);
    const last = usages.at(-1);
    const deltas = chunks
      .flatMap((c) => c.choices)
      .filter((choice) => {
        const delta = choice.delta as Record<string, unknown> | undefined;
        return (
          typeof (delta?.content ?? delta?.reasoning ?? delta?.reasoning_content) === 'string' &&
          (delta?.content ?? delta?.reasoning ?? delta?.reasoning_content) !== ''
        );
      });
    expect(last?.usage?.completion_tokens).toBe(deltas.length);
    const textOf = (index: number) =>
      chunks
        .flatMap((c) => c.choices)
        .filter((choice) => choice.index === index)
        .map((choice) => (choice.delta as { content?: string } | undefined)?.content ?? '')
        .join('');
    expect(textOf(1)).toMatch(/^\*\*Version 2\.\*\*/);
    expect(textOf(0)).not.toContain('Version');
  });

  it('logprobs: every generated token carries its log probability and top alternatives', async () => {
    const chunks = await frames(flavour, { logprobs: true, top_logprobs: 4 });
    const content = chunks
      .flatMap((c) => c.choices)
      .filter((choice) => typeof (choice.delta as { content?: string } | undefined)?.content === 'string')
      .filter((choice) => (choice.delta as { content: string }).content !== '');
    expect(content.length).toBeGreaterThan(5);
    for (const choice of content) {
      const entries = (
        choice.logprobs as { content: { token: string; logprob: number; top_logprobs: unknown[] }[] }
      ).content;
      expect(entries[0].token).toBe((choice.delta as { content: string }).content);
      expect(entries[0].logprob).toBeLessThanOrEqual(0);
      expect(entries[0].top_logprobs).toHaveLength(4);
    }
  });
});

describe('simulator JSON answers', () => {
  it('json_schema: a value that fits the schema; ::invalid-json: broken JSON', async () => {
    const schema = {
      type: 'object',
      properties: {
        name: { type: 'string', maxLength: 4 },
        size: { type: 'integer', minimum: 50 },
        tags: { type: 'array', items: { enum: ['a', 'b'] } },
      },
    };
    const answer = async (text: string) =>
      (
        await frames('vllm', {
          messages: [{ role: 'user', content: text }],
          response_format: { type: 'json_schema', json_schema: { name: 's', schema } },
        })
      )
        .flatMap((c) => c.choices)
        .map((choice) => (choice.delta as { content?: string } | undefined)?.content ?? '')
        .join('');
    expect(JSON.parse(await answer('Describe it'))).toEqual({ name: 'Desc', size: 50, tags: ['a'] });
    const broken = await answer('::invalid-json\nDescribe it');
    expect(() => JSON.parse(broken)).toThrow();
  });
});
