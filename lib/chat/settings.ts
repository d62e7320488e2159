import { Validator } from '@cfworker/json-schema';
import { z } from 'zod';
import draft07 from './json-schema-draft-07.json';

/**
 * A conversation's model settings: one zod schema for the browser (the settings panel shows each
 * issue next to its field) and the server (a 400 naming the field and its range). Ranges are the
 * model's API page (`shared/reference/glm-4.7-flash-model-page.txt`); `n` is capped at 8 here (the page
 * allows 128) because each choice becomes a stored version of the answer.
 */

/** The most tokens GLM-4.7-Flash writes in one answer (Z.ai: 128K output). */
export const MAX_COMPLETION_TOKENS = 131_072;
export const MAX_SYSTEM_PROMPT_CHARS = 20_000;
export const MAX_SCHEMA_CHARS = 16_000;
export const MAX_STOP_SEQUENCES = 4;
export const MAX_LOGIT_BIAS_ENTRIES = 300;
export const REASONING_EFFORTS = ['low', 'medium', 'high'] as const;
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

/** Human labels, also used to name the field in error messages. */
export const SETTING_LABELS = {
  systemPrompt: 'System prompt',
  temperature: 'Temperature',
  topP: 'Top P',
  maxCompletionTokens: 'Max completion tokens',
  frequencyPenalty: 'Frequency penalty',
  presencePenalty: 'Presence penalty',
  seed: 'Seed',
  stop: 'Stop sequences',
  thinking: 'Thinking',
  reasoningEffort: 'Reasoning effort',
  responseFormat: 'Response format',
  toolChoice: 'Tool choice',
  parallelToolCalls: 'Parallel tool calls',
  logprobs: 'Log probabilities',
  topLogprobs: 'Top logprobs',
  n: 'Choices (n)',
  logitBias: 'Logit bias',
} as const;
export type SettingField = keyof typeof SETTING_LABELS;

const range = (field: string, min: number, max: number) =>
  `${field} must be between ${min.toLocaleString('en')} and ${max.toLocaleString('en')}`;

const number = (field: string, min: number, max: number) =>
  z
    .number({ error: `${field} must be a number between ${min} and ${max}` })
    .min(min, range(field, min, max))
    .max(max, range(field, min, max));

const integer = (field: string, min: number, max: number) =>
  number(field, min, max).int(`${field} must be a whole number between ${min} and ${max}`);

const metaValidator = new Validator(draft07 as Record<string, unknown>, '7', false);

/** Problems of a JSON Schema against the draft-07 meta-schema (no `eval`: the page's CSP forbids it). */
export function jsonSchemaProblems(schema: unknown): string[] {
  const result = metaValidator.validate(schema);
  if (result.valid) return [];
  // The deepest error says most; the rest are "a subschema had errors".
  const specific = result.errors.filter((e) => !/subschema|does not match schema/i.test(e.error));
  return (specific.length ? specific : result.errors)
    .slice(0, 3)
    .map((e) => `${e.instanceLocation.replace(/^#/, '') || '/'}: ${e.error}`);
}

const toolNameSchema = z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'Tool choice must name a tool');

export const jsonSchemaFormatSchema = z.object({
  type: z.literal('json_schema'),
  name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Schema name must be 1–64 letters, digits, _ or -'),
  schema: z
    .record(z.string(), z.unknown(), { error: 'Schema must be a JSON object' })
    .superRefine((schema, ctx) => {
      if (JSON.stringify(schema).length > MAX_SCHEMA_CHARS) {
        ctx.addIssue({
          code: 'custom',
          message: `Schema must be at most ${MAX_SCHEMA_CHARS.toLocaleString('en')} characters`,
        });
        return;
      }
      const problems = jsonSchemaProblems(schema);
      if (problems.length) {
        ctx.addIssue({
          code: 'custom',
          message: `Schema is not a valid JSON Schema: ${problems.join('; ')}`,
        });
      }
    }),
  strict: z.boolean().default(true),
});

export const responseFormatSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('text') }),
    z.object({ type: z.literal('json_object') }),
    jsonSchemaFormatSchema,
  ],
  { error: 'Response format must be text, json_object or json_schema' },
);
export type ResponseFormat = z.infer<typeof responseFormatSchema>;

export const toolChoiceSchema = z.union(
  [z.enum(['auto', 'none', 'required']), z.object({ type: z.literal('tool'), toolName: toolNameSchema })],
  { error: 'Tool choice must be auto, none, required or one tool' },
);
export type ToolChoiceSetting = z.infer<typeof toolChoiceSchema>;

export const modelSettingsSchema = z
  .object({
    systemPrompt: z
      .string()
      .max(
        MAX_SYSTEM_PROMPT_CHARS,
        `System prompt must be at most ${MAX_SYSTEM_PROMPT_CHARS.toLocaleString('en')} characters`,
      )
      .default(''),
    temperature: number('Temperature', 0, 2).default(1),
    topP: number('Top P', 0, 1).default(0.95),
    /** null: the backend's own limit. */
    maxCompletionTokens: integer('Max completion tokens', 1, MAX_COMPLETION_TOKENS).nullable().default(null),
    frequencyPenalty: number('Frequency penalty', -2, 2).nullable().default(null),
    presencePenalty: number('Presence penalty', -2, 2).nullable().default(null),
    seed: integer('Seed', -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER).nullable().default(null),
    stop: z
      .array(
        z
          .string()
          .min(1, 'Stop sequences must not be empty')
          .max(64, 'Stop sequences: at most 64 characters each'),
      )
      .max(MAX_STOP_SEQUENCES, `Stop sequences: at most ${MAX_STOP_SEQUENCES}`)
      .default([]),
    thinking: z.boolean().default(true),
    /** null: the backend's default effort. */
    reasoningEffort: z
      .enum(REASONING_EFFORTS, { error: 'Reasoning effort must be low, medium or high' })
      .nullable()
      .default(null),
    responseFormat: responseFormatSchema.default({ type: 'text' }),
    toolChoice: toolChoiceSchema.default('auto'),
    parallelToolCalls: z.boolean().default(true),
    logprobs: z.boolean().default(false),
    topLogprobs: integer('Top logprobs', 0, 20).default(0),
    n: integer('Choices (n)', 1, 8).default(1),
    logitBias: z
      .unknown()
      // Checked on the raw object: a `__proto__` key would not survive into the parsed record.
      .refine(
        (raw) => !(raw && typeof raw === 'object' && Object.keys(raw).some((key) => !/^\d{1,7}$/.test(key))),
        'Logit bias keys must be token ids (whole numbers)',
      )
      .pipe(z.record(z.string(), number('Logit bias', -100, 100)))
      .superRefine((bias, ctx) => {
        const keys = Object.keys(bias);
        if (keys.some((key) => !/^\d{1,7}$/.test(key))) {
          ctx.addIssue({ code: 'custom', message: 'Logit bias keys must be token ids (whole numbers)' });
        }
        if (keys.length > MAX_LOGIT_BIAS_ENTRIES) {
          ctx.addIssue({ code: 'custom', message: `Logit bias: at most ${MAX_LOGIT_BIAS_ENTRIES} tokens` });
        }
      })
      .default({}),
  })
  .strict();

export type ModelSettings = z.infer<typeof modelSettingsSchema>;
export type ModelSettingsInput = z.input<typeof modelSettingsSchema>;

/** The documented app defaults (temperature 1.0 and top_p 0.95, Z.ai's recommendation for chat). */
export const DEFAULT_MODEL_SETTINGS: ModelSettings = modelSettingsSchema.parse({});

export type SettingsIssue = { field: SettingField | 'settings'; path: string; message: string };

/** The issues of a settings object, each with the field it belongs to and a message naming it. */
export function settingsIssues(error: z.ZodError): SettingsIssue[] {
  return error.issues.map((issue) => {
    const first = issue.path[0];
    const field = typeof first === 'string' && first in SETTING_LABELS ? (first as SettingField) : 'settings';
    const path = issue.path.map(String).join('.');
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') message = `Unknown setting: ${issue.keys.join(', ')}`;
    else if (field !== 'settings' && !message.includes(SETTING_LABELS[field].split(' ')[0])) {
      message = `${SETTING_LABELS[field]}: ${message}`;
    }
    return { field, path, message };
  });
}

export type SettingsParse = { ok: true; settings: ModelSettings } | { ok: false; issues: SettingsIssue[] };

export function parseModelSettings(value: unknown): SettingsParse {
  const parsed = modelSettingsSchema.safeParse(value);
  return parsed.success
    ? { ok: true, settings: parsed.data }
    : { ok: false, issues: settingsIssues(parsed.error) };
}

/**
 * Stored settings (maybe written by an older version, maybe partly invalid) read leniently: every
 * valid field is kept, every invalid one falls back to `base`.
 */
export function readStoredSettings(
  value: unknown,
  base: ModelSettings = DEFAULT_MODEL_SETTINGS,
): ModelSettings {
  if (!value || typeof value !== 'object') return base;
  const parsed = modelSettingsSchema.safeParse({ ...base, ...value });
  if (parsed.success) return parsed.data;
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  const kept = Object.fromEntries(
    Object.entries(value).filter(([key]) => key in SETTING_LABELS && !bad.has(key)),
  );
  const retry = modelSettingsSchema.safeParse({ ...base, ...kept });
  return retry.success ? retry.data : base;
}

/** Validates a JSON answer against a schema (for the badge under a JSON answer). */
export function validateAgainstSchema(value: unknown, schema: Record<string, unknown>): string[] {
  try {
    const result = new Validator(schema, '7', false).validate(value);
    if (result.valid) return [];
    const specific = result.errors.filter((e) => !/subschema|does not match schema/i.test(e.error));
    return (specific.length ? specific : result.errors)
      .slice(0, 3)
      .map((e) => `${e.instanceLocation.replace(/^#/, '') || '/'}: ${e.error}`);
  } catch (error) {
    return [error instanceof Error ? error.message : 'The schema could not be used'];
  }
}
