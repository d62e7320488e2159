import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { ChatMessageMetadata, ChatUIMessage, MessageStatus } from '@/lib/chat/types';
import { ConflictError, NotFoundError } from '@/lib/errors';
import type { Db } from '../client';
import { prepared } from '../prepared';
import { conversations, type MessageRow, messages } from '../schema';
import { assertValidParent } from './branches';
import { conversationIdTaken, getConversation } from './conversations';

/**
 * A creation time for a new child of `parentId` that is later than its existing children: versions
 * are ordered by creation time, and a regenerate in the same millisecond as the answer before it (or
 * after a clock step back, or into an imported conversation) must still come last.
 */
function afterSiblings(db: Db, conversationId: string, parentId: string | null, now: number): number {
  const latest = { latest: sql<number | null>`max(${messages.createdAt})` };
  const conversation = eq(messages.conversationId, sql.placeholder('conversationId'));
  const row =
    parentId === null
      ? prepared(db, 'latestRoot', (d) =>
          d
            .select(latest)
            .from(messages)
            .where(and(conversation, isNull(messages.parentId)))
            .prepare(),
        ).get({ conversationId })
      : prepared(db, 'latestChild', (d) =>
          d
            .select(latest)
            .from(messages)
            .where(and(conversation, eq(messages.parentId, sql.placeholder('parentId'))))
            .prepare(),
        ).get({ conversationId, parentId });
  return row?.latest != null && row.latest >= now ? row.latest + 1 : now;
}

/** A value filled in when a prepared UPDATE runs (Drizzle's SET types take no bare placeholder). */
const placeholder = (name: string) => sql`${sql.placeholder(name)}`;

type NewMessage = Omit<typeof messages.$inferInsert, 'pk'> &
  Required<Pick<typeof messages.$inferInsert, 'content'>>;

/** Inserts one message (prepared: every send writes two). */
function insertMessage(db: Db, row: NewMessage): void {
  prepared(db, 'insertMessage', (d) =>
    d
      .insert(messages)
      .values({
        id: sql.placeholder('id'),
        conversationId: sql.placeholder('conversationId'),
        parentId: sql.placeholder('parentId'),
        role: sql.placeholder('role'),
        parts: sql.placeholder('parts'),
        metadata: sql.placeholder('metadata'),
        status: sql.placeholder('status'),
        content: sql.placeholder('content'),
        createdAt: sql.placeholder('createdAt'),
        updatedAt: sql.placeholder('updatedAt'),
      })
      .prepare(),
  ).run({ ...row, parentId: row.parentId ?? null });
}

/** Makes a new message the end of its conversation's active branch. */
function setActiveLeaf(db: Db, conversationId: string, leafId: string, updatedAt: number): void {
  prepared(db, 'setActiveLeaf', (d) =>
    d
      .update(conversations)
      .set({ activeLeafId: placeholder('leafId'), updatedAt: placeholder('updatedAt') })
      .where(eq(conversations.id, sql.placeholder('conversationId')))
      .prepare(),
  ).run({ conversationId, leafId, updatedAt });
}

/** Plain text of a message's text parts: what search and titles read. */
export function textOf(parts: ChatUIMessage['parts']): string {
  return parts
    .filter((p): p is Extract<typeof p, { type: 'text' }> => p.type === 'text')
    .map((p) => p.text)
    .join('\n');
}

export function toUIMessage(
  row: Pick<MessageRow, 'id' | 'role' | 'parts' | 'metadata' | 'status'>,
): ChatUIMessage {
  return { id: row.id, role: row.role, parts: row.parts, metadata: { ...row.metadata, status: row.status } };
}

/** What a message is in the conversation tree: where it hangs and what it says. */
export const treeColumns = {
  id: messages.id,
  parentId: messages.parentId,
  role: messages.role,
  parts: messages.parts,
  metadata: messages.metadata,
  status: messages.status,
};

/**
 * The active branch of a conversation, root first: the path from the root to `activeLeafId`.
 * Messages form a tree through `parent_id`; siblings (edits, regenerations) are off the path.
 */
export function getThread(db: Db, ownerId: string, conversationId: string): ChatUIMessage[] | undefined {
  const conversation = getConversation(db, ownerId, conversationId);
  if (!conversation) return undefined;
  const rows = prepared(db, 'threadRows', (d) =>
    d
      .select(treeColumns)
      .from(messages)
      .where(eq(messages.conversationId, sql.placeholder('conversationId')))
      .orderBy(asc(messages.createdAt), asc(messages.pk))
      .prepare(),
  ).all({ conversationId });
  if (rows.length === 0) return [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  let cursor = conversation.activeLeafId ? byId.get(conversation.activeLeafId) : rows[rows.length - 1];
  const path: ChatUIMessage[] = [];
  const seen = new Set<string>();
  while (cursor && !seen.has(cursor.id)) {
    seen.add(cursor.id);
    path.push(toUIMessage(cursor));
    cursor = cursor.parentId ? byId.get(cursor.parentId) : undefined;
  }
  return path.reverse();
}

/** Longest path walked (a guard against a cycle in corrupt data; real threads are far shorter). */
const MAX_PATH = 100_000;

/**
 * The ids of the active branch, root first, without reading any message's content: a recursive walk
 * up `parent_id` from the active leaf (each step a lookup of the unique id). What the thread's pages
 * are cut from: a page is a run of this path, and its cursor is a message id on it (keyset on the path).
 * `fromId` walks up from that message instead (a branch shown without being made the active one).
 * Undefined when the conversation is not the owner's; empty when `fromId` is not in it.
 */
export function getPathIds(
  db: Db,
  ownerId: string,
  conversationId: string,
  fromId?: string,
): string[] | undefined {
  const conversation = getConversation(db, ownerId, conversationId);
  if (!conversation) return undefined;
  const leaf =
    fromId ??
    conversation.activeLeafId ??
    db
      .select({ id: messages.id })
      .from(messages)
      .where(eq(messages.conversationId, conversationId))
      .orderBy(sql`${messages.createdAt} DESC, ${messages.pk} DESC`)
      .limit(1)
      .get()?.id;
  if (!leaf) return [];
  const rows = db.all<{ id: string }>(sql`
    WITH RECURSIVE path(id, parent_id, depth) AS (
      SELECT id, parent_id, 0 FROM ${messages}
        WHERE id = ${leaf} AND conversation_id = ${conversationId}
      UNION ALL
      SELECT m.id, m.parent_id, p.depth + 1 FROM ${messages} m JOIN path p ON m.id = p.parent_id
        WHERE m.conversation_id = ${conversationId} AND p.depth < ${MAX_PATH}
    )
    SELECT id FROM path ORDER BY depth DESC
  `);
  // A cycle (never made by the app) would repeat ids: keep the path up to the first repeat, as getThread does.
  const seen = new Set<string>();
  const ids: string[] = [];
  for (let i = rows.length - 1; i >= 0; i--) {
    if (seen.has(rows[i].id)) break;
    seen.add(rows[i].id);
    ids.push(rows[i].id);
  }
  return ids.reverse();
}

/**
 * Messages of one owned conversation by id, in the order of `ids` (a page of its path). Ids that are
 * not in the conversation are left out.
 */
export function getMessagesByIds(
  db: Db,
  ownerId: string,
  conversationId: string,
  ids: string[],
): ChatUIMessage[] {
  if (ids.length === 0 || !getConversation(db, ownerId, conversationId)) return [];
  const rows = db
    .select({
      id: messages.id,
      role: messages.role,
      parts: messages.parts,
      metadata: messages.metadata,
      status: messages.status,
    })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), inArray(messages.id, ids)))
    .all();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toUIMessage(row)] : [];
  });
}

export interface UserTurnInput {
  ownerId: string;
  conversationId: string;
  userMessage: ChatUIMessage;
  /**
   * The answer the message follows (null: a first message). Undefined: the end of the active branch.
   * Checked here: it must be a finished answer of this conversation.
   */
  parentId?: string | null;
  assistantMessageId: string;
  assistantMetadata: ChatMessageMetadata;
  /** Title for a conversation created by this turn. */
  title: string;
}

/**
 * Saves the user's message (creating the conversation on its first message) and an empty assistant
 * message in `streaming` state, in one transaction, before the model is called.
 */
export function saveUserTurn(db: Db, input: UserTurnInput): { created: boolean } {
  return db.transaction((tx) => {
    const txDb = tx as unknown as Db;
    let conversation = getConversation(txDb, input.ownerId, input.conversationId);
    let created = false;
    if (!conversation) {
      if (conversationIdTaken(txDb, input.conversationId)) throw new NotFoundError('Conversation not found');
      conversation = prepared(txDb, 'insertConversation', (d) =>
        d
          .insert(conversations)
          .values({
            id: sql.placeholder('id'),
            ownerId: sql.placeholder('ownerId'),
            title: sql.placeholder('title'),
          })
          .returning()
          .prepare(),
      ).get({ id: input.conversationId, ownerId: input.ownerId, title: input.title });
      created = true;
    }
    const existing = prepared(txDb, 'messageIdTaken', (d) =>
      d
        .select({ id: messages.id })
        .from(messages)
        .where(eq(messages.id, sql.placeholder('id')))
        .prepare(),
    ).get({ id: input.userMessage.id });
    if (existing) throw new ConflictError('This message was already sent.');
    const parentId = input.parentId === undefined ? conversation.activeLeafId : input.parentId;
    if (input.parentId !== undefined) {
      if (created && input.parentId !== null) throw new NotFoundError('Message not found');
      assertValidParent(txDb, input.conversationId, input.parentId);
    }
    const now = afterSiblings(txDb, input.conversationId, parentId, Date.now());
    insertMessage(txDb, {
      id: input.userMessage.id,
      conversationId: input.conversationId,
      parentId,
      role: 'user',
      parts: input.userMessage.parts,
      metadata: { createdAt: now },
      status: 'complete',
      content: textOf(input.userMessage.parts),
      createdAt: now,
      updatedAt: now,
    });
    insertMessage(txDb, {
      id: input.assistantMessageId,
      conversationId: input.conversationId,
      parentId: input.userMessage.id,
      role: 'assistant',
      parts: [],
      metadata: input.assistantMetadata,
      status: 'streaming',
      content: '',
      createdAt: now + 1,
      updatedAt: now + 1,
    });
    setActiveLeaf(txDb, input.conversationId, input.assistantMessageId, now);
    return { created };
  });
}

/** Saves the partial answer of a streaming message (the coarse checkpoint; never per token). */
export function checkpointAssistantMessage(
  db: Db,
  id: string,
  parts: ChatUIMessage['parts'],
  metadata: ChatMessageMetadata,
): void {
  prepared(
    db,
    'checkpointAnswer',
    (d) =>
      d
        .update(messages)
        .set({
          parts: placeholder('parts'),
          metadata: placeholder('metadata'),
          content: placeholder('content'),
          updatedAt: placeholder('updatedAt'),
        })
        .where(and(eq(messages.id, sql.placeholder('id')), eq(messages.status, 'streaming')))
        .prepare(),
    // A placeholder in SET is passed as is: JSON columns are encoded here, as Drizzle would.
  ).run({
    id,
    parts: JSON.stringify(parts),
    metadata: JSON.stringify(metadata),
    content: textOf(parts),
    updatedAt: Date.now(),
  });
}

/** The one final write of an answer: its parts, metadata and end status. */
export function finishAssistantMessage(
  db: Db,
  id: string,
  parts: ChatUIMessage['parts'],
  metadata: ChatMessageMetadata,
  status: Exclude<MessageStatus, 'streaming'>,
): void {
  db.update(messages)
    .set({ parts, metadata: { ...metadata, status }, status, content: textOf(parts), updatedAt: Date.now() })
    .where(eq(messages.id, id))
    .run();
}

/**
 * Ends an answer that is still `streaming` as `error` with `errorText` (its turn failed before or
 * while it started); an answer that already ended is left as it is.
 */
export function failStreamingAnswer(
  db: Db,
  id: string,
  metadata: ChatMessageMetadata,
  errorText: string,
): boolean {
  const result = db
    .update(messages)
    .set({ metadata: { ...metadata, status: 'error', errorText }, status: 'error', updatedAt: Date.now() })
    .where(and(eq(messages.id, id), eq(messages.status, 'streaming')))
    .run();
  return result.changes > 0;
}

/** After a crash: answers left `streaming` by a dead process become `interrupted`. */
export function markStreamingInterrupted(db: Db): number {
  const result = db
    .update(messages)
    .set({
      status: 'interrupted',
      metadata: sql`json_set(${messages.metadata}, '$.status', 'interrupted')`,
      updatedAt: Date.now(),
    })
    .where(eq(messages.status, 'streaming'))
    .run();
  return result.changes;
}

export interface RegenerationInput {
  ownerId: string;
  conversationId: string;
  /** The answer to ask again; the new one becomes its sibling. */
  messageId: string;
  assistantMessageId: string;
  assistantMetadata: ChatMessageMetadata;
}

/**
 * Starts a new answer to the same question as `messageId`: an empty `streaming` sibling under the
 * same user message, which becomes the end of the active branch. The old answer stays in the tree.
 */
export function startRegeneration(db: Db, input: RegenerationInput): void {
  db.transaction((tx) => {
    const txDb = tx as unknown as Db;
    if (!getConversation(txDb, input.ownerId, input.conversationId))
      throw new NotFoundError('Conversation not found');
    const old = tx
      .select({ parentId: messages.parentId, role: messages.role })
      .from(messages)
      .where(and(eq(messages.id, input.messageId), eq(messages.conversationId, input.conversationId)))
      .get();
    if (old?.role !== 'assistant' || !old.parentId) throw new NotFoundError('Message not found');
    const now = afterSiblings(txDb, input.conversationId, old.parentId, Date.now());
    insertMessage(txDb, {
      id: input.assistantMessageId,
      conversationId: input.conversationId,
      parentId: old.parentId,
      role: 'assistant',
      parts: [],
      metadata: input.assistantMetadata,
      status: 'streaming',
      content: '',
      createdAt: now,
      updatedAt: now,
    });
    setActiveLeaf(txDb, input.conversationId, input.assistantMessageId, now);
  });
}
