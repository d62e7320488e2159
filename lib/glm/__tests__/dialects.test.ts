/**
 * Each backend dialect, end to end: the real provider (createGlm → @ai-sdk/openai-compatible → streamText)
 * against the simulator speaking that backend's wire format. Assertions are on what a caller sees
 * (reasoning, text, usage) and on what reaches the wire (recorded request bodies).
 */

import { generateText, type ModelMessage, stepCountIs, streamText, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { getDialect, mirrorReasoningFields } from '@/lib/glm/dialects';
import { tokenize } from '@/lib/glm/simulator/tokens';
import {
  ALL_TARGETS,
  ask,
  bodyOf,
  collect,
  FLAVOUR_TARGETS,
  glmFor,
  type Json,
  messagesOf,
  type ReasoningField,
  type Target,
} from './helpers';

const QUESTION = 'What is a monad in functional programming?';
const REASONING_FIELDS: ReasoningField[] = ['reasoning_content', 'reasoning'];
const THINKING_SWITCHES = ['thinking', 'chat_template_kwargs', 'reasoning_effort'];

/** The simulator's prompt estimate: ceil(characters of the message texts / 4). */
const promptTokensFor = (text: string): number => Math.ceil(text.length / 4);

/** Asserts an assistant message carries `reasoning` in exactly the fields this backend reads. */
function expectReasoningIn(message: Json | undefined, target: Target, reasoning: string): void {
  expect(message).toBeDefined();
  for (const field of REASONING_FIELDS) {
    if (target.reasoningFields.includes(field)) expect(message?.[field], field).toBe(reasoning);
    else expect(message, `${target.name} must not send ${field}`).not.toHaveProperty(field);
  }
}

describe.each(ALL_TARGETS)('dialect $name', (target) => {
  it('streams reasoning and answer text apart, with usage from where this backend puts it', async () => {
    const { glm, sim } = glmFor(target);
    const result = await ask(glm, QUESTION);

    expect(result.errors).toEqual([]);
    expect(result.finishReason).toBe('stop');
    expect(result.reasoning).toContain(`The user asks: "${QUESTION}"`);
    expect(result.reasoning).not.toContain('##');
    expect(result.text).toMatch(/^## What is a monad/);
    expect(result.text).toContain(`You asked: "${QUESTION}"`);
    expect(result.text).not.toContain('The user asks');

    const usage = result.usage;
    const reasoningTokens = tokenize(result.reasoning).length;
    const textTokens = tokenize(result.text).length;
    expect(usage?.inputTokens).toBe(promptTokensFor(QUESTION));
    // The final count, not a partial one (Cloudflare repeats a growing usage on every chunk).
    expect(usage?.outputTokens).toBe(reasoningTokens + textTokens);
    expect(usage?.totalTokens).toBe(promptTokensFor(QUESTION) + reasoningTokens + textTokens);
    // Backends that do not report reasoning tokens show 0 (the SDK's default), never a made-up number.
    expect(usage?.outputTokenDetails.reasoningTokens).toBe(
      target.reportsReasoningTokens ? reasoningTokens : 0,
    );
    expect(usage?.inputTokenDetails.cacheReadTokens).toBe(
      target.reportsCachedTokens ? Math.floor(promptTokensFor(QUESTION) / 2) : 0,
    );
    expect(sim.requests).toHaveLength(1);
  });

  it('asks for usage on the wire and calls the right model and path', async () => {
    const { glm, sim } = glmFor(target);
    await ask(glm, 'Hello');
    const body = bodyOf(sim, 0);
    expect(body.stream).toBe(true);
    expect(body.stream_options).toEqual({ include_usage: true });
    expect(body.model).toBe(target.model);
    expect(sim.requests[0].path).toBe(target.path);
  });

  it('sends thinking off in this backend’s form, and then gets no reasoning', async () => {
    const { glm, sim } = glmFor(target);
    const result = await ask(glm, QUESTION, { thinking: false });
    const body = bodyOf(sim, 0);

    expect(body).toMatchObject(target.thinkingOff);
    // Only this backend's switch is sent, not the others'.
    const sent = THINKING_SWITCHES.filter((key) => key in body);
    expect(sent).toEqual(Object.keys(target.thinkingOff));

    expect(result.errors).toEqual([]);
    expect(result.reasoning).toBe('');
    expect(result.text).toContain(`You asked: "${QUESTION}"`);
    expect(result.usage?.outputTokenDetails.reasoningTokens).toBe(0);
  });

  it('sends thinking on in this backend’s form, and then gets reasoning', async () => {
    const { glm, sim } = glmFor(target);
    const result = await ask(glm, QUESTION, { thinking: true });
    const body = bodyOf(sim, 0);

    expect(body).toMatchObject(target.thinkingOn);
    const sent = THINKING_SWITCHES.filter((key) => key in body);
    expect(sent).toEqual(Object.keys(target.thinkingOn));
    expect(result.reasoning).toContain('The user asks');
  });

  it('sends the reasoning of an earlier answer back in the field(s) this backend reads', async () => {
    const { glm, sim } = glmFor(target);
    const priorReasoning = 'The user wants a definition. Keep it short.';
    const messages: ModelMessage[] = [
      { role: 'user', content: QUESTION },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: priorReasoning },
          { type: 'text', text: 'A monad is a way to chain computations.' },
        ],
      },
      { role: 'user', content: 'Give an example.' },
    ];
    const result = await ask(glm, '', { messages });

    expect(result.errors).toEqual([]);
    const sent = messagesOf(bodyOf(sim, 0));
    expect(sent.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(sent[1].content).toBe('A monad is a way to chain computations.');
    expectReasoningIn(sent[1], target, priorReasoning);
  });

  it('answers through generateText too (non-streaming body in this backend’s shape)', async () => {
    const { glm, sim } = glmFor(target);
    const result = await generateText({ model: glm.model, prompt: QUESTION, maxRetries: 0 });
    expect(result.reasoningText).toContain(`The user asks: "${QUESTION}"`);
    expect(result.text).toMatch(/^## What is a monad/);
    expect(result.finishReason).toBe('stop');
    expect(result.usage.inputTokens).toBe(promptTokensFor(QUESTION));
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(bodyOf(sim, 0).stream).not.toBe(true);
  });
});

/*
 * REQUIRED: the interleaved-thinking round trip. Within a tool loop GLM must get its own reasoning back
 * on the assistant message that issued the tool calls, in the field its server reads.
 */
describe.each(ALL_TARGETS)('interleaved thinking round trip in a tool loop: $name', (target) => {
  it('the second request carries the first step’s reasoning on the assistant message with the tool_calls', async () => {
    const { glm, sim } = glmFor(target);
    const result = streamText({
      model: glm.model,
      prompt: '::tool calculator {"expression":"2+3"}\nWhat is 2+3?',
      tools: {
        calculator: tool({
          description: 'Evaluate an arithmetic expression',
          inputSchema: z.object({ expression: z.string() }),
          execute: async () => '5',
        }),
      },
      stopWhen: stepCountIs(3),
      maxRetries: 0,
      providerOptions: glm.providerOptions({ thinking: true }),
      onError: () => {},
    });
    const out = await collect(result);

    expect(out.errors).toEqual([]);
    expect(out.steps).toBe(2);
    expect(sim.requests).toHaveLength(2);
    const firstStepReasoning = out.stepReasoning[0];
    expect(firstStepReasoning).toContain('calculator');

    const second = messagesOf(bodyOf(sim, 1));
    const assistant = second.find((m) => m.role === 'assistant');
    const toolCalls = assistant?.tool_calls as Json[] | undefined;
    expect(toolCalls).toHaveLength(1);
    expect(toolCalls?.[0]).toMatchObject({
      type: 'function',
      function: { name: 'calculator', arguments: '{"expression":"2+3"}' },
    });
    expectReasoningIn(assistant, target, firstStepReasoning);

    const toolMessage = second.at(-1);
    expect(toolMessage).toMatchObject({ role: 'tool', tool_call_id: toolCalls?.[0].id });
    expect(String(toolMessage?.content)).toContain('5');
    // The second request keeps the thinking switch too.
    expect(bodyOf(sim, 1)).toMatchObject(target.thinkingOn);
    expect(out.text).toContain('5');
  });
});

describe('mirrorReasoningFields', () => {
  const body = {
    model: 'glm-4.7-flash',
    messages: [
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'a', reasoning_content: 'r1' },
      { role: 'assistant', content: 'b', reasoning: 'r2' },
      { role: 'assistant', content: 'c' },
      { role: 'assistant', content: 'd', reasoning_content: '' },
    ],
  };

  it('moves reasoning into exactly the fields of the dialect and leaves other messages alone', () => {
    const ollama = mirrorReasoningFields(body, getDialect('ollama')) as { messages: Json[] };
    expect(ollama.messages).toEqual([
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'a', reasoning: 'r1' },
      { role: 'assistant', content: 'b', reasoning: 'r2' },
      { role: 'assistant', content: 'c' },
      { role: 'assistant', content: 'd', reasoning_content: '' },
    ]);
    const vllm = mirrorReasoningFields(body, getDialect('vllm')) as { messages: Json[] };
    expect(vllm.messages[1]).toEqual({
      role: 'assistant',
      content: 'a',
      reasoning_content: 'r1',
      reasoning: 'r1',
    });
    const zai = mirrorReasoningFields(body, getDialect('zai')) as { messages: Json[] };
    expect(zai.messages[2]).toEqual({ role: 'assistant', content: 'b', reasoning_content: 'r2' });
  });

  it('does not mutate the body it is given', () => {
    const copy = structuredClone(body);
    mirrorReasoningFields(body, getDialect('cloudflare'));
    expect(body).toEqual(copy);
  });
});

it('every simulator flavour is covered', () => {
  expect(Object.keys(FLAVOUR_TARGETS).sort()).toEqual(['cloudflare', 'llamacpp', 'ollama', 'vllm', 'zai']);
});
