/**
 * Turns a parsed request into a flavour-neutral script: what the model "emits" (token events) and how
 * the response ends. Flavours only decide how these events look on the wire.
 */

import {
  defaultAnswer,
  defaultReasoning,
  longAnswer,
  RAW_TOOL_CALL_TEXT,
  reasoningOfLength,
  toolCallReasoning,
  toolResultsAnswer,
  toolResultsReasoning,
  unavailableToolAnswer,
  unicodeAnswer,
} from './content';
import type { Directives, ToolDirective } from './directives';
import { type ChatRequest, toolRoundsSinceUser, trailingToolResults } from './request';
import { tokenize } from './tokens';

export interface ToolCallSpec {
  index: number;
  name: string;
  /** JSON text. */
  arguments: string;
  /** Arguments streamed in pieces (first delta carries id/type/name). */
  streamed: boolean;
}

export type ScriptEvent =
  | { type: 'reasoning'; text: string }
  | { type: 'content'; text: string }
  | { type: 'tool-call'; call: ToolCallSpec };

export type Ending =
  | { type: 'finish'; reason: string }
  | { type: 'midstream-error'; variant: 'nested' | 'flat' | 'malformed' }
  | { type: 'drop' }
  | { type: 'no-finish' }
  | { type: 'hang' };

export interface Script {
  events: ScriptEvent[];
  ending: Ending;
  /** False for `::hang`: not even the role/opening chunk is sent. */
  preamble: boolean;
}

export interface ScriptInput {
  request: ChatRequest;
  directives: Directives;
  question: string;
  /** Whether this flavour streams tool arguments by default (llama.cpp, Z.ai with `tool_stream`). */
  streamsToolArguments: boolean;
}

const PARALLEL_CALLS: ToolDirective[] = [
  { name: 'calculator', args: '{"expression":"2+3"}', stream: false },
  { name: 'current_time', args: '{"timezone":"Asia/Shanghai"}', stream: false },
];

const PARTIAL_CONTENT_TOKENS = 8;
const LENGTH_CONTENT_TOKENS = 30;

function reasoningEvents(text: string): ScriptEvent[] {
  return tokenize(text).map((piece) => ({ type: 'reasoning', text: piece }));
}

function contentEvents(text: string, limit?: number): ScriptEvent[] {
  const pieces = tokenize(text);
  return (limit === undefined ? pieces : pieces.slice(0, limit)).map((piece) => ({
    type: 'content',
    text: piece,
  }));
}

function reasoningText(input: ScriptInput, fallback: string): string {
  const { directives, request, question } = input;
  if (request.thinkingDisabled || directives.plain) return '';
  if (directives.echoReasoning) return question;
  if (directives.reasoning !== undefined) return reasoningOfLength(question, directives.reasoning);
  return fallback;
}

function answerText({ directives, question }: ScriptInput): string {
  if (directives.echo) return question;
  if (directives.long !== undefined) return longAnswer(question, directives.long, directives.codeBlocks);
  if (directives.unicode) return unicodeAnswer(question);
  return defaultAnswer(question);
}

function finish(directives: Directives, natural: string): Ending {
  return { type: 'finish', reason: directives.finish ?? natural };
}

function toolScript(input: ScriptInput, calls: ToolDirective[], lead: string | null): Script {
  const { directives, request } = input;
  const available = calls.filter((call) => request.toolNames.includes(call.name));
  const missing = calls.filter((call) => !request.toolNames.includes(call.name)).map((call) => call.name);
  if (available.length === 0) {
    const events = [
      ...reasoningEvents(reasoningText(input, toolCallReasoning(missing))),
      ...contentEvents(unavailableToolAnswer(missing)),
    ];
    return { events, ending: finish(directives, 'stop'), preamble: true };
  }
  const events: ScriptEvent[] = reasoningEvents(
    reasoningText(input, toolCallReasoning(available.map((call) => call.name))),
  );
  if (lead !== null) events.push(...contentEvents(lead));
  available.forEach((call, index) => {
    events.push({
      type: 'tool-call',
      call: {
        index,
        name: call.name,
        arguments: call.args,
        streamed: call.stream || input.streamsToolArguments,
      },
    });
  });
  return { events, ending: finish(directives, 'tool_calls'), preamble: true };
}

export function buildScript(input: ScriptInput): Script {
  const { directives, request, question } = input;
  if (directives.hang) return { events: [], ending: { type: 'hang' }, preamble: false };
  if (directives.hangAfter !== undefined) {
    return {
      events: contentEvents(answerText(input), directives.hangAfter),
      ending: { type: 'hang' },
      preamble: true,
    };
  }

  const toolResults = trailingToolResults(request.messages);
  // A multi-step tool loop: after the Nth round of results, `::then` calls the next tool.
  const nextCall =
    toolResults.length > 0 ? directives.chain[toolRoundsSinceUser(request.messages) - 1] : undefined;
  if (nextCall) return toolScript(input, [nextCall], null);
  if (toolResults.length > 0) {
    const events = [
      ...reasoningEvents(reasoningText(input, toolResultsReasoning(toolResults))),
      ...contentEvents(toolResultsAnswer(toolResults)),
    ];
    return { events, ending: { type: 'finish', reason: 'stop' }, preamble: true };
  }

  if (directives.tool) return toolScript(input, [directives.tool], null);
  if (directives.parallel) return toolScript(input, PARALLEL_CALLS, null);
  if (directives.textAndTool) {
    const lead = `Let me use the \`${directives.textAndTool.name}\` tool to answer that.`;
    return toolScript(input, [directives.textAndTool], lead);
  }

  const reasoning = reasoningText(input, defaultReasoning(question));
  const answer = answerText(input);

  if (directives.rawToolCall) {
    const events = [...reasoningEvents(reasoning), ...contentEvents(RAW_TOOL_CALL_TEXT)];
    return { events, ending: finish(directives, 'stop'), preamble: true };
  }
  if (directives.inlineThink) {
    const inline = reasoning === '' ? answer : `${reasoning}</think>${answer}`;
    return { events: contentEvents(inline), ending: finish(directives, 'stop'), preamble: true };
  }
  if (directives.length) {
    const events =
      reasoning === '' ? contentEvents(answer, LENGTH_CONTENT_TOKENS) : reasoningEvents(reasoning);
    return { events, ending: { type: 'finish', reason: 'length' }, preamble: true };
  }

  const thinking = reasoningEvents(reasoning);
  if (directives.midstreamError) {
    const events = [...thinking, ...contentEvents(answer, PARTIAL_CONTENT_TOKENS)];
    return {
      events,
      ending: { type: 'midstream-error', variant: directives.midstreamError },
      preamble: true,
    };
  }
  if (directives.drop) {
    return {
      events: [...thinking, ...contentEvents(answer, PARTIAL_CONTENT_TOKENS)],
      ending: { type: 'drop' },
      preamble: true,
    };
  }
  const events = [...thinking, ...contentEvents(answer)];
  if (directives.noFinish) return { events, ending: { type: 'no-finish' }, preamble: true };
  return { events, ending: finish(directives, 'stop'), preamble: true };
}

export interface ScriptTotals {
  reasoningText: string;
  contentText: string;
  toolCalls: ToolCallSpec[];
  reasoningTokens: number;
  completionTokens: number;
}

export function totalsOf(events: ScriptEvent[]): ScriptTotals {
  let reasoning = '';
  let content = '';
  let reasoningTokens = 0;
  let completionTokens = 0;
  const toolCalls: ToolCallSpec[] = [];
  for (const event of events) {
    if (event.type === 'reasoning') {
      reasoning += event.text;
      reasoningTokens++;
      completionTokens++;
    } else if (event.type === 'content') {
      content += event.text;
      completionTokens++;
    } else {
      toolCalls.push(event.call);
      completionTokens += tokenize(event.call.arguments).length;
    }
  }
  return { reasoningText: reasoning, contentText: content, toolCalls, reasoningTokens, completionTokens };
}
