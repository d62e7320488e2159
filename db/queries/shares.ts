import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { ChatUIMessage, MessageStatus } from '@/lib/chat/types';
import { ConflictError, NotFoundError } from '@/lib/errors';
import type { Db } from '../client';
import { conversations, messages, type ShareOptions, type ShareRow, shares } from '../schema';
import { getConversation } from './conversations';
import { textOf, toUIMessage } from './messages';

/** A link as its owner sees it (dialog, Shared links page). */
export interface ShareSummary {
  id: string;
  token: string;
  conversationId: string;
  title: string;
  options: ShareOptions;
  createdAt: number;
  updatedAt: number;
  revokedAt: number | null;
  expiresAt: number | null;
  viewCount: number;
  /** The snapshot ends where the conversation's active branch ends now. */
  upToDate: boolean;
}

const summaryColumns = {
  id: shares.id,
  token: shares.token,
  conversationId: shares.conversationId,
  title: conversations.title,
  options: shares.options,
  createdAt: shares.createdAt,
  updatedAt: shares.updatedAt,
  revokedAt: shares.revokedAt,
  expiresAt: shares.expiresAt,
  viewCount: shares.viewCount,
  upToDate: sql<number>`${shares.leafMessageId} = ${conversations.activeLeafId}`,
};

type SummaryRow = Omit<ShareSummary, 'upToDate'> & { upToDate: number | null };
const toSummary = (row: SummaryRow): ShareSummary => ({ ...row, upToDate: Boolean(row.upToDate) });

/** Every link of an owner, newest first, revoked ones included (they say so). */
export function listShares(db: Db, ownerId: string, limit = 500): ShareSummary[] {
  return db
    .select(summaryColumns)
    .from(shares)
    .innerJoin(conversations, eq(conversations.id, shares.conversationId))
    .where(and(eq(shares.ownerId, ownerId), isNull(conversations.deletedAt)))
    .orderBy(desc(shares.createdAt))
    .limit(limit)
    .all()
    .map(toSummary);
}

/** The conversation's live (not revoked) link, if it has one: a conversation has at most one. */
export function getConversationShare(
  db: Db,
  ownerId: string,
  conversationId: string,
): ShareSummary | undefined {
  const row = db
    .select(summaryColumns)
    .from(shares)
    .innerJoin(conversations, eq(conversations.id, shares.conversationId))
    .where(
      and(eq(shares.ownerId, ownerId), eq(shares.conversationId, conversationId), isNull(shares.revokedAt)),
    )
    .orderBy(desc(shares.createdAt))
    .get();
  return row ? toSummary(row) : undefined;
}

function getShareSummary(db: Db, ownerId: string, id: string): ShareSummary | undefined {
  const row = db
    .select(summaryColumns)
    .from(shares)
    .innerJoin(conversations, eq(conversations.id, shares.conversationId))
    .where(and(eq(shares.id, id), eq(shares.ownerId, ownerId)))
    .get();
  return row ? toSummary(row) : undefined;
}

/** The end of the conversation's active branch, which must be a finished message. */
function currentEnd(
  db: Db,
  ownerId: string,
  conversationId: string,
): { leafMessageId: string; title: string } {
  const conversation = getConversation(db, ownerId, conversationId);
  if (!conversation) throw new NotFoundError('Conversation not found');
  if (!conversation.activeLeafId) throw new ConflictError('There is nothing to share yet.');
  const leaf = db
    .select({ status: messages.status })
    .from(messages)
    .where(eq(messages.id, conversation.activeLeafId))
    .get();
  if (!leaf) throw new ConflictError('There is nothing to share yet.');
  if (leaf.status === 'streaming') throw new ConflictError('Wait for the answer to finish, then share.');
  // The title goes with the snapshot: a later rename is not on the link until "Update link".
  return { leafMessageId: conversation.activeLeafId, title: conversation.title };
}

export interface NewShare {
  id: string;
  token: string;
  tokenHash: string;
  ownerId: string;
  conversationId: string;
  options: ShareOptions;
  expiresAt: number | null;
  now: number;
}

/** A link to the conversation's active branch as it ends now. One live link per conversation. */
export function createShare(db: Db, input: NewShare): ShareSummary {
  return db.transaction((tx) => {
    const txDb = tx as unknown as Db;
    const { leafMessageId, title } = currentEnd(txDb, input.ownerId, input.conversationId);
    if (getConversationShare(txDb, input.ownerId, input.conversationId))
      throw new ConflictError('This conversation already has a link: update or revoke it.');
    tx.insert(shares)
      .values({
        id: input.id,
        token: input.token,
        tokenHash: input.tokenHash,
        conversationId: input.conversationId,
        ownerId: input.ownerId,
        leafMessageId,
        title,
        options: input.options,
        createdAt: input.now,
        updatedAt: input.now,
        expiresAt: input.expiresAt,
      })
      .run();
    const created = getShareSummary(txDb, input.ownerId, input.id);
    if (!created) throw new NotFoundError();
    return created;
  });
}

/**
 * "Update link": the same URL now shows the conversation's current end, with these options and
 * expiry. Another owner's link, or a revoked one, is not found.
 */
export function updateShare(
  db: Db,
  ownerId: string,
  id: string,
  change: { options: ShareOptions; expiresAt: number | null; now: number },
): ShareSummary {
  return db.transaction((tx) => {
    const txDb = tx as unknown as Db;
    const share = tx
      .select({ conversationId: shares.conversationId })
      .from(shares)
      .where(and(eq(shares.id, id), eq(shares.ownerId, ownerId), isNull(shares.revokedAt)))
      .get();
    if (!share) throw new NotFoundError('Link not found');
    const { leafMessageId, title } = currentEnd(txDb, ownerId, share.conversationId);
    tx.update(shares)
      .set({
        leafMessageId,
        title,
        options: change.options,
        expiresAt: change.expiresAt,
        updatedAt: change.now,
      })
      .where(and(eq(shares.id, id), eq(shares.ownerId, ownerId)))
      .run();
    const updated = getShareSummary(txDb, ownerId, id);
    if (!updated) throw new NotFoundError('Link not found');
    return updated;
  });
}

/** "Revoke": the link answers 404 from now on. Another owner's link is not found. */
export function revokeShare(db: Db, ownerId: string, id: string, now = Date.now()): void {
  const changed = db
    .update(shares)
    .set({ revokedAt: now, updatedAt: now })
    .where(and(eq(shares.id, id), eq(shares.ownerId, ownerId), isNull(shares.revokedAt)))
    .run().changes;
  if (changed === 0) throw new NotFoundError('Link not found');
}

export interface LiveShare {
  id: string;
  conversationId: string;
  leafMessageId: string;
  title: string;
  options: ShareOptions;
}

/**
 * The link a visitor's token opens, or undefined when it is unknown, revoked or expired. Every
 * token takes the same path: one indexed lookup by hash, then the checks, so a revoked or expired
 * link cannot be told from one that never existed, not even by time.
 */
export function findLiveShare(db: Db, tokenHash: string, now = Date.now()): LiveShare | undefined {
  const row: (Pick<ShareRow, 'revokedAt' | 'expiresAt'> & LiveShare) | undefined = db
    .select({
      id: shares.id,
      conversationId: shares.conversationId,
      leafMessageId: shares.leafMessageId,
      // The title as of the snapshot (links made before titles were kept: the conversation's).
      title: sql<string>`coalesce(${shares.title}, ${conversations.title})`,
      options: shares.options,
      revokedAt: shares.revokedAt,
      expiresAt: shares.expiresAt,
    })
    .from(shares)
    .innerJoin(conversations, eq(conversations.id, shares.conversationId))
    // A deleted conversation's link is dead at once (before the purge removes it).
    .where(and(eq(shares.tokenHash, tokenHash), isNull(conversations.deletedAt)))
    .get();
  if (!row || row.revokedAt !== null || (row.expiresAt !== null && row.expiresAt <= now)) return undefined;
  const { revokedAt: _revoked, expiresAt: _expires, ...live } = row;
  return live;
}

export function recordShareView(db: Db, id: string): void {
  db.update(shares)
    .set({ viewCount: sql`${shares.viewCount} + 1` })
    .where(eq(shares.id, id))
    .run();
}

interface PathRow {
  id: string;
  role: ChatUIMessage['role'];
  parts: string;
  metadata: string;
  status: MessageStatus;
}

/**
 * The branch from the root to `leafId` (root first), walked up through `parent_id` in SQLite: only
 * the messages on that path are read, never a sibling branch or anything after the leaf.
 */
export function messagePath(db: Db, conversationId: string, leafId: string): ChatUIMessage[] {
  const rows = db.all<PathRow & { depth: number }>(sql`
    with recursive path(id, parent_id, role, parts, metadata, status, depth) as (
      select id, parent_id, role, parts, metadata, status, 0 from ${messages}
        where id = ${leafId} and conversation_id = ${conversationId}
      union all
      select m.id, m.parent_id, m.role, m.parts, m.metadata, m.status, path.depth + 1
        from ${messages} m join path on m.id = path.parent_id
        where m.conversation_id = ${conversationId} and path.depth < 100000
    )
    select id, role, parts, metadata, status, depth from path order by depth desc`);
  return rows.map((row) =>
    toUIMessage({
      id: row.id,
      role: row.role,
      parts: JSON.parse(row.parts) as ChatUIMessage['parts'],
      metadata: JSON.parse(row.metadata) as NonNullable<ChatUIMessage['metadata']>,
      status: row.status,
    }),
  );
}

/**
 * "Continue this conversation": a new private conversation of `ownerId` holding `thread` (already
 * filtered to what the link shows) as one branch, with new message ids. Nothing links it back.
 */
export function insertConversationCopy(
  db: Db,
  input: { ownerId: string; conversationId: string; title: string; thread: ChatUIMessage[]; now: number },
): void {
  db.transaction((tx) => {
    tx.insert(conversations)
      .values({
        id: input.conversationId,
        ownerId: input.ownerId,
        title: input.title,
        createdAt: input.now,
        updatedAt: input.now,
      })
      .run();
    let parentId: string | null = null;
    for (const [index, message] of input.thread.entries()) {
      const id = randomUUID();
      const at = input.now + index;
      tx.insert(messages)
        .values({
          id,
          conversationId: input.conversationId,
          parentId,
          role: message.role,
          parts: message.parts,
          metadata: { ...message.metadata, createdAt: at },
          status: message.metadata?.status ?? 'complete',
          content: textOf(message.parts),
          createdAt: at,
          updatedAt: at,
        })
        .run();
      parentId = id;
    }
    tx.update(conversations)
      .set({ activeLeafId: parentId })
      .where(eq(conversations.id, input.conversationId))
      .run();
  });
}
