/**
 * Cloudflare Workers AI `/ai/v1/chat/completions` (vLLM-backed): vLLM framing with `reasoning_content`;
 * with `include_usage`, cumulative usage on every chunk plus the `choices:[]` trailer. Errors use the
 * v4 envelope (see errors.ts).
 */

import { CHUNK, COMPLETION, messageToolCalls } from './common';
import type { Flavour, Json, ResponseContext, UsageCounts } from './types';
import { vllmFlavour } from './vllm';

function cloudflareUsage(usage: UsageCounts): Json {
  return {
    prompt_tokens: usage.prompt,
    completion_tokens: usage.completion,
    total_tokens: usage.prompt + usage.completion,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: usage.reasoning },
  };
}

function envelope(ctx: ResponseContext, choices: Json[]): Json {
  return { id: ctx.id, object: CHUNK, created: ctx.created, model: ctx.model, choices };
}

export const cloudflareFlavour: Flavour = {
  ...vllmFlavour,
  name: 'cloudflare',
  streamContentType: 'text/event-stream',
  jsonContentType: 'application/json',
  reasoningDelta: (_ctx, text) => ({ reasoning_content: text }),
  chunk: (ctx, delta, usage) => ({
    ...envelope(ctx, [{ index: 0, delta, logprobs: null, finish_reason: null }]),
    ...(usage ? { usage: cloudflareUsage(usage) } : {}),
  }),
  usageOnEveryChunk: (ctx) => ctx.includeUsage,
  finishChunks: (ctx, reason, usage) => {
    const choice = {
      index: 0,
      delta: { content: '' },
      logprobs: null,
      finish_reason: reason,
      stop_reason: null,
    };
    if (!ctx.includeUsage) return [envelope(ctx, [choice])];
    return [
      { ...envelope(ctx, [choice]), usage: cloudflareUsage(usage) },
      { ...envelope(ctx, []), usage: cloudflareUsage(usage) },
    ];
  },
  completion: (ctx, { totals, toolCallIds, finishReason, usage }) => ({
    id: ctx.id,
    object: COMPLETION,
    created: ctx.created,
    model: ctx.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: totals.contentText === '' ? null : totals.contentText,
          refusal: null,
          tool_calls: messageToolCalls(toolCallIds, totals.toolCalls),
          reasoning_content: totals.reasoningText === '' ? null : totals.reasoningText,
        },
        logprobs: null,
        finish_reason: finishReason,
        stop_reason: null,
      },
    ],
    usage: cloudflareUsage(usage),
  }),
};
