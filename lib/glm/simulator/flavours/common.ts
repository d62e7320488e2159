/** Helpers shared by several flavours. */

import type { Json, ToolCallPiece, UsageCounts } from './types';

export const CHUNK = 'chat.completion.chunk';
export const COMPLETION = 'chat.completion';

/** The OpenAI streaming pattern for a tool call: the first delta of an index carries id/type/name. */
export function toolCallPieceDelta(call: ToolCallPiece, first: boolean): Json {
  const entry = first
    ? {
        index: call.index,
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: call.arguments },
      }
    : { index: call.index, function: { arguments: call.arguments } };
  return { tool_calls: [entry] };
}

export function plainUsage(usage: UsageCounts): Json {
  return {
    prompt_tokens: usage.prompt,
    completion_tokens: usage.completion,
    total_tokens: usage.prompt + usage.completion,
  };
}

/** vLLM orders usage as prompt, total, completion. */
export function vllmUsage(usage: UsageCounts): Json {
  return {
    prompt_tokens: usage.prompt,
    total_tokens: usage.prompt + usage.completion,
    completion_tokens: usage.completion,
  };
}

export function messageToolCalls(ids: string[], calls: { name: string; arguments: string }[]): Json[] {
  return calls.map((call, index) => ({
    id: ids[index],
    type: 'function',
    index,
    function: { name: call.name, arguments: call.arguments },
  }));
}

/** Z.ai ids: Beijing-time `yyyyMMddHHmmss` + 16 hex, e.g. `20260313050533` + `1e1698c2b13a4e98`. */
export function beijingTimestamp(now: Date): string {
  const shifted = new Date(now.getTime() + 8 * 3600 * 1000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return (
    `${shifted.getUTCFullYear()}${pad(shifted.getUTCMonth() + 1)}${pad(shifted.getUTCDate())}` +
    `${pad(shifted.getUTCHours())}${pad(shifted.getUTCMinutes())}${pad(shifted.getUTCSeconds())}`
  );
}
