/** Renders a flavour-neutral script into the SSE output items of one flavour. */

import { tokenLogprobs } from './content';
import { MIDSTREAM_ERROR, MIDSTREAM_ERROR_FLAT } from './errors';
import type { Flavour, Json, ResponseContext, UsageCounts } from './flavours/types';
import type { Script } from './scenario';
import type { OutputItem } from './sse';
import { tokenize } from './tokens';

export interface PlanOptions {
  keepalive: boolean;
  promptTokens: number;
  /** Ids for the script's tool calls, in order. */
  toolCallIds: string[];
  /** Choices 1…n-1 of a request with `n` > 1, and the ids of their tool calls. */
  extraScripts?: Script[];
  extraToolCallIds?: string[][];
  /** `logprobs: true`: each token's log probability with this many alternatives. */
  logprobs?: { top: number };
  /** `::hold-after N`: a hold after choice 0's first N answer-text tokens (the stream waits to be released). */
  holdAfter?: number;
}

interface ChoiceDelta {
  delta: Json;
  /** The generated text of this delta (gets log probabilities when asked). */
  token?: string;
}

/** Sets the choice index of a chunk's (single) choice and, when asked, the token's logprobs. */
function decorate(
  chunk: Json,
  index: number,
  token: string | undefined,
  logprobs: { top: number } | undefined,
): void {
  const choices = chunk.choices;
  if (!Array.isArray(choices) || choices.length === 0) return;
  const choice = choices[0] as Json;
  choice.index = index;
  if (logprobs && token !== undefined) choice.logprobs = { content: [tokenLogprobs(token, logprobs.top)] };
}

/** One choice's deltas, counting its tokens into `usage`. */
function choiceDeltas(
  flavour: Flavour,
  ctx: ResponseContext,
  script: Script,
  toolCallIds: string[],
  usage: UsageCounts,
): ChoiceDelta[] {
  const out: ChoiceDelta[] = [];
  let firstDelta = true;
  for (const event of script.events) {
    if (event.type === 'reasoning') {
      usage.completion++;
      usage.reasoning++;
      out.push({ delta: flavour.reasoningDelta(ctx, event.text, firstDelta), token: event.text });
    } else if (event.type === 'content') {
      usage.completion++;
      out.push({ delta: flavour.contentDelta(event.text, firstDelta), token: event.text });
    } else {
      const { call } = event;
      const id = toolCallIds[call.index];
      const pieces = tokenize(call.arguments);
      if (call.streamed) {
        (pieces.length > 0 ? pieces : ['']).forEach((piece, i) => {
          if (piece !== '') usage.completion++;
          const entry =
            i === 0
              ? { index: call.index, id, type: 'function', function: { name: call.name, arguments: piece } }
              : { index: call.index, function: { arguments: piece } };
          out.push({
            delta: {
              ...(firstDelta && flavour.name === 'ollama' ? { role: 'assistant' } : {}),
              tool_calls: [entry],
            },
          });
          firstDelta = false;
        });
      } else if (flavour.toolCallDeltas) {
        usage.completion += pieces.length;
        const piece = { index: call.index, id, name: call.name, arguments: call.arguments };
        for (const delta of flavour.toolCallDeltas(piece, pieces)) out.push({ delta });
      } else {
        usage.completion += pieces.length;
        out.push({
          delta: flavour.toolCallDelta(
            { index: call.index, id, name: call.name, arguments: call.arguments },
            firstDelta,
          ),
        });
      }
    }
    firstDelta = false;
  }
  return out;
}

/** A frame cut off mid-JSON, as a broken proxy or server might send. */
const MALFORMED_FRAME = '{"id":"chatcmpl-broken","choices":[{"index":0,"delta":{"content":"Hel';

const KEEPALIVE_EVERY = 5;
const PING_EVERY = 12;

function isAnswerText(delta: Json): boolean {
  return typeof delta === 'object' && delta !== null && 'content' in delta && Boolean(delta.content);
}

export function planStream(
  flavour: Flavour,
  ctx: ResponseContext,
  script: Script,
  options: PlanOptions,
): OutputItem[] {
  const items: OutputItem[] = [];
  const usage: UsageCounts = { prompt: options.promptTokens, completion: 0, reasoning: 0 };
  const perChunkUsage = flavour.usageOnEveryChunk(ctx);
  let frames = 0;
  const data = (payload: Json | string, paced: boolean): void => {
    items.push({
      kind: 'data',
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      paced,
    });
  };
  if (script.preamble) {
    if (flavour.pings) items.push({ kind: 'comment', text: 'ping' });
    // Each choice opens with its own role chunk (vLLM does so for every index).
    for (let c = 0; c <= (options.extraScripts?.length ?? 0); c++) {
      const opening = flavour.openingDelta();
      if (!opening) break;
      const chunk = flavour.chunk(ctx, opening, perChunkUsage ? usage : null);
      decorate(chunk, c, undefined, undefined);
      data(chunk, false);
    }
  }

  // Each choice's deltas; with `n` > 1 they are interleaved, one chunk per choice in turn, each
  // chunk carrying its choice's `index` (as vLLM and OpenAI stream several choices).
  const scripts = [script, ...(options.extraScripts ?? [])];
  const perChoice = scripts.map((s, c) =>
    choiceDeltas(
      flavour,
      ctx,
      s,
      c === 0 ? options.toolCallIds : (options.extraToolCallIds?.[c - 1] ?? []),
      usage,
    ),
  );
  const longest = Math.max(...perChoice.map((d) => d.length));
  let held = options.holdAfter === undefined;
  let answerTokens = 0;
  for (let k = 0; k < longest; k++) {
    perChoice.forEach((deltas, c) => {
      const entry = deltas[k];
      if (!entry) return;
      if (!held && c === 0 && isAnswerText(entry.delta)) {
        if (answerTokens === options.holdAfter) {
          held = true;
          items.push({ kind: 'hold' });
        }
        answerTokens++;
      }
      const chunk = flavour.chunk(ctx, entry.delta, perChunkUsage ? usage : null);
      decorate(chunk, c, entry.token, options.logprobs);
      data(chunk, true);
      frames++;
      if (options.keepalive && frames % KEEPALIVE_EVERY === 0)
        items.push({ kind: 'comment', text: 'keep-alive' });
      if (flavour.pings && frames % PING_EVERY === 0) items.push({ kind: 'comment', text: 'ping' });
    });
  }

  const { ending } = script;
  switch (ending.type) {
    case 'finish':
      // Every other choice ends with its own finish_reason; usage (all choices) comes once, at the end.
      scripts.slice(1).forEach((extra, i) => {
        const reason = extra.ending.type === 'finish' ? extra.ending.reason : 'stop';
        const [finishChunk] = flavour.finishChunks(
          { ...ctx, includeUsage: false, continuousUsage: false },
          reason,
          usage,
        );
        if (finishChunk) {
          decorate(finishChunk, i + 1, undefined, undefined);
          data(finishChunk, false);
        }
      });
      for (const chunk of flavour.finishChunks(ctx, ending.reason, usage)) data(chunk, false);
      data('[DONE]', false);
      break;
    case 'midstream-error':
      data(
        ending.variant === 'malformed'
          ? MALFORMED_FRAME
          : ending.variant === 'flat'
            ? MIDSTREAM_ERROR_FLAT
            : MIDSTREAM_ERROR,
        true,
      );
      data('[DONE]', false);
      break;
    case 'no-finish':
      data('[DONE]', false);
      break;
    case 'drop':
      items.push({ kind: 'drop' });
      break;
    case 'hang':
      items.push({ kind: 'hang' });
      break;
  }
  return items;
}
