/** Renders a flavour-neutral script into the SSE output items of one flavour. */

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
}

/** A frame cut off mid-JSON, as a broken proxy or server might send. */
const MALFORMED_FRAME = '{"id":"chatcmpl-broken","choices":[{"index":0,"delta":{"content":"Hel';

const KEEPALIVE_EVERY = 5;
const PING_EVERY = 12;

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
  const delta = (value: Json): void => {
    data(flavour.chunk(ctx, value, perChunkUsage ? usage : null), true);
    frames++;
    if (options.keepalive && frames % KEEPALIVE_EVERY === 0)
      items.push({ kind: 'comment', text: 'keep-alive' });
    if (flavour.pings && frames % PING_EVERY === 0) items.push({ kind: 'comment', text: 'ping' });
  };

  if (script.preamble) {
    if (flavour.pings) items.push({ kind: 'comment', text: 'ping' });
    const opening = flavour.openingDelta();
    if (opening) data(flavour.chunk(ctx, opening, perChunkUsage ? usage : null), false);
  }

  let firstDelta = true;
  for (const event of script.events) {
    if (event.type === 'reasoning') {
      usage.completion++;
      usage.reasoning++;
      delta(flavour.reasoningDelta(ctx, event.text, firstDelta));
    } else if (event.type === 'content') {
      usage.completion++;
      delta(flavour.contentDelta(event.text, firstDelta));
    } else {
      const { call } = event;
      const id = options.toolCallIds[call.index];
      const pieces = tokenize(call.arguments);
      if (call.streamed) {
        (pieces.length > 0 ? pieces : ['']).forEach((piece, i) => {
          if (piece !== '') usage.completion++;
          const entry =
            i === 0
              ? { index: call.index, id, type: 'function', function: { name: call.name, arguments: piece } }
              : { index: call.index, function: { arguments: piece } };
          delta({
            ...(firstDelta && flavour.name === 'ollama' ? { role: 'assistant' } : {}),
            tool_calls: [entry],
          });
          firstDelta = false;
        });
      } else {
        usage.completion += pieces.length;
        delta(
          flavour.toolCallDelta(
            { index: call.index, id, name: call.name, arguments: call.arguments },
            firstDelta,
          ),
        );
      }
    }
    firstDelta = false;
  }

  const { ending } = script;
  switch (ending.type) {
    case 'finish':
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
