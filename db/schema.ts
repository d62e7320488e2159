import { sql } from 'drizzle-orm';
import { type AnySQLiteColumn, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { ChatMessageMetadata, ChatUIMessage, MessageStatus } from '@/lib/chat/types';

const now = sql`(cast(unixepoch('subsecond') * 1000 as integer))`;

export const conversations = sqliteTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id').notNull(),
    title: text('title').notNull().default(''),
    pinned: integer('pinned', { mode: 'boolean' }).notNull().default(false),
    archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
    settings: text('settings', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
    /** Last message of the active branch; the thread is the path from the root to it. */
    activeLeafId: text('active_leaf_id'),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [index('conversations_owner_updated_idx').on(t.ownerId, t.updatedAt)],
);

export const MESSAGE_ROLES = ['system', 'user', 'assistant'] as const;
export const MESSAGE_STATUSES = ['complete', 'streaming', 'stopped', 'interrupted', 'error'] as const;

export const messages = sqliteTable(
  'messages',
  {
    /** Integer surrogate key: a stable rowid for the full-text index. */
    pk: integer('pk').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    parentId: text('parent_id').references((): AnySQLiteColumn => messages.id, { onDelete: 'cascade' }),
    role: text('role', { enum: MESSAGE_ROLES }).notNull(),
    parts: text('parts', { mode: 'json' }).$type<ChatUIMessage['parts']>().notNull(),
    metadata: text('metadata', { mode: 'json' }).$type<ChatMessageMetadata>().notNull().default({}),
    status: text('status', { enum: MESSAGE_STATUSES }).$type<MessageStatus>().notNull().default('complete'),
    /** Plain-text projection of the text parts (search, titles, exports). */
    content: text('content').notNull().default(''),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [
    index('messages_conversation_created_idx').on(t.conversationId, t.createdAt),
    index('messages_parent_idx').on(t.parentId),
    index('messages_status_idx').on(t.status),
  ],
);

export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
