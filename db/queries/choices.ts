import { and, eq } from 'drizzle-orm';
import type { ChatMessageMetadata, ChatUIMessage, MessageStatus } from '@/lib/chat/types';
import type { Db } from '../client';
import { conversations, messages } from '../schema';
import { textOf } from './messages';

export interface SiblingAnswer {
  id: string;
  parts: ChatUIMessage['parts'];
  metadata: ChatMessageMetadata;
  status: Exclude<MessageStatus, 'streaming'>;
}

/**
 * The other choices of an answer (`n` > 1): saved, complete, as siblings of `answerId` (same parent),
 * created just after it, so the answer itself stays the active leaf. Owner-scoped through the
 * conversation; nothing is written for anyone else's answer.
 */
export function saveSiblingAnswers(
  db: Db,
  ownerId: string,
  conversationId: string,
  answerId: string,
  siblings: SiblingAnswer[],
): number {
  if (siblings.length === 0) return 0;
  return db.transaction((tx) => {
    const answer = tx
      .select({ parentId: messages.parentId, createdAt: messages.createdAt })
      .from(messages)
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .where(
        and(
          eq(messages.id, answerId),
          eq(messages.conversationId, conversationId),
          eq(conversations.ownerId, ownerId),
        ),
      )
      .get();
    if (!answer?.parentId) return 0;
    const now = Date.now();
    siblings.forEach((sibling, i) => {
      tx.insert(messages)
        .values({
          id: sibling.id,
          conversationId,
          parentId: answer.parentId,
          role: 'assistant',
          parts: sibling.parts,
          metadata: { ...sibling.metadata, status: sibling.status },
          status: sibling.status,
          content: textOf(sibling.parts),
          createdAt: answer.createdAt + 1 + i,
          updatedAt: now,
        })
        .run();
    });
    return siblings.length;
  });
}
