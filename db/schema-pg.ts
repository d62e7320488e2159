import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { ConversationContext } from '@/lib/chat/context-types';
import type { ChatMessageMetadata, ChatUIMessage, MessageStatus } from '@/lib/chat/types';
import { MESSAGE_ROLES, MESSAGE_STATUSES, type ShareOptions, TITLE_SOURCES } from './schema';

/**
 * The PostgreSQL declaration of db/schema.ts: the same tables, exported names and JS property names,
 * with column types chosen so every value reads back as the SQLite schema gives it (times in ms as
 * numbers, better-auth's times as Dates, JSON as jsonb, booleans as booleans). The enums and JSON
 * shapes are shared with db/schema.ts, never copied. Migrations: drizzle/pg (drizzle.pg.config.ts).
 */
export {
  MESSAGE_ROLES,
  MESSAGE_STATUSES,
  type ShareOptions,
  TITLE_SOURCES,
  type TitleSource,
} from './schema';

/** Milliseconds since the epoch at the moment of the write, as the SQLite schema's default. */
const now = sql`floor(extract(epoch from clock_timestamp()) * 1000)::bigint`;

/** A time in ms since the epoch (what the SQLite schema stores as an integer): a JS number. */
const ms = (name: string) => bigint(name, { mode: 'number' });

/** better-auth's times: Dates in JS (as SQLite's `timestamp_ms` mode), timestamptz to the ms here. */
const authTime = (name: string) => timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });

// --- Accounts: better-auth's tables (core + admin plugin fields), in the same database. ---

export const user = pgTable('user', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: boolean('email_verified').notNull().default(false),
  image: text('image'),
  createdAt: authTime('created_at').notNull(),
  updatedAt: authTime('updated_at').notNull(),
  role: text('role'),
  banned: boolean('banned').default(false),
  banReason: text('ban_reason'),
  banExpires: authTime('ban_expires'),
});

export const session = pgTable(
  'session',
  {
    id: text('id').primaryKey(),
    expiresAt: authTime('expires_at').notNull(),
    token: text('token').notNull().unique(),
    createdAt: authTime('created_at').notNull(),
    updatedAt: authTime('updated_at').notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    impersonatedBy: text('impersonated_by'),
  },
  (t) => [index('session_user_idx').on(t.userId)],
);

export const account = pgTable(
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
    accessTokenExpiresAt: authTime('access_token_expires_at'),
    refreshTokenExpiresAt: authTime('refresh_token_expires_at'),
    scope: text('scope'),
    password: text('password'),
    createdAt: authTime('created_at').notNull(),
    updatedAt: authTime('updated_at').notNull(),
  },
  (t) => [index('account_user_idx').on(t.userId)],
);

export const verification = pgTable('verification', {
  id: text('id').primaryKey(),
  identifier: text('identifier').notNull(),
  value: text('value').notNull(),
  expiresAt: authTime('expires_at').notNull(),
  createdAt: authTime('created_at'),
  updatedAt: authTime('updated_at'),
});

/** Single-use sign-up links made by an admin (AUTH_SIGNUP=invite). Only the token's hash is stored. */
export const invites = pgTable('invites', {
  id: text('id').primaryKey(),
  tokenHash: text('token_hash').notNull().unique(),
  createdBy: text('created_by')
    .notNull()
    .references(() => user.id, { onDelete: 'cascade' }),
  createdAt: ms('created_at').notNull().default(now),
  expiresAt: ms('expires_at').notNull(),
  usedAt: ms('used_at'),
  usedBy: text('used_by').references(() => user.id, { onDelete: 'set null' }),
});

/** Values the app makes for itself once and keeps (e.g. the auth secret when none is configured). */
export const appSettings = pgTable('app_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const conversations = pgTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    title: text('title').notNull().default(''),
    pinned: boolean('pinned').notNull().default(false),
    archived: boolean('archived').notNull().default(false),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    /** Last message of the active branch; the thread is the path from the root to it. */
    activeLeafId: text('active_leaf_id'),
    /**
     * Where the model's context starts (drop / compact the oldest turns); null: the whole thread.
     * See `ConversationContext` in lib/chat/context.ts.
     */
    context: jsonb('context').$type<ConversationContext>(),
    createdAt: ms('created_at').notNull().default(now),
    updatedAt: ms('updated_at').notNull().default(now),
    /**
     * Who wrote the title: `auto` (provisional, from the first message), `generated` (GLM), `user`
     * (a rename, which always wins over a GLM title that arrives later).
     */
    titleSource: text('title_source', { enum: TITLE_SOURCES }).notNull().default('auto'),
    /** Set by "Delete": hidden everywhere at once, restorable by Undo, purged later. */
    deletedAt: ms('deleted_at'),
  },
  (t) => [
    index('conversations_owner_updated_idx').on(t.ownerId, t.updatedAt),
    // The sidebar's keyset pages: (pinned, updated_at, id) newest first, per owner and view.
    index('conversations_owner_list_idx')
      .on(t.ownerId, t.archived, t.pinned, t.updatedAt, t.id)
      .where(sql`deleted_at is null`),
    // Search: trigram index for ILIKE '%term%' on titles (pg_trgm, created by migration 0000).
    index('conversations_title_trgm_idx').using('gin', t.title.op('gin_trgm_ops')),
  ],
);

export const messages = pgTable(
  'messages',
  {
    /** Integer surrogate key: a stable rowid for the full-text index. */
    pk: integer('pk').primaryKey().generatedByDefaultAsIdentity(),
    id: text('id').notNull().unique(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    parentId: text('parent_id').references((): AnyPgColumn => messages.id, { onDelete: 'cascade' }),
    role: text('role', { enum: MESSAGE_ROLES }).notNull(),
    parts: jsonb('parts').$type<ChatUIMessage['parts']>().notNull(),
    metadata: jsonb('metadata').$type<ChatMessageMetadata>().notNull().default({}),
    status: text('status', { enum: MESSAGE_STATUSES }).$type<MessageStatus>().notNull().default('complete'),
    /** Plain-text projection of the text parts (search, titles, exports). */
    content: text('content').notNull().default(''),
    createdAt: ms('created_at').notNull().default(now),
    updatedAt: ms('updated_at').notNull().default(now),
  },
  (t) => [
    index('messages_conversation_created_idx').on(t.conversationId, t.createdAt),
    index('messages_parent_idx').on(t.parentId),
    index('messages_status_idx').on(t.status),
    // Search: trigram index for ILIKE '%term%' on the text of every message (CJK included).
    index('messages_content_trgm_idx').using('gin', t.content.op('gin_trgm_ops')),
  ],
);

/**
 * Read-only links to a snapshot of a conversation: the active branch from its root to
 * `leaf_message_id` (messages never change once finished, so a pointer is a snapshot). The token is
 * kept so the owner can see the link again; visitors are looked up by its SHA-256 (`token_hash`).
 * Deleting the conversation, the leaf message or the owner deletes the link.
 */
export const shares = pgTable(
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
    options: jsonb('options').$type<ShareOptions>().notNull(),
    /** The conversation's title when the link was made or last updated: what the page shows. */
    title: text('title'),
    createdAt: ms('created_at').notNull().default(now),
    updatedAt: ms('updated_at').notNull().default(now),
    revokedAt: ms('revoked_at'),
    /** null: never expires. */
    expiresAt: ms('expires_at'),
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
export const usageEvents = pgTable(
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
    inputPico: bigint('input_pico', { mode: 'number' }).notNull(),
    cachedInputPico: bigint('cached_input_pico', { mode: 'number' }).notNull(),
    outputPico: bigint('output_pico', { mode: 'number' }).notNull(),
    createdAt: ms('created_at').notNull().default(now),
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
export const modelPresets = pgTable(
  'model_presets',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: ms('created_at').notNull().default(now),
    updatedAt: ms('updated_at').notNull().default(now),
  },
  (t) => [uniqueIndex('model_presets_owner_name_idx').on(t.ownerId, t.name)],
);

/** A user's default model settings ("Save as my defaults"); absent: the app's documented defaults. */
export const modelDefaults = pgTable('model_defaults', {
  ownerId: text('owner_id')
    .primaryKey()
    .references(() => user.id, { onDelete: 'cascade' }),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull(),
  updatedAt: ms('updated_at').notNull().default(now),
});

export type ModelPresetRow = typeof modelPresets.$inferSelect;
