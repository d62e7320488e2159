import {
  jsonSchemaProblems,
  type ModelSettings,
  parseModelSettings,
  type SettingField,
  type SettingsIssue,
} from '@/lib/chat/settings';

/** The settings panel's form values: what the inputs hold, as text where the input is text. */
export interface SettingsDraft {
  systemPrompt: string;
  temperature: string;
  topP: string;
  maxCompletionTokens: string;
  frequencyPenalty: string;
  presencePenalty: string;
  seed: string;
  /** One stop sequence per line. */
  stop: string;
  thinking: boolean;
  reasoningEffort: '' | 'low' | 'medium' | 'high';
  responseType: 'text' | 'json_object' | 'json_schema';
  schemaName: string;
  /** The JSON Schema, as JSON text. */
  schema: string;
  strict: boolean;
  /** auto | none | required | tool:NAME */
  toolChoice: string;
  parallelToolCalls: boolean;
  logprobs: boolean;
  topLogprobs: string;
  n: string;
  /** `{"token id": bias}` as JSON text. */
  logitBias: string;
}

const text = (value: number | null) => (value === null ? '' : String(value));

export function toDraft(settings: ModelSettings): SettingsDraft {
  const format = settings.responseFormat;
  return {
    systemPrompt: settings.systemPrompt,
    temperature: String(settings.temperature),
    topP: String(settings.topP),
    maxCompletionTokens: text(settings.maxCompletionTokens),
    frequencyPenalty: text(settings.frequencyPenalty),
    presencePenalty: text(settings.presencePenalty),
    seed: text(settings.seed),
    stop: settings.stop.join('\n'),
    thinking: settings.thinking,
    reasoningEffort: settings.reasoningEffort ?? '',
    responseType: format.type,
    schemaName: format.type === 'json_schema' ? format.name : 'answer',
    schema:
      format.type === 'json_schema'
        ? JSON.stringify(format.schema, null, 2)
        : '{\n  "type": "object",\n  "properties": {\n    "answer": { "type": "string" }\n  },\n  "required": ["answer"]\n}',
    strict: format.type === 'json_schema' ? format.strict : true,
    toolChoice:
      typeof settings.toolChoice === 'string' ? settings.toolChoice : `tool:${settings.toolChoice.toolName}`,
    parallelToolCalls: settings.parallelToolCalls,
    logprobs: settings.logprobs,
    topLogprobs: String(settings.topLogprobs),
    n: String(settings.n),
    logitBias: Object.keys(settings.logitBias).length ? JSON.stringify(settings.logitBias) : '',
  };
}

/** A number from an input: '' is null (the backend's default) where the field may be empty. */
function numberOf(value: string, nullable: boolean): number | null {
  const trimmed = value.trim();
  if (trimmed === '') return nullable ? null : Number.NaN;
  return Number(trimmed);
}

/**
 * Where JSON text first goes wrong, as an offset: a small scanner run only after JSON.parse failed
 * (browsers' messages do not all say where).
 */
export function jsonErrorOffset(source: string): number {
  let i = 0;
  const ws = () => {
    while (i < source.length && ' \t\n\r'.includes(source[i])) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (source[i] !== ch) fail();
      i++;
    }
  };
  const string = () => {
    i++;
    while (i < source.length && source[i] !== '"') {
      if (source[i] === '\\') i++;
      else if (source.charCodeAt(i) < 0x20) fail();
      i++;
    }
    if (i >= source.length) fail();
    i++;
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(source.slice(i));
    if (!match || match[0] === '' || match[0] === '-') fail();
    i += (match as RegExpExecArray)[0].length;
  };
  const value = (): void => {
    ws();
    const ch = source[i];
    if (ch === '{') {
      i++;
      ws();
      if (source[i] === '}') return void i++;
      for (;;) {
        ws();
        if (source[i] !== '"') fail();
        string();
        ws();
        if (source[i] !== ':') fail();
        i++;
        value();
        ws();
        if (source[i] === ',') i++;
        else if (source[i] === '}') return void i++;
        else fail();
      }
    }
    if (ch === '[') {
      i++;
      ws();
      if (source[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (source[i] === ',') i++;
        else if (source[i] === ']') return void i++;
        else fail();
      }
    }
    if (ch === '"') {
      string();
      return;
    }
    if (ch === 't') {
      literal('true');
      return;
    }
    if (ch === 'f') {
      literal('false');
      return;
    }
    if (ch === 'n') {
      literal('null');
      return;
    }
    number();
  };
  try {
    value();
    ws();
    return i < source.length ? i : -1;
  } catch (at) {
    return typeof at === 'number' ? at : 0;
  }
}

/** A JSON.parse error with where it is, as "line L, column C". */
export function jsonErrorAt(source: string, error: unknown): string {
  const message = (error instanceof Error ? error.message : 'Invalid JSON').split('\n')[0];
  const offset = jsonErrorOffset(source);
  if (offset < 0) return message;
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}: ${message}`;
}

/** How the draft's own JSON errors start (the panel translates them by these prefixes). */
export const SCHEMA_JSON = 'Schema is not valid JSON: ';
export const BIAS_JSON = 'Logit bias is not valid JSON: ';
export const SCHEMA_INVALID = 'Schema is not a valid JSON Schema: ';

export type DraftResult = { ok: true; settings: ModelSettings } | { ok: false; issues: SettingsIssue[] };

/** The draft as settings, through the same zod schema the server uses. */
export function fromDraft(draft: SettingsDraft): DraftResult {
  const jsonIssues: SettingsIssue[] = [];
  const parseJson = (field: SettingField, source: string, fallback: unknown, prefix: string): unknown => {
    if (source.trim() === '') return fallback;
    try {
      return JSON.parse(source);
    } catch (error) {
      jsonIssues.push({
        field,
        path: field,
        message: `${prefix}${jsonErrorAt(source, error)}`,
      });
      return fallback;
    }
  };
  const schema =
    draft.responseType === 'json_schema'
      ? parseJson('responseFormat', draft.schema, {}, SCHEMA_JSON)
      : undefined;
  // The schema's own problems, said here with the validator's words (before the union's verdict).
  if (
    draft.responseType === 'json_schema' &&
    schema &&
    typeof schema === 'object' &&
    !Array.isArray(schema)
  ) {
    const problems = jsonSchemaProblems(schema);
    if (problems.length) {
      jsonIssues.push({
        field: 'responseFormat',
        path: 'responseFormat.schema',
        message: `${SCHEMA_INVALID}${problems.join('; ')}`,
      });
    }
  }
  const logitBias = parseJson('logitBias', draft.logitBias, {}, BIAS_JSON);
  const toolChoice = draft.toolChoice.startsWith('tool:')
    ? { type: 'tool' as const, toolName: draft.toolChoice.slice(5) }
    : draft.toolChoice;
  const candidate = {
    systemPrompt: draft.systemPrompt,
    temperature: numberOf(draft.temperature, false),
    topP: numberOf(draft.topP, false),
    maxCompletionTokens: numberOf(draft.maxCompletionTokens, true),
    frequencyPenalty: numberOf(draft.frequencyPenalty, true),
    presencePenalty: numberOf(draft.presencePenalty, true),
    seed: numberOf(draft.seed, true),
    stop: draft.stop
      .split('\n')
      .map((line) => line.replace(/\r$/, ''))
      .filter((line) => line !== ''),
    thinking: draft.thinking,
    reasoningEffort: draft.reasoningEffort === '' ? null : draft.reasoningEffort,
    responseFormat:
      draft.responseType === 'json_schema'
        ? { type: 'json_schema', name: draft.schemaName, schema, strict: draft.strict }
        : { type: draft.responseType },
    toolChoice,
    parallelToolCalls: draft.parallelToolCalls,
    logprobs: draft.logprobs,
    topLogprobs: numberOf(draft.topLogprobs, false),
    n: numberOf(draft.n, false),
    logitBias,
  };
  const parsed = parseModelSettings(candidate);
  if (jsonIssues.length) {
    const others = parsed.ok ? [] : parsed.issues.filter((i) => !jsonIssues.some((j) => j.field === i.field));
    return { ok: false, issues: [...jsonIssues, ...others] };
  }
  return parsed;
}
