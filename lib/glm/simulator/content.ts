/** Deterministic text the simulated model "writes": reasoning, markdown answers, long answers. */

import { hashString } from './random';
import type { ToolResult } from './request';
import { tokenize } from './tokens';

const FALLBACK_QUESTION = 'your message';

function shorten(text: string, maxCodePoints: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const codePoints = Array.from(oneLine);
  if (codePoints.length <= maxCodePoints) return oneLine;
  return `${codePoints.slice(0, maxCodePoints).join('').trimEnd()}…`;
}

function subject(question: string): string {
  return question.trim() === '' ? FALLBACK_QUESTION : shorten(question, 80);
}

const REASONING_CLOSERS = [
  'A heading, a short list, a TypeScript snippet and a small table should cover it.',
  'I will keep it concise and end with a compact table that sums it up.',
  'Structure matters here, so I will use a heading, bullets, code and a table.',
  'Let me lay out the key points first, then show a tiny code example.',
];

/** 2–4 sentences (≈40–80 tokens) that mention the question. */
export function defaultReasoning(question: string): string {
  const s = subject(question);
  const closer = REASONING_CLOSERS[hashString(question) % REASONING_CLOSERS.length];
  return (
    `The user asks: "${s}". I should answer clearly and stay faithful to what was asked. ` +
    `First I restate the question, then I give the main points in a list. ${closer}`
  );
}

/** Markdown answer echoing the question: heading, quoting paragraph, bullets, ```ts block, table. */
export function defaultAnswer(question: string): string {
  const s = subject(question);
  const words = question.trim() === '' ? 0 : question.trim().split(/\s+/).length;
  const chars = Array.from(question).length;
  const title = shorten(question, 48) || 'Your message';
  return [
    `## ${title}`,
    '',
    `You asked: "${s}". Here is a short, structured answer from the GLM-4.7-Flash simulator.`,
    '',
    `- **Restated:** ${s}`,
    `- **Length:** ${words} words, ${chars} characters.`,
    '- **Note:** the same question always gets the same answer.',
    '',
    '```ts',
    `const question = ${JSON.stringify(shorten(question, 60))};`,
    'console.log(question.length);',
    '```',
    '',
    '| Property | Value |',
    '| --- | --- |',
    `| Words | ${words} |`,
    `| Characters | ${chars} |`,
  ].join('\n');
}

const FILLER =
  'The simulator keeps writing so that long answers exercise scrolling, rendering and token pacing. ' +
  'Every sentence is deterministic, which keeps snapshots and benchmarks stable across runs. ';

function filler(tokens: number): string {
  if (tokens <= 0) return '';
  const pieces = tokenize(FILLER);
  const out: string[] = [];
  for (let i = 0; i < tokens; i++) out.push(pieces[i % pieces.length]);
  return out.join('').trimEnd();
}

function longSection(index: number, question: string): string {
  return [
    `### Part ${index}`,
    '',
    `This part looks at "${subject(question)}" from angle number ${index}.`,
    '',
    `1. First observation for part ${index}.`,
    `2. Second observation, with \`inline code\` and **bold** text.`,
    '',
    '```ts',
    `export function part${index}(input: string): number {`,
    `  return input.length * ${index};`,
    '}',
    '```',
  ].join('\n');
}

/**
 * A markdown answer of about `tokens` tokens (exact when it fits): sections with lists and code
 * blocks. With `codeBlocks`, exactly that many sections (as far as the tokens allow), each followed
 * by prose paragraphs that fill its share of the tokens, like a long real answer.
 */
export function longAnswer(question: string, tokens: number, codeBlocks?: number): string {
  const parts: string[] = [];
  let used = 0;
  if (codeBlocks !== undefined && codeBlocks > 0) {
    for (let i = 1; i <= codeBlocks; i++) {
      const section = `${longSection(i, question)}\n\n`;
      const size = tokenize(section).length;
      if (used + size > tokens) break;
      parts.push(section);
      used += size;
      // This section's share of what is left, as paragraphs of about 80 tokens.
      let share = Math.floor((tokens - used) / (codeBlocks - i + 1));
      while (share > 0) {
        const paragraph = `${filler(Math.min(80, share))}\n\n`;
        const paragraphSize = tokenize(paragraph).length;
        if (used + paragraphSize > tokens) break;
        parts.push(paragraph);
        used += paragraphSize;
        share -= paragraphSize;
      }
    }
  } else {
    for (let i = 1; ; i++) {
      const section = `${longSection(i, question)}\n\n`;
      const size = tokenize(section).length;
      if (used + size > tokens) break;
      parts.push(section);
      used += size;
    }
  }
  parts.push(filler(tokens - used));
  return parts.join('').trimEnd();
}

const REASONING_FILLER =
  'Let me think about this step by step. I compare the options, check the constraints, and make sure ' +
  'the answer is consistent with the question before writing it down. ';

/** Reasoning of exactly `tokens` tokens. */
export function reasoningOfLength(question: string, tokens: number): string {
  const lead = tokenize(`Considering "${subject(question)}". `);
  const body = tokenize(REASONING_FILLER);
  const out: string[] = [];
  for (let i = 0; i < tokens; i++)
    out.push(i < lead.length ? lead[i] : body[(i - lead.length) % body.length]);
  return out.join('').trimEnd();
}

export const UNICODE_GREETING = '你好，世界 🌏 こんにちは مرحبا 👩‍💻';

export function unicodeAnswer(question: string): string {
  return [
    UNICODE_GREETING,
    '',
    `- 中文：这是一个确定性的回答。`,
    `- 日本語：これはシミュレーターの回答です。`,
    `- العربية: هذا رد تجريبي.`,
    `- Emoji: 🚀✨🧪 👨‍👩‍👧‍👦`,
    '',
    `> ${subject(question)}`,
  ].join('\n');
}

export function toolCallReasoning(names: string[]): string {
  const list = names.map((name) => `\`${name}\``).join(' and ');
  return `The question needs live data, so I should call ${list} instead of guessing. I will pass precise arguments.`;
}

export function unavailableToolAnswer(names: string[]): string {
  const list = names.map((name) => `\`${name}\``).join(', ');
  return `The tool ${list} is not available in this request, so I cannot call it. Please enable it and ask again.`;
}

export function toolResultsReasoning(results: ToolResult[]): string {
  return `The tool results are back (${results.length}). I will quote each result and give the final answer.`;
}

export function toolResultsAnswer(results: ToolResult[]): string {
  const lines = results.map(
    (result) => `- \`${result.toolName ?? 'tool'}\` (${result.toolCallId || 'no id'}): ${result.content}`,
  );
  return ['Here is what the tools returned:', '', ...lines, '', 'That completes the answer.'].join('\n');
}

export const RAW_TOOL_CALL_TEXT =
  '<tool_call>calculator<arg_key>expression</arg_key><arg_value>2+3</arg_value></tool_call>';

/** A JSON answer for `response_format: json_object` (pretty-printed, as GLM writes it). */
export function jsonObjectAnswer(question: string, choice: number): string {
  const words = question.trim() === '' ? 0 : question.trim().split(/\s+/).length;
  return JSON.stringify(
    { question: subject(question), answer: 'A structured answer.', words, choice },
    null,
    2,
  );
}

/** What `::invalid-json` answers: JSON cut off mid-string. */
export const INVALID_JSON_ANSWER = '{"question": "unterminated, "answer": [1, 2';

type Schema = Record<string, unknown>;
const MAX_DEPTH = 8;

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value that conforms to a (simple) JSON Schema: object, array, string, number, boolean, enum, const. */
export function instanceOf(schema: unknown, question: string, depth = 0): unknown {
  if (!isSchema(schema) || depth > MAX_DEPTH) return null;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const branches = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (Array.isArray(branches) && branches.length > 0) return instanceOf(branches[0], question, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const properties = isSchema(schema.properties) ? schema.properties : {};
      const out: Record<string, unknown> = {};
      for (const [key, sub] of Object.entries(properties)) out[key] = instanceOf(sub, question, depth + 1);
      return out;
    }
    case 'array': {
      const min = typeof schema.minItems === 'number' ? Math.min(schema.minItems, 5) : 1;
      return Array.from({ length: Math.max(min, 1) }, () => instanceOf(schema.items, question, depth + 1));
    }
    case 'string': {
      let text = subject(question);
      if (typeof schema.maxLength === 'number') text = Array.from(text).slice(0, schema.maxLength).join('');
      if (typeof schema.minLength === 'number' && Array.from(text).length < schema.minLength) {
        text = text.padEnd(schema.minLength, 'x');
      }
      return text;
    }
    case 'integer':
    case 'number': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : undefined;
      const max = typeof schema.maximum === 'number' ? schema.maximum : undefined;
      let value = 42;
      if (min !== undefined && value < min) value = Math.ceil(min);
      if (max !== undefined && value > max) value = Math.floor(max);
      return value;
    }
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return isSchema(schema.properties) ? instanceOf({ ...schema, type: 'object' }, question, depth) : null;
  }
}

/** Deterministic log probabilities for one token and its `top` alternatives (most likely first). */
export function tokenLogprobs(
  token: string,
  top: number,
): {
  token: string;
  logprob: number;
  bytes: number[];
  top_logprobs: { token: string; logprob: number; bytes: number[] }[];
} {
  const bytes = (text: string) => Array.from(new TextEncoder().encode(text));
  const h = hashString(token);
  const logprob = -Number(((h % 1500) / 1000).toFixed(4));
  const alternatives = [token];
  for (let i = 1; i < top; i++)
    alternatives.push(
      `${token.trimEnd()}${ALTERNATIVE_SUFFIXES[(h + i) % ALTERNATIVE_SUFFIXES.length]}${i > ALTERNATIVE_SUFFIXES.length ? i : ''}`,
    );
  return {
    token,
    logprob,
    bytes: bytes(token),
    top_logprobs: alternatives.slice(0, top).map((alt, i) => ({
      token: alt,
      logprob: i === 0 ? logprob : Number((logprob - 0.5 - i * 0.75).toFixed(4)),
      bytes: bytes(alt),
    })),
  };
}

const ALTERNATIVE_SUFFIXES = ['s', 'ing', 'ed', '!', '?', ',', ' the', ' a', 'ly', 'er'];
