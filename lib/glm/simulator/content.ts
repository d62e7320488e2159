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
