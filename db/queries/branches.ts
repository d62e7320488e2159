import { and, asc, eq, sql } from 'drizzle-orm';
import { NotFoundError, ValidationError } from '@/lib/errors';
import type { Db } from '../client';
import { conversations, messages } from '../schema';
import { getConversation } from './conversations';

/**
 * The message tree of a conversation: edits and regenerations are siblings (same `parent_id`), and
 * the conversation's `active_leaf_id` says which path from the root is the thread shown and sent.
 */

/** For each message that has siblings, every version's id in the order they were made (itself included). */
export type SiblingMap = Record<string, string[]>;

/**
 * The versions of each message on a path: the children of its parent (roots for a first message),
 * oldest first. Only messages with more than one version are listed.
 */
export function siblingsOnPath(
  db: Db,
  ownerId: string,
  conversationId: string,
  pathIds: string[],
): SiblingMap {
  if (pathIds.length === 0 || !getConversation(db, ownerId, conversationId)) return {};
  const rows = db
    .select({ id: messages.id, parentId: messages.parentId })
    .from(messages)
    .where(eq(messages.conversationId, conversationId))
    .orderBy(asc(messages.createdAt), asc(messages.pk))
    .all();
  const children = new Map<string | null, string[]>();
  const parentOf = new Map<string, string | null>();
  for (const row of rows) {
    parentOf.set(row.id, row.parentId);
    const list = children.get(row.parentId);
    if (list) list.push(row.id);
    else children.set(row.parentId, [row.id]);
  }
  const result: SiblingMap = {};
  for (const id of pathIds) {
    if (!parentOf.has(id)) continue;
    const versions = children.get(parentOf.get(id) ?? null) ?? [];
    if (versions.length > 1) result[id] = versions;
  }
  return result;
}

/**
 * The most recently made leaf at or below `messageId` (the message itself when it has no children).
 * Walks the subtree with a recursive CTE; undefined when the message is not in the conversation.
 */
export function latestLeafUnder(db: Db, conversationId: string, messageId: string): string | undefined {
  const row = db.get<{ id: string }>(sql`
    WITH RECURSIVE subtree(id, pk, created_at) AS (
      SELECT id, pk, created_at FROM ${messages}
        WHERE id = ${messageId} AND conversation_id = ${conversationId}
      UNION ALL
      SELECT m.id, m.pk, m.created_at FROM ${messages} m JOIN subtree s ON m.parent_id = s.id
    )
    SELECT s.id AS id FROM subtree s
      WHERE NOT EXISTS (SELECT 1 FROM ${messages} c WHERE c.parent_id = s.id)
      ORDER BY s.created_at DESC, s.pk DESC
      LIMIT 1
  `);
  return row?.id;
}

/**
 * Makes `messageId`'s branch the active one: the conversation's active leaf becomes the most recently
 * made leaf that descends from (or is) that message. Returns the new leaf's id. Another owner's
 * conversation, or a message of another conversation, is not found.
 */
export function activateMessage(db: Db, ownerId: string, conversationId: string, messageId: string): string {
  return db.transaction((tx) => {
    const txDb = tx as unknown as Db;
    if (!getConversation(txDb, ownerId, conversationId)) throw new NotFoundError('Conversation not found');
    const leaf = latestLeafUnder(txDb, conversationId, messageId);
    if (!leaf) throw new NotFoundError('Message not found');
    tx.update(conversations)
      .set({ activeLeafId: leaf })
      .where(and(eq(conversations.id, conversationId), eq(conversations.ownerId, ownerId)))
      .run();
    return leaf;
  });
}

/**
 * Checks where a new user message may go: under `parentId`, which must be a finished answer of the
 * same (owned) conversation, or at the root (`null`: a new version of the first message). A message
 * of another conversation is "not found", so no one can attach to what they cannot see.
 */
export function assertValidParent(db: Db, conversationId: string, parentId: string | null): void {
  if (parentId === null) return;
  const parent = db
    .select({ role: messages.role, status: messages.status })
    .from(messages)
    .where(and(eq(messages.id, parentId), eq(messages.conversationId, conversationId)))
    .get();
  if (!parent) throw new NotFoundError('Message not found');
  if (parent.role !== 'assistant')
    throw new ValidationError('A new message can only follow an answer.', 'parentId');
  if (parent.status === 'streaming')
    throw new ValidationError('That answer is still being written.', 'parentId');
}
