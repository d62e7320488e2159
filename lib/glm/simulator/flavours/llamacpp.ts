/**
 * llama.cpp `llama-server` (recorded b6865/b7010 shape): `delta:{"role":"assistant","content":null}` first,
 * `reasoning_content`, tool-call arguments always streamed, `delta:{}` finish chunk, usage trailer with
 * `timings`, and `: ping` SSE comments.
 */

import { CHUNK, COMPLETION } from './common';
import type { Flavour, Json, ResponseContext, UsageCounts } from './types';

const FINGERPRINT = 'b7010-1c1409e13';

function envelope(ctx: ResponseContext, choices: Json[]): Json {
  return {
    choices,
    created: ctx.created,
    id: ctx.id,
    model: ctx.model,
    system_fingerprint: FINGERPRINT,
    object: CHUNK,
  };
}

function usageOf(usage: UsageCounts): Json {
  return {
    completion_tokens: usage.completion,
    prompt_tokens: usage.prompt,
    total_tokens: usage.prompt + usage.completion,
  };
}

function timings(ctx: ResponseContext, usage: UsageCounts): Json {
  const rate = Number.isFinite(ctx.tokensPerSecond) && ctx.tokensPerSecond > 0 ? ctx.tokensPerSecond : 1000;
  const promptMs = Math.max(1, usage.prompt) * 0.25;
  const predictedMs = Math.max(1, usage.completion) * (1000 / rate);
  return {
    cache_n: 0,
    prompt_n: usage.prompt,
    prompt_ms: promptMs,
    prompt_per_token_ms: promptMs / Math.max(1, usage.prompt),
    prompt_per_second: (1000 * usage.prompt) / promptMs,
    predicted_n: usage.completion,
    predicted_ms: predictedMs,
    predicted_per_token_ms: predictedMs / Math.max(1, usage.completion),
    predicted_per_second: (1000 * usage.completion) / predictedMs,
  };
}

export const llamacppFlavour: Flavour = {
  name: 'llamacpp',
  streamContentType: 'text/event-stream',
  jsonContentType: 'application/json; charset=utf-8',
  pings: true,
  completionId: (rng) => `chatcmpl-${rng.alnum(32)}`,
  toolCallId: (rng) => rng.alnum(32),
  openingDelta: () => ({ role: 'assistant', content: null }),
  reasoningDelta: (_ctx, text) => ({ reasoning_content: text }),
  contentDelta: (text) => ({ content: text }),
  toolCallDelta: (call) => ({
    tool_calls: [
      {
        index: call.index,
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: call.arguments },
      },
    ],
  }),
  chunk: (ctx, delta) => envelope(ctx, [{ finish_reason: null, index: 0, delta }]),
  usageOnEveryChunk: () => false,
  finishChunks: (ctx, reason, usage) => {
    const finish = envelope(ctx, [{ finish_reason: reason, index: 0, delta: {} }]);
    if (!ctx.includeUsage) return [finish];
    return [finish, { ...envelope(ctx, []), usage: usageOf(usage), timings: timings(ctx, usage) }];
  },
  completion: (ctx, { totals, toolCallIds, finishReason, usage }) => {
    const message: Json = {
      role: 'assistant',
      content: totals.contentText === '' ? null : totals.contentText,
    };
    if (totals.reasoningText !== '') message.reasoning_content = totals.reasoningText;
    if (totals.toolCalls.length > 0) {
      message.tool_calls = totals.toolCalls.map((call, index) => ({
        type: 'function',
        function: { name: call.name, arguments: call.arguments },
        id: toolCallIds[index],
      }));
    }
    return {
      choices: [{ finish_reason: finishReason, index: 0, message }],
      created: ctx.created,
      model: ctx.model,
      system_fingerprint: FINGERPRINT,
      object: COMPLETION,
      usage: usageOf(usage),
      id: ctx.id,
      timings: timings(ctx, usage),
    };
  },
};
