/**
 * Cloudflare Workers AI `/ai/v1/chat/completions` (vLLM-backed), as recorded in 2026-05
 * (traces cloudflare-v1-gptoss-tool-stream.txt, cloudflare-v1-llama-text-stream-zero-usage.txt):
 * ids `id-<ms>`, key order id, created, model, object, choices; `token_ids:null` on every delta after
 * the role chunk; `reasoning_content`; a tool call's argument fragments may come before its name
 * (reported for GLM on Workers AI); the stream ends with vLLM's own last chunk (`stop_reason`, no
 * `finish_reason`) and then two finish chunks (key order id, object, created, model), each with usage:
 * the first real, the second all zeros. Errors use the v4 envelope (see errors.ts).
 */

import { COMPLETION, messageToolCalls } from './common';
import type { Flavour, Json, ResponseContext, ToolCallPiece, UsageCounts } from './types';
import { vllmFlavour } from './vllm';

const CHUNK = 'chat.completion.chunk';
/** vLLM's stop token id for GLM-4.7 (`<|user|>`), as its last chunk reports it. */
const GLM_STOP_TOKEN = 151336;

function firstUsage(usage: UsageCounts): Json {
  return {
    prompt_tokens: usage.prompt,
    total_tokens: usage.prompt + usage.completion,
    completion_tokens: usage.completion,
  };
}

const ZERO_USAGE: Json = {
  prompt_tokens: 0,
  completion_tokens: 0,
  total_tokens: 0,
  prompt_tokens_details: { cached_tokens: 0 },
};

/** Intermediate chunks: the upstream vLLM chunk as Workers AI re-serialises it. */
function deltaEnvelope(ctx: ResponseContext, choices: Json[]): Json {
  return { id: ctx.id, created: ctx.created, model: ctx.model, object: CHUNK, choices };
}

/** The finish chunks Workers AI adds itself. */
function finishEnvelope(ctx: ResponseContext, reason: string): Json {
  return {
    id: ctx.id,
    object: CHUNK,
    created: ctx.created,
    model: ctx.model,
    choices: [{ index: 0, delta: {}, finish_reason: reason }],
  };
}

/** Argument fragments first, then the name with the id, then the rest of the arguments. */
function toolCallDeltas(call: ToolCallPiece, pieces: string[]): Json[] {
  const early = pieces.slice(0, Math.ceil(pieces.length / 2));
  const late = pieces.slice(early.length);
  const fragment = (text: string): Json => ({
    tool_calls: [{ index: call.index, function: { arguments: text } }],
  });
  return [
    ...early.map(fragment),
    {
      tool_calls: [
        { id: call.id, type: 'function', index: call.index, function: { name: call.name, arguments: '' } },
      ],
    },
    ...late.map(fragment),
  ];
}

export const cloudflareFlavour: Flavour = {
  ...vllmFlavour,
  name: 'cloudflare',
  streamContentType: 'text/event-stream',
  jsonContentType: 'application/json',
  completionId: (_rng, now) => `id-${now.getTime()}`,
  reasoningDelta: (_ctx, text) => ({ reasoning_content: text }),
  chunk: (ctx, delta) => {
    const opening = delta.role !== undefined;
    const choice: Json = { index: 0, delta, logprobs: null, finish_reason: null };
    if (!opening) choice.token_ids = null;
    return deltaEnvelope(ctx, [choice]);
  },
  toolCallDeltas,
  usageOnEveryChunk: () => false,
  finishChunks: (ctx, reason, usage) => {
    if (!ctx.includeUsage) return [finishEnvelope(ctx, reason)];
    const last = deltaEnvelope(ctx, [
      {
        index: 0,
        delta: {},
        logprobs: null,
        finish_reason: null,
        stop_reason: GLM_STOP_TOKEN,
        token_ids: null,
      },
    ]);
    return [
      last,
      { ...finishEnvelope(ctx, reason), usage: firstUsage(usage) },
      { ...finishEnvelope(ctx, reason), usage: ZERO_USAGE },
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
    usage: { ...firstUsage(usage), prompt_tokens_details: { cached_tokens: 0 } },
  }),
};
