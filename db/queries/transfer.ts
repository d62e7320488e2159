import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { ValidationError } from '@/lib/errors';
import type { ExportedConversation, ExportedMessage, ImportedConversation } from '@/lib/transfer/format';
import type { Db } from '../client';
import { conversations, messages } from '../schema';
import { textOf, treeColumns } from './messages';

/**
 * Every conversation of an owner (or the ones in `ids`), oldest first, with all their messages
 * (every branch) in the order they were made.
 */
export function conversationsForExport(db: Db, ownerId: string, ids?: string[]): ExportedConversation[] {
  const rows = db
    .select()
    .from(conversations)
    .where(
      ids
        ? and(eq(conversations.ownerId, ownerId), inArray(conversations.id, ids))
        : eq(conversations.ownerId, ownerId),
    )
    .orderBy(asc(conversations.createdAt), asc(conversations.id))
    .all();
  return rows.map((conversation) => ({
    id: conversation.id,
    title: conversation.title,
    pinned: conversation.pinned,
    archived: conversation.archived,
    settings: conversation.settings,
    activeLeafId: conversation.activeLeafId,
    createdAt: conversation.createdAt,
    updatedAt: conversation.updatedAt,
    messages: db
      .select({
        ...treeColumns,
        createdAt: messages.createdAt,
        updatedAt: messages.updatedAt,
      })
      .from(messages)
      .where(eq(messages.conversationId, conversation.id))
      .orderBy(asc(messages.createdAt), asc(messages.pk))
      .all() satisfies ExportedMessage[],
  }));
}

/**
 * Messages ordered so that every parent comes before its children, otherwise keeping the file's
 * order (which decides the order of siblings). A parent that is missing, or a cycle, is an error.
 */
function parentsFirst(
  list: ImportedConversation['messages'],
  title: string,
): ImportedConversation['messages'] {
  const ids = new Set<string>();
  for (const message of list) {
    if (ids.has(message.id)) throw new ValidationError(`"${title}": message ${message.id} appears twice.`);
    ids.add(message.id);
  }
  for (const message of list)
    if (message.parentId !== null && !ids.has(message.parentId))
      throw new ValidationError(
        `"${title}": message ${message.id} answers a message that is not in the file.`,
      );
  const placed = new Set<string>();
  const ordered: ImportedConversation['messages'] = [];
  let pending = list;
  while (pending.length > 0) {
    const next: ImportedConversation['messages'] = [];
    for (const message of pending) {
      if (message.parentId === null || placed.has(message.parentId)) {
        ordered.push(message);
        placed.add(message.id);
      } else next.push(message);
    }
    if (next.length === pending.length) throw new ValidationError(`"${title}": its messages form a loop.`);
    pending = next;
  }
  return ordered;
}

export interface ImportCounts {
  conversations: number;
  messages: number;
  /** The new conversations' ids and titles, in the file's order. */
  imported: Array<{ id: string; title: string }>;
}

/**
 * Inserts conversations for `ownerId` with new ids, in one transaction: a file that fails anywhere
 * changes nothing. Structure, order, content, times and the active branch are kept as given; an
 * answer that was still being written when exported is stored as `interrupted`.
 */
export function insertImportedConversations(
  db: Db,
  ownerId: string,
  list: ImportedConversation[],
  newId: () => string = randomUUID,
): ImportCounts {
  // One prepared statement for the many rows of an import (a query built per row costs ~20× more);
  // it runs on the same connection, inside the transaction below.
  const insertMessage = db.$client.prepare(
    `insert into messages (id, conversation_id, parent_id, role, parts, metadata, status, content, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return db.transaction((tx) => {
    const counts: ImportCounts = { conversations: 0, messages: 0, imported: [] };
    for (const conversation of list) {
      const title = conversation.title || 'Imported conversation';
      const ordered = parentsFirst(conversation.messages, title);
      if (conversation.activeLeafId !== null && !ordered.some((m) => m.id === conversation.activeLeafId))
        throw new ValidationError(`"${title}": its active message is not in the file.`);
      const conversationId = newId();
      tx.insert(conversations)
        .values({
          id: conversationId,
          ownerId,
          title: conversation.title,
          pinned: conversation.pinned,
          archived: conversation.archived,
          settings: conversation.settings,
          createdAt: conversation.createdAt,
          updatedAt: conversation.updatedAt,
        })
        .run();
      const idMap = new Map<string, string>();
      for (const message of ordered) {
        const id = newId();
        idMap.set(message.id, id);
        const status = message.status === 'streaming' ? 'interrupted' : message.status;
        const metadata = message.status === 'streaming' ? { ...message.metadata, status } : message.metadata;
        insertMessage.run(
          id,
          conversationId,
          message.parentId === null ? null : (idMap.get(message.parentId) ?? null),
          message.role,
          JSON.stringify(message.parts),
          JSON.stringify(metadata),
          status,
          textOf(message.parts),
          message.createdAt,
          message.updatedAt,
        );
      }
      const activeLeafId = conversation.activeLeafId === null ? null : idMap.get(conversation.activeLeafId);
      tx.update(conversations)
        .set({ activeLeafId: activeLeafId ?? null })
        .where(eq(conversations.id, conversationId))
        .run();
      counts.conversations += 1;
      counts.messages += ordered.length;
      counts.imported.push({ id: conversationId, title: conversation.title });
    }
    return counts;
  });
}
