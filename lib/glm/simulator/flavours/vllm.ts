/**
 * vLLM (OpenAI server conventions): role-only first chunk, `logprobs:null` + `finish_reason:null` on every
 * chunk, `delta.reasoning` (configurable), whole tool calls with `chatcmpl-tool-` ids, a separate finish
 * chunk with `stop_reason`, and a `choices:[]` usage trailer only when `include_usage`.
 */

import type { VllmReasoningField } from '../types';
import { CHUNK, COMPLETION, messageToolCalls, vllmUsage } from './common';
import type { Flavour, Json, ResponseContext } from './types';

export function reasoningFields(field: VllmReasoningField, text: string | null): Json {
  if (field === 'both') return { reasoning: text, reasoning_content: text };
  return { [field]: text };
}

function envelope(ctx: ResponseContext, choices: Json[]): Json {
  return { id: ctx.id, object: CHUNK, created: ctx.created, model: ctx.model, choices };
}

export const vllmFlavour: Flavour = {
  name: 'vllm',
  streamContentType: 'text/event-stream; charset=utf-8',
  jsonContentType: 'application/json',
  pings: false,
  completionId: (rng) => `chatcmpl-${rng.hex(32)}`,
  toolCallId: (rng) => `chatcmpl-tool-${rng.hex(32)}`,
  openingDelta: () => ({ role: 'assistant', content: '' }),
  reasoningDelta: (ctx, text) => reasoningFields(ctx.vllmReasoningField, text),
  contentDelta: (text) => ({ content: text }),
  toolCallDelta: (call) => ({
    tool_calls: [
      {
        id: call.id,
        type: 'function',
        index: call.index,
        function: { name: call.name, arguments: call.arguments },
      },
    ],
  }),
  // Recorded for GLM-4.7-FP8 (vllm-glm47fp8-stream-reasoning-content-null.txt): the role chunk carries a
  // top-level `prompt_token_ids:null`, every later choice `token_ids:null`.
  chunk: (ctx, delta, usage) => {
    const opening = delta.role !== undefined;
    const choice: Json = { index: 0, delta, logprobs: null, finish_reason: null };
    if (!opening) choice.token_ids = null;
    return {
      ...envelope(ctx, [choice]),
      ...(opening ? { prompt_token_ids: null } : {}),
      ...(usage ? { usage: vllmUsage(usage) } : {}),
    };
  },
  usageOnEveryChunk: (ctx) => ctx.includeUsage && ctx.continuousUsage,
  finishChunks: (ctx, reason, usage) => {
    const finish = {
      ...envelope(ctx, [
        {
          index: 0,
          delta: { content: '' },
          logprobs: null,
          finish_reason: reason,
          stop_reason: null,
          token_ids: null,
        },
      ]),
      ...(ctx.includeUsage && ctx.continuousUsage ? { usage: vllmUsage(usage) } : {}),
    };
    return ctx.includeUsage ? [finish, { ...envelope(ctx, []), usage: vllmUsage(usage) }] : [finish];
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
          annotations: null,
          audio: null,
          function_call: null,
          tool_calls: messageToolCalls(toolCallIds, totals.toolCalls),
          ...reasoningFields(
            ctx.vllmReasoningField,
            totals.reasoningText === '' ? null : totals.reasoningText,
          ),
        },
        logprobs: null,
        finish_reason: finishReason,
        stop_reason: null,
      },
    ],
    service_tier: null,
    system_fingerprint: null,
    usage: { ...vllmUsage(usage), prompt_tokens_details: null },
    prompt_logprobs: null,
    kv_transfer_params: null,
  }),
};
