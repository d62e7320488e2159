import { z } from 'zod';
import type { Db } from '@/db/client';
import { setConversationContext } from '@/db/queries/context';
import { getConversation } from '@/db/queries/conversations';
import { getThread } from '@/db/queries/messages';
import { recordUsage } from '@/db/queries/usage';
import type { AppConfig } from '@/lib/config';
import { ConflictError, NotFoundError } from '@/lib/errors';
import type { Glm } from '@/lib/glm/provider';
import { activeStreams } from './active-streams';
import {
  completionReserve,
  contextStartIndex,
  planCut,
  summaryBudget,
  summaryTokens,
  writeSummary,
} from './context';
import type { ConversationContext } from './context-types';
import { takeRateSlot } from './limits';
import { generateMessageId } from './turn';
import type { ChatUIMessage } from './types';

export const contextActionSchema = z.object({
  action: z.enum(['drop', 'compact', 'clear'], { error: 'one of drop, compact, clear' }),
  /** Estimated tokens of the message about to be sent (0 when retrying a failed answer). */
  draftTokens: z.number().int().min(0).max(10_000_000).default(0),
});
export type ContextAction = z.infer<typeof contextActionSchema>;

export interface ContextResult {
  context: ConversationContext | null;
  /** False when even the last turn alone leaves the request over the window. */
  fits: boolean;
}

/** Messages that carry something for the model (an answer that failed before any token does not). */
function sentMessages(thread: ChatUIMessage[]): ChatUIMessage[] {
  return thread.filter((m) => m.role !== 'assistant' || m.parts.some((p) => p.type !== 'step-start'));
}

/** Drop or compact the oldest turns of a conversation's active branch (or send it whole again). */
export async function changeContext(input: {
  db: Db;
  glm: Glm;
  config: AppConfig;
  ownerId: string;
  conversationId: string;
  action: ContextAction;
}): Promise<ContextResult> {
  const { db, ownerId, conversationId, action, config } = input;
  const conversation = getConversation(db, ownerId, conversationId);
  if (!conversation) throw new NotFoundError('Conversation not found');
  if (activeStreams().get(conversationId)) {
    throw new ConflictError('An answer is still being written in this conversation. Stop it or wait for it.');
  }
  if (action.action === 'clear') {
    setConversationContext(db, ownerId, conversationId, null);
    return { context: null, fits: true };
  }
  const thread = sentMessages(getThread(db, ownerId, conversationId) ?? []);
  const current = conversation.context ?? null;
  const window = config.contextWindow;
  const reserve = completionReserve(conversation.settings, config.contextReserve, window);
  const plan = planCut(thread, {
    window,
    reserve,
    draftTokens: action.draftTokens,
    mode: action.action,
    context: current,
  });
  const startMessageId = thread[plan.startIndex].id;
  const now = Date.now();
  if (action.action === 'drop') {
    const context: ConversationContext = {
      startMessageId,
      mode: 'drop',
      createdAt: now,
      estimatedTokens: plan.keptTokens,
    };
    setConversationContext(db, ownerId, conversationId, context);
    return { context, fits: plan.fits };
  }

  const from = Math.max(0, contextStartIndex(thread, current));
  const replaced = thread.slice(from, plan.startIndex);
  const previous = from > 0 ? current?.summary : undefined;
  // A summary is a call to GLM like a message: it counts against the same per-user rate.
  takeRateSlot(ownerId, config.limits.messagesPerMinute);
  const { text, usage } = await writeSummary({
    glm: input.glm,
    messages: replaced,
    previous,
    maxOutputTokens: summaryBudget(window),
    maxRetries: config.maxRetries,
  });
  const summary = {
    text,
    createdAt: now,
    replacedMessages: plan.startIndex,
    usage,
  };
  const context: ConversationContext = {
    startMessageId,
    mode: 'compact',
    summary,
    createdAt: now,
    estimatedTokens: plan.keptTokens + summaryTokens(summary),
  };
  setConversationContext(db, ownerId, conversationId, context);
  recordUsage(db, {
    id: generateMessageId(),
    ownerId,
    conversationId,
    messageId: null,
    kind: 'summary',
    usage,
    price: config.pricing,
    createdAt: now,
  });
  return { context, fits: plan.fits };
}
