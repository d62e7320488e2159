/**
 * Model settings end to end on the server: a turn through the real provider (createGlm →
 * @ai-sdk/openai-compatible → streamText) against the simulator in the zai and vllm flavours. What
 * reached the wire is read from the simulator's request log; what was stored from SQLite.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '@/db/__tests__/fixture';
import type { Db } from '@/db/client';
import { messages } from '@/db/schema';
import { activeStreams } from '@/lib/chat/active-streams';
import { DEFAULT_MODEL_SETTINGS, type ModelSettings, modelSettingsSchema } from '@/lib/chat/settings';
import { toolsForTurn } from '@/lib/chat/tools';
import { runTurn, stopTurn } from '@/lib/chat/turn';
import type { ChatMessageMetadata } from '@/lib/chat/types';
import { parseConfig } from '@/lib/config';
import { createGlm } from '@/lib/glm/provider';
import { createSimulator, type GlmSimulator } from '@/lib/glm/simulator';

const OWNER = 'owner-a';
let db: Db;
let cleanup: () => void;
let simulator: GlmSimulator;

beforeEach(() => {
  ({ db, cleanup } = freshDb({ owners: [OWNER], prefix: 'glm-chat-settings-' }));
});
afterEach(() => cleanup());

type Flavour = 'zai' | 'vllm';

function glmFor(flavour: Flavour) {
  simulator = createSimulator({ flavour, tokensPerSecond: 0 });
  return createGlm(parseConfig({ GLM_PROVIDER: 'simulator', SIMULATOR_FLAVOUR: flavour }), {
    fetch: simulator.fetch,
  });
}

async function turn(flavour: Flavour, settings: ModelSettings, text = 'Tell me about SQLite', tools = {}) {
  const conversationId = `conv-${Math.random().toString(36).slice(2, 12)}`;
  const response = await runTurn({
    db,
    glm: glmFor(flavour),
    ownerId: OWNER,
    conversationId,
    ask: {
      kind: 'submit',
      message: {
        id: `user-${Math.random().toString(36).slice(2, 12)}`,
        role: 'user',
        parts: [{ type: 'text', text }],
      },
    },
    settings,
    tools,
    maxRetries: 0,
  });
  await response.text();
  await activeStreams().get(conversationId)?.done;
  const rows = db
    .select()
    .from(messages)
    .all()
    .filter((m) => m.conversationId === conversationId);
  const body = simulator.requests.at(-1)?.body as Record<string, unknown>;
  return { rows, body };
}

const settings = (patch: Partial<ModelSettings>): ModelSettings =>
  modelSettingsSchema.parse({ ...DEFAULT_MODEL_SETTINGS, ...patch });

const EVERYTHING = settings({
  systemPrompt: 'You are terse.',
  temperature: 0.3,
  topP: 0.5,
  maxCompletionTokens: 2048,
  frequencyPenalty: 0.5,
  presencePenalty: -0.25,
  seed: 42,
  stop: ['END'],
  reasoningEffort: 'high',
  logprobs: true,
  topLogprobs: 3,
  logitBias: { '1234': -100, '99': 5 },
  parallelToolCalls: false,
  toolChoice: 'required',
});

describe('settings on the wire', () => {
  it('vllm: every parameter under its OpenAI name, max_completion_tokens, reasoning_effort, tool_choice', async () => {
    const tools = await toolsForTurn(['calculator']);
    const { body } = await turn('vllm', { ...EVERYTHING, n: 2 }, 'Tell me about SQLite', tools);
    expect(body).toMatchObject({
      temperature: 0.3,
      top_p: 0.5,
      max_completion_tokens: 2048,
      frequency_penalty: 0.5,
      presence_penalty: -0.25,
      seed: 42,
      stop: ['END'],
      reasoning_effort: 'high',
      logprobs: true,
      top_logprobs: 3,
      n: 2,
      logit_bias: { '1234': -100, '99': 5 },
      parallel_tool_calls: false,
      tool_choice: 'required',
      chat_template_kwargs: { enable_thinking: true },
    });
    expect(body).not.toHaveProperty('max_tokens');
    const sent = body.messages as { role: string; content: unknown }[];
    expect(sent[0]).toEqual({ role: 'system', content: 'You are terse.' });
  });

  it('zai: max_tokens, one stop word, no reasoning_effort, thinking.type; says what it did not send', async () => {
    const { body, rows } = await turn('zai', { ...EVERYTHING, stop: ['END', 'STOP'], toolChoice: 'auto' });
    expect(body).toMatchObject({
      temperature: 0.3,
      top_p: 0.5,
      max_tokens: 2048,
      frequency_penalty: 0.5,
      presence_penalty: -0.25,
      seed: 42,
      stop: ['END'],
      logprobs: true,
      top_logprobs: 3,
      logit_bias: { '1234': -100, '99': 5 },
      thinking: { type: 'enabled' },
    });
    expect(body).not.toHaveProperty('max_completion_tokens');
    expect(body).not.toHaveProperty('reasoning_effort');
    expect(body).not.toHaveProperty('tool_choice');
    const answer = rows.find((r) => r.role === 'assistant');
    expect(answer?.metadata.settingsWarnings).toEqual([
      { key: 'settingsStopLimit', values: { backend: 'Z.ai', count: 1 } },
      { key: 'settingsNotTaken', values: { backend: 'Z.ai', param: 'reasoning_effort' } },
    ]);
  });

  it('the app defaults: temperature 1 and top_p 0.95, nothing else', async () => {
    for (const flavour of ['zai', 'vllm'] as const) {
      const { body } = await turn(flavour, DEFAULT_MODEL_SETTINGS);
      expect(body.temperature).toBe(1);
      expect(body.top_p).toBe(0.95);
      for (const key of [
        'n',
        'logprobs',
        'seed',
        'stop',
        'max_tokens',
        'max_completion_tokens',
        'response_format',
        'logit_bias',
      ]) {
        expect(body, key).not.toHaveProperty(key);
      }
    }
  });

  it('json_schema: sent as json_schema to vllm, as json_object to zai (with a warning)', async () => {
    const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
    const format = { type: 'json_schema' as const, name: 'place', schema, strict: true };
    const vllm = await turn('vllm', settings({ responseFormat: format }));
    expect(vllm.body.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'place', schema, strict: true },
    });
    const zai = await turn('zai', settings({ responseFormat: format }));
    expect(zai.body.response_format).toEqual({ type: 'json_object' });
  });
});

describe('n choices, logprobs and JSON answers', () => {
  for (const flavour of ['zai', 'vllm'] as const) {
    it(`${flavour}: n = 3 stores three sibling answers; the first stays the active one`, async () => {
      const { rows, body } = await turn(flavour, settings({ n: 3 }));
      expect(body.n).toBe(3);
      const question = rows.find((r) => r.role === 'user');
      const answers = rows.filter((r) => r.role === 'assistant');
      expect(answers).toHaveLength(3);
      expect(new Set(answers.map((a) => a.parentId))).toEqual(new Set([question?.id]));
      expect(answers.map((a) => a.status)).toEqual(['complete', 'complete', 'complete']);
      const byChoice = answers.map((a) => (a.metadata as ChatMessageMetadata).choice);
      expect(byChoice).toEqual([
        { index: 0, of: 3 },
        { index: 1, of: 3 },
        { index: 2, of: 3 },
      ]);
      expect(answers[1].content).toMatch(/^\*\*Version 2\.\*\*/);
      expect(answers[2].content).toMatch(/^\*\*Version 3\.\*\*/);
      expect(answers[1].parts.some((p) => p.type === 'reasoning')).toBe(true);
      expect(answers[0].content).not.toContain('Version');
    });
  }

  it('logprobs: the answer tokens with their alternatives are kept in the metadata', async () => {
    const { rows } = await turn('vllm', settings({ logprobs: true, topLogprobs: 2 }));
    const answer = rows.find((r) => r.role === 'assistant');
    const logprobs = answer?.metadata.logprobs ?? [];
    expect(logprobs.length).toBeGreaterThan(10);
    expect(logprobs.map((t) => t.t).join('')).toBe(answer?.content);
    expect(logprobs[0].top).toHaveLength(2);
    expect(logprobs[0].top?.[0].t).toBe(logprobs[0].t);
  });

  it('json_schema: a conforming answer is valid; ::invalid-json is reported as not JSON', async () => {
    const schema = {
      type: 'object',
      properties: { city: { type: 'string' }, people: { type: 'integer', minimum: 100 } },
      required: ['city', 'people'],
    };
    const format = { type: 'json_schema' as const, name: 'place', schema, strict: true };
    const good = await turn('vllm', settings({ responseFormat: format }));
    const answer = good.rows.find((r) => r.role === 'assistant');
    expect(JSON.parse(answer?.content ?? '')).toMatchObject({ people: 100 });
    expect(answer?.metadata.json).toEqual({ format: 'json_schema', valid: true, schemaValid: true });
    const bad = await turn('vllm', settings({ responseFormat: format }), '::invalid-json\nWhere?');
    const broken = bad.rows.find((r) => r.role === 'assistant');
    expect(broken?.metadata.json).toMatchObject({ format: 'json_schema', valid: false, schemaValid: false });
  });
});

describe('n choices when the answer is stopped', () => {
  it('the versions that had not finished are kept as stopped, beside the stopped answer', async () => {
    simulator = createSimulator({ flavour: 'vllm', tokensPerSecond: 200 });
    const glm = createGlm(parseConfig({ GLM_PROVIDER: 'simulator', SIMULATOR_FLAVOUR: 'vllm' }), {
      fetch: simulator.fetch,
    });
    const conversationId = 'conv-stopped-n';
    const response = await runTurn({
      db,
      glm,
      ownerId: OWNER,
      conversationId,
      ask: {
        kind: 'submit',
        message: {
          id: 'user-stopped-n-1',
          role: 'user',
          parts: [{ type: 'text', text: '::long 400\nGo on' }],
        },
      },
      settings: settings({ n: 2 }),
      maxRetries: 0,
    });
    const reader = response.body?.getReader();
    const decoder = new TextDecoder();
    let seen = '';
    while (!seen.includes('"type":"text-delta"')) {
      const { value, done } = (await reader?.read()) ?? { done: true };
      if (done) break;
      seen += decoder.decode(value);
    }
    expect(await stopTurn(OWNER, conversationId)).toBe(true);
    await reader?.cancel();
    await activeStreams().get(conversationId)?.done;
    const answers = db
      .select()
      .from(messages)
      .all()
      .filter((m) => m.conversationId === conversationId && m.role === 'assistant');
    expect(answers.map((a) => a.status)).toEqual(['stopped', 'stopped']);
    expect(answers[1].metadata.choice).toEqual({ index: 1, of: 2 });
    expect(answers[1].parts.length).toBeGreaterThan(1);
  });
});
