import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_SETTINGS } from '@/lib/chat/settings';
import { BIAS_JSON, fromDraft, SCHEMA_INVALID, SCHEMA_JSON, toDraft } from './settings-draft';

const draft = toDraft(DEFAULT_MODEL_SETTINGS);

describe('the settings form', () => {
  it('round-trips the defaults', () => {
    expect(fromDraft(draft)).toEqual({ ok: true, settings: DEFAULT_MODEL_SETTINGS });
  });

  it('reads empty optional numbers as "not set", lines as stop sequences, a tool as tool choice', () => {
    const result = fromDraft({
      ...draft,
      maxCompletionTokens: '',
      seed: ' 12 ',
      stop: 'END\r\n\nSTOP',
      toolChoice: 'tool:calculator',
      logitBias: '{"42": -5}',
    });
    expect(result.ok && result.settings).toMatchObject({
      maxCompletionTokens: null,
      seed: 12,
      stop: ['END', 'STOP'],
      toolChoice: { type: 'tool', toolName: 'calculator' },
      logitBias: { '42': -5 },
    });
  });

  it('names the field of each problem', () => {
    const result = fromDraft({ ...draft, temperature: '', n: '12', logitBias: '{"42": }' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.field).sort()).toEqual(['logitBias', 'n', 'temperature']);
    expect(result.issues.find((i) => i.field === 'logitBias')?.message).toMatch(
      new RegExp(`^${BIAS_JSON}line 1, column 8`),
    );
  });

  it('says what is wrong with a JSON Schema: not JSON, or not a JSON Schema', () => {
    const notJson = fromDraft({ ...draft, responseType: 'json_schema', schema: '{"type": }' });
    expect(!notJson.ok && notJson.issues[0].message).toMatch(new RegExp(`^${SCHEMA_JSON}line 1, column 10`));
    const notSchema = fromDraft({ ...draft, responseType: 'json_schema', schema: '{"type": "nope"}' });
    expect(!notSchema.ok && notSchema.issues[0].message.startsWith(SCHEMA_INVALID)).toBe(true);
    const good = fromDraft({ ...draft, responseType: 'json_schema', schemaName: 'answer' });
    expect(good.ok && good.settings.responseFormat).toMatchObject({
      type: 'json_schema',
      name: 'answer',
      strict: true,
    });
  });
});
