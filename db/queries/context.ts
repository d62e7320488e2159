import { and, eq, sql } from 'drizzle-orm';
import type { ConversationContext } from '@/lib/chat/context-types';
import { NotFoundError } from '@/lib/errors';
import type { Db } from '../client';
import { prepared } from '../prepared';
import { conversations } from '../schema';

/** Where the model's context starts in a conversation (null: the whole thread). 404 when not owned. */
export function getConversationContext(
  db: Db,
  ownerId: string,
  conversationId: string,
): ConversationContext | null {
  const row = prepared(db, 'getConversationContext', (d) =>
    d
      .select({ context: conversations.context })
      .from(conversations)
      .where(
        and(
          eq(conversations.id, sql.placeholder('conversationId')),
          eq(conversations.ownerId, sql.placeholder('ownerId')),
        ),
      )
      .prepare(),
  ).get({ conversationId, ownerId });
  if (!row) throw new NotFoundError('Conversation not found');
  return row.context ?? null;
}

/** Stores a new context start (after drop or compact); null clears it. 404 when not owned. */
export function setConversationContext(
  db: Db,
  ownerId: string,
  conversationId: string,
  context: ConversationContext | null,
): void {
  const result = db
    .update(conversations)
    .set({ context })
    .where(and(eq(conversations.id, conversationId), eq(conversations.ownerId, ownerId)))
    .run();
  if (result.changes === 0) throw new NotFoundError('Conversation not found');
}
