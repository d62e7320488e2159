/**
 * Ollama `/v1/chat/completions`: `delta.reasoning`, role only on the first delta, reasoning and content
 * never in one chunk, whole tool calls, an empty-delta finish chunk, `system_fingerprint:"fp_ollama"`,
 * and a plain usage trailer only when `include_usage`.
 */

import { CHUNK, COMPLETION, plainUsage } from './common';
import type { Flavour, Json, ResponseContext } from './types';

function envelope(ctx: ResponseContext, choices: Json[]): Json {
  return {
    id: ctx.id,
    object: CHUNK,
    created: ctx.created,
    model: ctx.model,
    system_fingerprint: 'fp_ollama',
    choices,
  };
}

function withRole(delta: Json, first: boolean): Json {
  return first ? { role: 'assistant', ...delta } : delta;
}

export const ollamaFlavour: Flavour = {
  name: 'ollama',
  streamContentType: 'text/event-stream',
  jsonContentType: 'application/json; charset=utf-8',
  pings: false,
  completionId: (rng) => `chatcmpl-${rng.int(1000)}`,
  toolCallId: (rng) => `call_${rng.lowerAlnum(8)}`,
  openingDelta: () => null,
  reasoningDelta: (_ctx, text, first) => withRole({ reasoning: text }, first),
  contentDelta: (text, first) => withRole({ content: text }, first),
  toolCallDelta: (call, first) =>
    withRole(
      {
        tool_calls: [
          {
            id: call.id,
            index: call.index,
            type: 'function',
            function: { name: call.name, arguments: call.arguments },
          },
        ],
      },
      first,
    ),
  chunk: (ctx, delta) => envelope(ctx, [{ index: 0, delta, finish_reason: null }]),
  usageOnEveryChunk: () => false,
  finishChunks: (ctx, reason, usage) => {
    const finish = envelope(ctx, [{ index: 0, delta: {}, finish_reason: reason }]);
    return ctx.includeUsage ? [finish, { ...envelope(ctx, []), usage: plainUsage(usage) }] : [finish];
  },
  completion: (ctx, { totals, toolCallIds, finishReason, usage }) => {
    const message: Json = { role: 'assistant', content: totals.contentText };
    if (totals.reasoningText !== '') message.reasoning = totals.reasoningText;
    if (totals.toolCalls.length > 0) {
      message.tool_calls = totals.toolCalls.map((call, index) => ({
        id: toolCallIds[index],
        index,
        type: 'function',
        function: { name: call.name, arguments: call.arguments },
      }));
    }
    return {
      id: ctx.id,
      object: COMPLETION,
      created: ctx.created,
      model: ctx.model,
      system_fingerprint: 'fp_ollama',
      choices: [{ index: 0, message, finish_reason: finishReason }],
      usage: plainUsage(usage),
    };
  },
};
