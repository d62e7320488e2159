import { sql } from 'drizzle-orm';
import {
  type AnySQLiteColumn,
  index,
  integer,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import type { ConversationContext } from '@/lib/chat/context-types';
import type { ChatMessageMetadata, ChatUIMessage, MessageStatus } from '@/lib/chat/types';

const now = sql`(cast(unixepoch('subsecond') * 1000 as integer))`;

// --- Accounts: better-auth's tables (core + admin plugin fields), on the same SQLite file. ---

export const user = sqliteTable('user', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: integer('email_verified', { mode: 'boolean' }).notNull().default(false),
  image: text('image'),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  role: text('role'),
  banned: integer('banned', { mode: 'boolean' }).default(false),
  banReason: text('ban_reason'),
  banExpires: integer('ban_expires', { mode: 'timestamp_ms' }),
});

export const session = sqliteTable(
  'session',
  {
    id: text('id').primaryKey(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    token: text('token').notNull().unique(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    impersonatedBy: text('impersonated_by'),
  },
  (t) => [index('session_user_idx').on(t.userId)],
);

export const account = sqliteTable(
  'account',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: integer('access_token_expires_at', { mode: 'timestamp_ms' }),
    refreshTokenExpiresAt: integer('refresh_token_expires_at', { mode: 'timestamp_ms' }),
    scope: text('scope'),
    password: text('password'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('account_user_idx').on(t.userId)],
);

export const verification = sqliteTable('verification', {
  id: text('id').primaryKey(),
  identifier: text('identifier').notNull(),
  value: text('value').notNull(),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
});

/** Single-use sign-up links made by an admin (AUTH_SIGNUP=invite). Only the token's hash is stored. */
export const invites = sqliteTable('invites', {
  id: text('id').primaryKey(),
  tokenHash: text('token_hash').notNull().unique(),
  createdBy: text('created_by')
    .notNull()
    .references(() => user.id, { onDelete: 'cascade' }),
  createdAt: integer('created_at').notNull().default(now),
  expiresAt: integer('expires_at').notNull(),
  usedAt: integer('used_at'),
  usedBy: text('used_by').references(() => user.id, { onDelete: 'set null' }),
});

/** Values the app makes for itself once and keeps (e.g. the auth secret when none is configured). */
export const appSettings = sqliteTable('app_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const TITLE_SOURCES = ['auto', 'generated', 'user'] as const;
export type TitleSource = (typeof TITLE_SOURCES)[number];

export const conversations = sqliteTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    title: text('title').notNull().default(''),
    pinned: integer('pinned', { mode: 'boolean' }).notNull().default(false),
    archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
    settings: text('settings', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
    /** Last message of the active branch; the thread is the path from the root to it. */
    activeLeafId: text('active_leaf_id'),
    /**
     * Where the model's context starts (drop / compact the oldest turns); null: the whole thread.
     * See `ConversationContext` in lib/chat/context.ts.
     */
    context: text('context', { mode: 'json' }).$type<ConversationContext>(),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
    /**
     * Who wrote the title: `auto` (provisional, from the first message), `generated` (GLM), `user`
     * (a rename, which always wins over a GLM title that arrives later).
     */
    titleSource: text('title_source', { enum: TITLE_SOURCES }).notNull().default('auto'),
    /** Set by "Delete": hidden everywhere at once, restorable by Undo, purged later. */
    deletedAt: integer('deleted_at'),
  },
  (t) => [
    index('conversations_owner_updated_idx').on(t.ownerId, t.updatedAt),
    // The sidebar's keyset pages: (pinned, updated_at, id) newest first, per owner and view.
    index('conversations_owner_list_idx')
      .on(t.ownerId, t.archived, t.pinned, t.updatedAt, t.id)
      .where(sql`deleted_at is null`),
  ],
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

/** What a shared link shows besides the messages' text (stored as JSON on the link). */
export interface ShareOptions {
  /** Show GLM's reasoning blocks. */
  reasoning: boolean;
  /** Show tool calls (names, inputs, outputs). */
  tools: boolean;
  /** Let search engines index the page (otherwise `noindex`). */
  indexable: boolean;
  /** How long the link lives after it is made or last updated (`expires_at` holds the moment). */
  expiry: 'never' | '1d' | '7d' | '30d';
}

/**
 * Read-only links to a snapshot of a conversation: the active branch from its root to
 * `leaf_message_id` (messages never change once finished, so a pointer is a snapshot). The token is
 * kept so the owner can see the link again; visitors are looked up by its SHA-256 (`token_hash`).
 * Deleting the conversation, the leaf message or the owner deletes the link.
 */
export const shares = sqliteTable(
  'shares',
  {
    id: text('id').primaryKey(),
    token: text('token').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    ownerId: text('owner_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    leafMessageId: text('leaf_message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    options: text('options', { mode: 'json' }).$type<ShareOptions>().notNull(),
    /** The conversation's title when the link was made or last updated: what the page shows. */
    title: text('title'),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
    revokedAt: integer('revoked_at'),
    /** null: never expires. */
    expiresAt: integer('expires_at'),
    viewCount: integer('view_count').notNull().default(0),
  },
  (t) => [
    index('shares_owner_created_idx').on(t.ownerId, t.createdAt),
    index('shares_conversation_idx').on(t.conversationId),
  ],
);

/**
 * One row per billed GLM call group: an answer (all steps of its tool loop summed) or a context
 * summary. Tokens and the prices in force are kept; cost = tokens × prices, computed in SQL when
 * aggregating, in integers (picodollars). Kept when the conversation is deleted (it is spend history;
 * the ids are then dangling and nothing joins on them); deleted with the owner's account.
 */
export const usageEvents = sqliteTable(
  'usage_events',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    conversationId: text('conversation_id').notNull(),
    /** The answer's message id; null for a context summary. */
    messageId: text('message_id'),
    kind: text('kind', { enum: ['answer', 'summary'] }).notNull(),
    inputTokens: integer('input_tokens').notNull().default(0),
    cachedInputTokens: integer('cached_input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    reasoningTokens: integer('reasoning_tokens').notNull().default(0),
    inputPico: integer('input_pico').notNull(),
    cachedInputPico: integer('cached_input_pico').notNull(),
    outputPico: integer('output_pico').notNull(),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [
    index('usage_events_owner_created_idx').on(t.ownerId, t.createdAt),
    index('usage_events_conversation_idx').on(t.conversationId),
    index('usage_events_created_idx').on(t.createdAt),
  ],
);

export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type UserRow = typeof user.$inferSelect;
export type ShareRow = typeof shares.$inferSelect;

/**
 * Named model settings of a user (system prompt included). At most one is the default: setting it
 * copies its settings into the user's defaults (`model_defaults`), which new conversations start from.
 */
export const modelPresets = sqliteTable(
  'model_presets',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    settings: text('settings', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [uniqueIndex('model_presets_owner_name_idx').on(t.ownerId, t.name)],
);

/** A user's default model settings ("Save as my defaults"); absent: the app's documented defaults. */
export const modelDefaults = sqliteTable('model_defaults', {
  ownerId: text('owner_id')
    .primaryKey()
    .references(() => user.id, { onDelete: 'cascade' }),
  settings: text('settings', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  updatedAt: integer('updated_at').notNull().default(now),
});

export type ModelPresetRow = typeof modelPresets.$inferSelect;
