import type { MessageUsage } from './types';

/** A summary GLM wrote of the turns before `startMessageId`; sent in their place. */
export interface ContextSummary {
  text: string;
  createdAt: number;
  /** How many messages it replaces (shown with it). */
  replacedMessages: number;
  usage?: MessageUsage;
}

/**
 * Where the model's context starts in a conversation (stored in `conversations.context`). Messages
 * before `startMessageId` on the active branch are not sent to GLM; with `summary`, the summary is
 * sent instead. When the start is not on the active branch (the user switched to another version of
 * an earlier message), the whole branch is sent.
 */
export interface ConversationContext {
  startMessageId: string;
  mode: 'drop' | 'compact';
  summary?: ContextSummary;
  createdAt: number;
  /** Estimated tokens of what is sent after the cut (until the next answer reports the exact count). */
  estimatedTokens: number;
}
