import { describe, expect, it } from 'vitest';
import { checkJsonAnswer } from '@/lib/chat/json-answer';
import { DEFAULT_MODEL_SETTINGS, parseModelSettings, readStoredSettings } from '@/lib/chat/settings';

const bad = (patch: Record<string, unknown>) => {
  const result = parseModelSettings({ ...DEFAULT_MODEL_SETTINGS, ...patch });
  if (result.ok) throw new Error('expected a refusal');
  return result.issues[0];
};

describe('model settings schema', () => {
  it('starts from the documented app defaults', () => {
    expect(DEFAULT_MODEL_SETTINGS).toMatchObject({
      temperature: 1,
      topP: 0.95,
      systemPrompt: '',
      maxCompletionTokens: null,
      n: 1,
      logprobs: false,
      thinking: true,
      responseFormat: { type: 'text' },
      toolChoice: 'auto',
      parallelToolCalls: true,
    });
  });

  it.each([
    [{ temperature: 2.5 }, 'temperature', 'Temperature must be between 0 and 2'],
    [{ topP: -0.1 }, 'topP', 'Top P must be between 0 and 1'],
    [
      { maxCompletionTokens: 0 },
      'maxCompletionTokens',
      'Max completion tokens must be between 1 and 131,072',
    ],
    [
      { maxCompletionTokens: 200_000 },
      'maxCompletionTokens',
      'Max completion tokens must be between 1 and 131,072',
    ],
    [{ frequencyPenalty: 3 }, 'frequencyPenalty', 'Frequency penalty must be between -2 and 2'],
    [{ presencePenalty: -2.5 }, 'presencePenalty', 'Presence penalty must be between -2 and 2'],
    [{ seed: 1.5 }, 'seed', 'Seed must be a whole number'],
    [{ stop: ['a', 'b', 'c', 'd', 'e'] }, 'stop', 'Stop sequences: at most 4'],
    [{ topLogprobs: 21 }, 'topLogprobs', 'Top logprobs must be between 0 and 20'],
    [{ n: 9 }, 'n', 'Choices (n) must be between 1 and 8'],
    [{ logitBias: { '12': 101 } }, 'logitBias', 'Logit bias must be between -100 and 100'],
    [{ logitBias: { abc: 1 } }, 'logitBias', 'Logit bias keys must be token ids'],
    [{ reasoningEffort: 'extreme' }, 'reasoningEffort', 'Reasoning effort must be low, medium or high'],
  ])('refuses %j naming the field and its range', (patch, field, message) => {
    const issue = bad(patch);
    expect(issue.field).toBe(field);
    expect(issue.message).toContain(message);
  });

  it('validates a json_schema as JSON Schema (draft-07 meta-schema)', () => {
    const issue = bad({
      responseFormat: {
        type: 'json_schema',
        name: 'x',
        schema: { type: 'object', properties: { a: { type: 'nope' } } },
        strict: true,
      },
    });
    expect(issue.field).toBe('responseFormat');
    expect(issue.message).toMatch(/Schema is not a valid JSON Schema: .*properties\/a/);
    expect(
      parseModelSettings({
        ...DEFAULT_MODEL_SETTINGS,
        responseFormat: {
          type: 'json_schema',
          name: 'x',
          schema: { type: 'object', properties: { a: { type: 'string' } } },
        },
      }).ok,
    ).toBe(true);
  });

  it('refuses unknown settings', () => {
    expect(bad({ temprature: 1 }).message).toContain('Unknown setting: temprature');
  });

  it('reads stored settings leniently: a bad field falls back, the rest is kept', () => {
    const read = readStoredSettings({ temperature: 9, topP: 0.5, systemPrompt: 'Hi' });
    expect(read.temperature).toBe(1);
    expect(read.topP).toBe(0.5);
    expect(read.systemPrompt).toBe('Hi');
  });
});

describe('JSON answers', () => {
  const schema = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] };
  it('checks parse and schema', () => {
    expect(checkJsonAnswer('{"a":"x"}', { type: 'json_object' })).toEqual({
      format: 'json_object',
      valid: true,
    });
    expect(
      checkJsonAnswer('```json\n{"a":"x"}\n```', { type: 'json_schema', name: 's', schema, strict: true }),
    ).toEqual({
      format: 'json_schema',
      valid: true,
      schemaValid: true,
    });
    expect(
      checkJsonAnswer('{"a":1}', { type: 'json_schema', name: 's', schema, strict: true }),
    ).toMatchObject({
      valid: true,
      schemaValid: false,
    });
    expect(checkJsonAnswer('{"a":', { type: 'json_object' })).toMatchObject({ valid: false });
    expect(checkJsonAnswer('hello', { type: 'text' })).toBeUndefined();
  });
});

describe('JSON errors in the settings panel', () => {
  it('say the line and column, whatever the browser’s message', async () => {
    const { jsonErrorAt } = await import('@/components/settings/settings-draft');
    const where = (src: string) => {
      try {
        JSON.parse(src);
        return 'valid';
      } catch (error) {
        return jsonErrorAt(src, error).split(':')[0];
      }
    };
    expect(where('{\n  "type": "object",\n  "properties": }')).toBe('line 3, column 17');
    expect(where('{"a": [1, 2,]}')).toBe('line 1, column 13');
    expect(where('{"a": 1} x')).toBe('line 1, column 10');
    expect(where('{"a": 1}')).toBe('valid');
  });
});
