import { and, desc, eq, isNotNull, isNull, lt, or, type Placeholder, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { prepared } from '../prepared';
import { type ConversationRow, conversations, type TitleSource } from '../schema';

export interface ConversationSummary {
  id: string;
  title: string;
  pinned: boolean;
  archived: boolean;
  titleSource: TitleSource;
  updatedAt: number;
}

/** Where a sidebar page ends: the sort key of its last row (pinned first, newest first, then id). */
export interface ConversationCursor {
  pinned: boolean;
  updatedAt: number;
  id: string;
}

export interface ConversationPage {
  conversations: ConversationSummary[];
  /** Pass back to get the next page; null on the last page. */
  nextCursor: ConversationCursor | null;
}

export const DEFAULT_PAGE_SIZE = 50;

const summaryColumns = {
  id: conversations.id,
  title: conversations.title,
  pinned: conversations.pinned,
  archived: conversations.archived,
  titleSource: conversations.titleSource,
  updatedAt: conversations.updatedAt,
};

/** Not deleted, this owner's: the condition every read of a conversation starts from. */
const live = (ownerId: string | Placeholder) =>
  and(eq(conversations.ownerId, ownerId), isNull(conversations.deletedAt));

/**
 * One page of the sidebar (keyset pagination on pinned, updated_at, id — the partial index
 * `conversations_owner_list_idx`), so page 200 costs what page 1 costs.
 */
export function listConversationPage(
  db: Db,
  ownerId: string,
  options: { archived?: boolean; cursor?: ConversationCursor | null; limit?: number } = {},
): ConversationPage {
  const limit = options.limit ?? DEFAULT_PAGE_SIZE;
  const { cursor } = options;
  const after = cursor
    ? or(
        lt(conversations.pinned, cursor.pinned),
        and(eq(conversations.pinned, cursor.pinned), lt(conversations.updatedAt, cursor.updatedAt)),
        and(
          eq(conversations.pinned, cursor.pinned),
          eq(conversations.updatedAt, cursor.updatedAt),
          lt(conversations.id, cursor.id),
        ),
      )
    : undefined;
  const rows = db
    .select(summaryColumns)
    .from(conversations)
    .where(and(live(ownerId), eq(conversations.archived, options.archived ?? false), after))
    .orderBy(desc(conversations.pinned), desc(conversations.updatedAt), desc(conversations.id))
    .limit(limit + 1)
    .all();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    conversations: page,
    nextCursor:
      rows.length > limit && last ? { pinned: last.pinned, updatedAt: last.updatedAt, id: last.id } : null,
  };
}

/** The first page of the (not archived) sidebar. */
export function listConversations(db: Db, ownerId: string, limit = DEFAULT_PAGE_SIZE): ConversationSummary[] {
  return listConversationPage(db, ownerId, { limit }).conversations;
}

export function getConversation(db: Db, ownerId: string, id: string): ConversationRow | undefined {
  return prepared(db, 'getConversation', (d) =>
    d
      .select()
      .from(conversations)
      .where(and(eq(conversations.id, sql.placeholder('id')), live(sql.placeholder('ownerId'))))
      .prepare(),
  ).get({ id, ownerId });
}

export function getConversationSummary(db: Db, ownerId: string, id: string): ConversationSummary | undefined {
  return db
    .select(summaryColumns)
    .from(conversations)
    .where(and(eq(conversations.id, id), live(ownerId)))
    .get();
}

/** Any owner's conversation with this id exists (to refuse reusing another owner's id). */
export function conversationIdTaken(db: Db, id: string): boolean {
  const query = prepared(db, 'conversationIdTaken', (d) =>
    d
      .select({ id: conversations.id })
      .from(conversations)
      .where(eq(conversations.id, sql.placeholder('id')))
      .prepare(),
  );
  return query.get({ id }) !== undefined;
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

export interface ConversationChanges {
  title?: string;
  pinned?: boolean;
  archived?: boolean;
}

/**
 * Rename, pin or archive (owner-scoped). A rename marks the title as the user's, so a GLM title that
 * arrives later never replaces it. Organising does not move a conversation in time (updated_at stays).
 */
export function updateConversation(
  db: Db,
  ownerId: string,
  id: string,
  changes: ConversationChanges,
): ConversationSummary | undefined {
  const set: Partial<typeof conversations.$inferInsert> = {};
  if (changes.title !== undefined) {
    set.title = changes.title;
    set.titleSource = 'user';
  }
  if (changes.pinned !== undefined) set.pinned = changes.pinned;
  if (changes.archived !== undefined) set.archived = changes.archived;
  if (Object.keys(set).length > 0) {
    db.update(conversations)
      .set(set)
      .where(and(eq(conversations.id, id), live(ownerId)))
      .run();
  }
  return getConversationSummary(db, ownerId, id);
}

/**
 * GLM's title, stored only while the title is still the provisional one: a rename (before or
 * during generation) wins. True when it was stored.
 */
export function setGeneratedTitle(db: Db, ownerId: string, id: string, title: string): boolean {
  const result = db
    .update(conversations)
    .set({ title, titleSource: 'generated' })
    .where(and(eq(conversations.id, id), live(ownerId), eq(conversations.titleSource, 'auto')))
    .run();
  return result.changes > 0;
}

/** "Delete": hidden at once from every page, list, search and shared link; Undo restores it. */
export function softDeleteConversation(db: Db, ownerId: string, id: string, now = Date.now()): boolean {
  const result = db
    .update(conversations)
    .set({ deletedAt: now })
    .where(and(eq(conversations.id, id), live(ownerId)))
    .run();
  return result.changes > 0;
}

/** "Undo" of a delete, while it has not been purged. */
export function restoreConversation(db: Db, ownerId: string, id: string): ConversationSummary | undefined {
  db.update(conversations)
    .set({ deletedAt: null })
    .where(
      and(eq(conversations.id, id), eq(conversations.ownerId, ownerId), isNotNull(conversations.deletedAt)),
    )
    .run();
  return getConversationSummary(db, ownerId, id);
}

/**
 * Removes for good the conversations deleted before `before` (their messages and links cascade).
 * Runs for every owner: it is housekeeping, not a user action. Returns how many went.
 */
export function purgeDeletedConversations(db: Db, before: number): number {
  return db
    .delete(conversations)
    .where(and(isNotNull(conversations.deletedAt), sql`${conversations.deletedAt} < ${before}`))
    .run().changes;
}
