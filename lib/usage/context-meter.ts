/**
 * How full the context window is, as the composer's meter shows it: exact from the last answer's
 * reported usage (prompt + completion of its last model call), plus estimates for what came after it.
 * After a drop/compact newer than that answer, the server's estimate of what is still sent is used.
 */

import type { ConversationContext } from '@/lib/chat/context-types';
import type { ChatUIMessage } from '@/lib/chat/types';
import { estimateMessageTokens, estimateTokens, TOKENS_PER_MESSAGE } from './estimate';

/** Estimated tokens of a summary as sent (heading + text). */
export function summaryTokens(summary: ConversationContext['summary']): number {
  return summary ? TOKENS_PER_MESSAGE + 30 + estimateTokens(summary.text) : 0;
}

export interface ContextFill {
  /** Tokens the conversation occupies now (before the draft). */
  tokens: number;
  /** True when `tokens` comes from GLM's own count (the last answer), not only estimates. */
  exact: boolean;
}

/**
 * `olderUnloaded`: the messages are the newest part of the branch (the page loads older ones as the
 * reader scrolls up); a context start that is not among them is then above them.
 */
export function contextFill(
  messages: ChatUIMessage[],
  context: ConversationContext | null,
  olderUnloaded = false,
): ContextFill {
  const startIndex = context ? messages.findIndex((m) => m.id === context.startMessageId) : -1;
  const from = Math.max(0, startIndex);
  let lastExact = -1;
  for (let i = messages.length - 1; i >= from; i--) {
    const m = messages[i];
    if (m.role === 'assistant' && typeof m.metadata?.contextTokens === 'number') {
      lastExact = i;
      break;
    }
  }
  const exactAt = lastExact >= 0 ? (messages[lastExact].metadata?.createdAt ?? 0) : 0;
  const cutIsNewer = context !== null && startIndex >= 0 && context.createdAt > exactAt;
  const estimateFrom = (i: number) =>
    messages.slice(i).reduce((sum, m) => sum + (m.parts.length > 0 ? estimateMessageTokens(m) : 0), 0);
  if (context && startIndex < 0 && olderUnloaded && context.createdAt > exactAt) {
    // The cut is newer than any exact count and its start is not loaded: the server's estimate of it.
    return { tokens: context.estimatedTokens, exact: false };
  }
  if (cutIsNewer && context) {
    // No answer since the cut: estimate what is sent now (summary, then the kept messages).
    return { tokens: summaryTokens(context.summary) + estimateFrom(startIndex), exact: false };
  }
  if (lastExact >= 0) {
    return {
      tokens: (messages[lastExact].metadata?.contextTokens ?? 0) + estimateFrom(lastExact + 1),
      exact: true,
    };
  }
  return { tokens: estimateFrom(from), exact: false };
}
