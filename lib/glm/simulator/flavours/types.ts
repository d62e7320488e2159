/** What a backend flavour decides: the JSON of each chunk, where role/finish/usage go, ids, error bodies. */

import type { Rng } from '../random';
import type { ScriptTotals } from '../scenario';
import type { SimulatorFlavour, VllmReasoningField } from '../types';

export type Json = Record<string, unknown>;

export interface UsageCounts {
  prompt: number;
  completion: number;
  reasoning: number;
}

export interface ResponseContext {
  id: string;
  created: number;
  model: string;
  includeUsage: boolean;
  continuousUsage: boolean;
  vllmReasoningField: VllmReasoningField;
  tokensPerSecond: number;
  rng: Rng;
}

export interface ToolCallPiece {
  index: number;
  id: string;
  name: string;
  arguments: string;
}

export interface CompletionInput {
  totals: ScriptTotals;
  toolCallIds: string[];
  finishReason: string | null;
  usage: UsageCounts;
}

export interface Flavour {
  name: SimulatorFlavour;
  streamContentType: string;
  jsonContentType: string;
  /** Emits `: ping` SSE comments (llama.cpp). */
  pings: boolean;
  completionId(rng: Rng, now: Date): string;
  toolCallId(rng: Rng): string;
  /** Delta of the role-only opening chunk, or null when the flavour has none. */
  openingDelta(): Json | null;
  reasoningDelta(ctx: ResponseContext, text: string, firstDelta: boolean): Json;
  contentDelta(text: string, firstDelta: boolean): Json;
  /** A whole tool call in one delta. */
  toolCallDelta(call: ToolCallPiece, firstDelta: boolean): Json;
  /**
   * A tool call in several deltas, when the backend always splits it (Workers AI: argument fragments
   * before the name); `pieces` are the arguments' tokens. Absent: `toolCallDelta`.
   */
  toolCallDeltas?(call: ToolCallPiece, pieces: string[]): Json[];
  /** Wraps an intermediate delta into a chunk; `usage` is set when usage goes on every chunk. */
  chunk(ctx: ResponseContext, delta: Json, usage: UsageCounts | null): Json;
  usageOnEveryChunk(ctx: ResponseContext): boolean;
  /** The chunk(s) that end a normal stream (before `[DONE]`): finish chunk and usage placement. */
  finishChunks(ctx: ResponseContext, reason: string, usage: UsageCounts): Json[];
  /** The non-streaming `chat.completion` object. */
  completion(ctx: ResponseContext, input: CompletionInput): Json;
}
