import type { UIMessage } from 'ai';
import type { TokenLogprob } from '@/lib/glm/choices';
import type { SettingsWarning } from '@/lib/glm/wire-params';
import type { PriceSnapshot } from '@/lib/usage/cost';

/** Stored (and displayed) state of a message. Never the AI SDK's transient `submitted`/`ready`. */
export type MessageStatus = 'complete' | 'streaming' | 'stopped' | 'interrupted' | 'error';

export interface MessageUsage {
  inputTokens?: number;
  outputTokens?: number;
  reasoningTokens?: number;
  cachedInputTokens?: number;
  totalTokens?: number;
}

/** Metadata carried on each UI message, sent in the stream and stored in `messages.metadata`. */
export interface ChatMessageMetadata {
  status?: MessageStatus;
  createdAt?: number;
  model?: string;
  /** Readable reason shown on an `error` message. */
  errorText?: string;
  /** Unified finish reason (stop, length, content-filter, tool-calls, error, other). */
  finishReason?: string;
  /** The backend's own finish reason when it differs (e.g. GLM `sensitive`). */
  rawFinishReason?: string;
  usage?: MessageUsage;
  /** Duration of each reasoning block in ms, in the order the blocks appear. */
  reasoningDurations?: number[];
  /** How long each tool call ran (ms), by tool call id. */
  toolDurations?: Record<string, number>;
  /** Whether the user asked GLM to think for this answer. */
  thinking?: boolean;
  /** ms from request to the first streamed token. */
  firstTokenMs?: number;
  /** ms from request to the end of the answer. */
  totalMs?: number;
  /** Model settings the backend could not take (they were not sent), as message keys. */
  settingsWarnings?: SettingsWarning[];
  /** Log probabilities of the answer's tokens, when asked (at most MAX_LOGPROB_TOKENS). */
  logprobs?: TokenLogprob[];
  /** More tokens came than were kept. */
  logprobsTruncated?: boolean;
  /** A JSON response format was asked: whether the answer is JSON, and fits the schema. */
  json?: JsonCheck;
  /** With n > 1: this version is choice `index` (0 = the streamed one) of `of`. */
  choice?: { index: number; of: number };
  /** The prices (picodollars per token) in force when the answer was made: its cost never changes. */
  price?: PriceSnapshot;
  /**
   * Tokens the conversation occupied in the context window after this answer: prompt + completion of
   * its last model call (a tool loop's `usage` sums every call; this does not).
   */
  contextTokens?: number;
  /** Why the answer failed, when the app can offer a way out (`context_length`: drop or compact). */
  errorCode?: 'context_length';
}

export interface JsonCheck {
  format: 'json_object' | 'json_schema';
  /** The answer parses as JSON. */
  valid: boolean;
  /** json_schema: the answer fits the schema. */
  schemaValid?: boolean;
  /** What is wrong, in words. */
  error?: string;
}

export type ChatUIMessage = UIMessage<ChatMessageMetadata>;
