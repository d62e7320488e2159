import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { type ConversationRow, conversations } from '../schema';

export interface ConversationSummary {
  id: string;
  title: string;
  pinned: boolean;
  updatedAt: number;
}

export function listConversations(db: Db, ownerId: string, limit = 200): ConversationSummary[] {
  return db
    .select({
      id: conversations.id,
      title: conversations.title,
      pinned: conversations.pinned,
      updatedAt: conversations.updatedAt,
    })
    .from(conversations)
    .where(and(eq(conversations.ownerId, ownerId), eq(conversations.archived, false)))
    .orderBy(desc(conversations.updatedAt))
    .limit(limit)
    .all();
}

export function getConversation(db: Db, ownerId: string, id: string): ConversationRow | undefined {
  return db
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, id), eq(conversations.ownerId, ownerId)))
    .get();
}

/** Any owner's conversation with this id exists (to refuse reusing another owner's id). */
export function conversationIdTaken(db: Db, id: string): boolean {
  return (
    db.select({ id: conversations.id }).from(conversations).where(eq(conversations.id, id)).get() !==
    undefined
  );
}

/** Merges `patch` into a conversation's settings (owner-scoped; no-op for anyone else's). */
export function updateConversationSettings(
  db: Db,
  ownerId: string,
  id: string,
  patch: Record<string, unknown>,
): void {
  const current = getConversation(db, ownerId, id);
  if (!current) return;
  db.update(conversations)
    .set({ settings: { ...current.settings, ...patch } })
    .where(and(eq(conversations.id, id), eq(conversations.ownerId, ownerId)))
    .run();
}
