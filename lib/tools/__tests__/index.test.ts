/** The registry: order, availability, defaults, createBuiltinTools, and the tools inside the AI SDK loop. */

import { stepCountIs, streamText } from 'ai';
import { MockLanguageModelV3, simulateReadableStream } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { BUILTIN_TOOLS, createBuiltinTools, defaultBuiltinToolNames } from '@/lib/tools';
import { parseToolsConfig } from '@/lib/tools/config';

const ALL = ['calculator', 'current_time', 'run_javascript', 'fetch_url', 'web_search'];
const bare = parseToolsConfig({});
const full = parseToolsConfig({ TOOLS_FETCH_URL: 'true', SEARXNG_URL: 'http://127.0.0.1:8888' });

describe('BUILTIN_TOOLS', () => {
  it('lists the five tools in display order, each with a label and a description', () => {
    expect(BUILTIN_TOOLS.map((t) => t.name)).toEqual(ALL);
    for (const t of BUILTIN_TOOLS) {
      expect(t.label.length).toBeGreaterThan(0);
      expect(t.description.length).toBeGreaterThan(0);
    }
  });

  it('makes fetch_url and web_search available only when configured, with a reason otherwise', () => {
    const availability = Object.fromEntries(BUILTIN_TOOLS.map((t) => [t.name, t.available(bare)]));
    expect(availability.calculator).toEqual({ ok: true });
    expect(availability.fetch_url).toEqual({
      ok: false,
      reason: expect.stringContaining('TOOLS_FETCH_URL=true'),
    });
    expect(availability.web_search).toEqual({ ok: false, reason: expect.stringContaining('SEARXNG_URL') });
    expect(BUILTIN_TOOLS.every((t) => t.available(full).ok)).toBe(true);
  });

  it('turns calculator, current_time and run_javascript on by default, the others when available', () => {
    expect(defaultBuiltinToolNames(bare)).toEqual(['calculator', 'current_time', 'run_javascript']);
    expect(defaultBuiltinToolNames(full)).toEqual(ALL);
  });
});

describe('createBuiltinTools', () => {
  it('returns only the enabled and available tools, keyed by name', () => {
    expect(Object.keys(createBuiltinTools(full, ALL))).toEqual(ALL);
    expect(Object.keys(createBuiltinTools(bare, ALL))).toEqual([
      'calculator',
      'current_time',
      'run_javascript',
    ]);
    expect(Object.keys(createBuiltinTools(full, ['web_search', 'calculator', 'nope', 'mcp:x']))).toEqual([
      'calculator',
      'web_search',
    ]);
    expect(createBuiltinTools(full, [])).toEqual({});
  });

  it('gives every tool a description and a JSON schema the model can read', () => {
    for (const [name, t] of Object.entries(createBuiltinTools(full, ALL))) {
      expect(t.description, name).toBeTruthy();
      expect(typeof t.execute, name).toBe('function');
    }
  });

  it('applies the configured limits to run_javascript', async () => {
    const config = parseToolsConfig({ TOOLS_JS_TIMEOUT_MS: '200' });
    const runJs = createBuiltinTools(config, ['run_javascript']).run_javascript;
    const started = Date.now();
    const out = await runJs.execute?.({ code: 'for (;;) {}' }, { toolCallId: 'x', messages: [] });
    expect(out).toMatchObject({ error: 'timed out after 200 ms' });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

type CallOptions = Parameters<MockLanguageModelV3['doStream']>[0];
type StreamPart =
  Awaited<ReturnType<MockLanguageModelV3['doStream']>>['stream'] extends ReadableStream<infer T> ? T : never;

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 5, text: 5, reasoning: undefined },
};

/** A model that calls one tool, then answers with text that quotes the tool's output. */
function modelCalling(toolName: string, input: unknown): MockLanguageModelV3 {
  return new MockLanguageModelV3({
    doStream: async (options: CallOptions) => {
      const last = options.prompt.at(-1);
      let chunks: StreamPart[];
      if (last?.role === 'tool') {
        const part = last.content[0];
        const output = part.type === 'tool-result' ? JSON.stringify(part.output) : 'none';
        chunks = [
          { type: 'stream-start', warnings: [] },
          { type: 'text-start', id: 't1' },
          { type: 'text-delta', id: 't1', delta: `The tool said ${output}` },
          { type: 'text-end', id: 't1' },
          { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
        ];
      } else {
        chunks = [
          { type: 'stream-start', warnings: [] },
          { type: 'tool-call', toolCallId: 'call-1', toolName, input: JSON.stringify(input) },
          { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage },
        ];
      }
      return { stream: simulateReadableStream({ chunks }) };
    },
  });
}

describe('inside the AI SDK loop (streamText with a mock model)', () => {
  it('runs the calculator on the model’s call and feeds the result back for the answer', async () => {
    const model = modelCalling('calculator', { expression: '2^64' });
    const result = streamText({
      model,
      tools: createBuiltinTools(bare, ['calculator', 'current_time']),
      stopWhen: stepCountIs(3),
      prompt: 'What is 2^64?',
    });
    const parts: string[] = [];
    for await (const part of result.fullStream) parts.push(part.type);
    expect(parts).toContain('tool-call');
    expect(parts).toContain('tool-result');

    const steps = await result.steps;
    expect(steps).toHaveLength(2);
    expect(steps[0].toolResults[0]).toMatchObject({
      toolName: 'calculator',
      input: { expression: '2^64' },
      output: { expression: '2^64', result: '18446744073709551616', type: 'number' },
    });
    expect(await result.text).toContain('18446744073709551616');
    // The model saw both tools, with their JSON schemas.
    const offered = model.doStreamCalls[0].tools?.map((t) => t.name);
    expect(offered).toEqual(['calculator', 'current_time']);
  });

  it('turns a refused input into a tool error the model can read, and the turn goes on', async () => {
    const result = streamText({
      model: modelCalling('calculator', { expression: '9^9^9^9' }),
      tools: createBuiltinTools(bare, ['calculator']),
      stopWhen: stepCountIs(3),
      prompt: 'Compute 9^9^9^9',
    });
    const errors: unknown[] = [];
    for await (const part of result.fullStream) if (part.type === 'tool-error') errors.push(part.error);
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(/too large to represent/);
    expect(await result.text).toMatch(/The tool said .*too large to represent/);
  });
});
