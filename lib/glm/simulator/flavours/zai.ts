/**
 * Z.ai (recorded 2026-03 against api.z.ai): `reasoning_content`, role repeated on every text delta, no
 * `finish_reason` key on intermediate chunks, whole tool calls (no role), finish + usage in one chunk.
 */

import { beijingTimestamp, CHUNK, COMPLETION } from './common';
import type { Flavour, Json, UsageCounts } from './types';

function zaiUsage(usage: UsageCounts): Json {
  return {
    prompt_tokens: usage.prompt,
    completion_tokens: usage.completion,
    total_tokens: usage.prompt + usage.completion,
    prompt_tokens_details: { cached_tokens: Math.floor(usage.prompt * 0.5) },
    completion_tokens_details: { reasoning_tokens: usage.reasoning },
  };
}

export const zaiFlavour: Flavour = {
  name: 'zai',
  streamContentType: 'text/event-stream;charset=UTF-8',
  jsonContentType: 'application/json;charset=UTF-8',
  pings: false,
  completionId: (rng, now) => `${beijingTimestamp(now)}${rng.hex(16)}`,
  toolCallId: (rng) => `call_${rng.hex(24)}`,
  openingDelta: () => null,
  reasoningDelta: (_ctx, text) => ({ role: 'assistant', reasoning_content: text }),
  contentDelta: (text) => ({ role: 'assistant', content: text }),
  toolCallDelta: (call) => ({
    tool_calls: [
      {
        id: call.id,
        index: call.index,
        type: 'function',
        function: { name: call.name, arguments: call.arguments },
      },
    ],
  }),
  chunk: (ctx, delta) => ({
    id: ctx.id,
    created: ctx.created,
    object: CHUNK,
    model: ctx.model,
    choices: [{ index: 0, delta }],
  }),
  usageOnEveryChunk: () => false,
  finishChunks: (ctx, reason, usage) => [
    {
      id: ctx.id,
      created: ctx.created,
      object: CHUNK,
      model: ctx.model,
      choices: [{ index: 0, finish_reason: reason, delta: { role: 'assistant', content: '' } }],
      ...(ctx.includeUsage ? { usage: zaiUsage(usage) } : {}),
    },
  ],
  completion: (ctx, { totals, toolCallIds, finishReason, usage }) => {
    const message: Json = { content: totals.contentText, role: 'assistant' };
    if (totals.reasoningText !== '') message.reasoning_content = totals.reasoningText;
    if (totals.toolCalls.length > 0) {
      message.tool_calls = totals.toolCalls.map((call, index) => ({
        function: { arguments: call.arguments, name: call.name },
        id: toolCallIds[index],
        index,
        type: 'function',
      }));
    }
    return {
      choices: [{ finish_reason: finishReason, index: 0, message }],
      created: ctx.created,
      id: ctx.id,
      model: ctx.model,
      object: COMPLETION,
      request_id: ctx.id,
      usage: zaiUsage(usage),
    };
  },
};
